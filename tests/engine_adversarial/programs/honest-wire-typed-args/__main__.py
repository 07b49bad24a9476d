"""An honest subscription whose destination uses the SDK's typed Args class (camelCase on the
wire): nothing unreadable.

Why: wire truth (honest counterpart)
Expect: pass
"""

from pulumi_azure_native import eventgrid, resources, servicebus

rg = resources.ResourceGroup("rg", location="westeurope")
bus = servicebus.Namespace("bus", resource_group_name=rg.name, location="westeurope",
                           sku=servicebus.SBSkuArgs(name="Premium", tier="Premium", capacity=1),
                           public_network_access="Disabled", disable_local_auth=True, minimum_tls_version="1.2")
queue = servicebus.Queue("orders", resource_group_name=rg.name, namespace_name=bus.name)
topic = eventgrid.Topic("topic", resource_group_name=rg.name, location="westeurope",
                        public_network_access="Disabled", disable_local_auth=True,
                        data_residency_boundary="WithinRegion", input_schema="CloudEventSchemaV1_0",
                        identity=eventgrid.IdentityInfoArgs(type="SystemAssigned"))
eventgrid.EventSubscription(
    "to-queue",
    scope=topic.id,
    delivery_with_resource_identity=eventgrid.DeliveryWithResourceIdentityArgs(
        identity=eventgrid.EventSubscriptionIdentityArgs(type="SystemAssigned"),
        destination=eventgrid.ServiceBusQueueEventSubscriptionDestinationArgs(
            endpoint_type="ServiceBusQueue", resource_id=queue.id)),
    event_delivery_schema="CloudEventSchemaV1_0",
)
