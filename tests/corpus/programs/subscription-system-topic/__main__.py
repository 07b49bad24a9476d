"""A subscription-scope Event Grid system topic (`location: global`) feeding an in-stack queue.

Resource-group and subscription events come from a system topic whose source is the
subscription; such topics are global by design (Microsoft Learn, "Azure subscriptions as an
Event Grid source": system topics for subscriptions use the `global` location).

Style: governance add-on (subscription events to a queue)
"""

from pulumi_azure_native import authorization, eventgrid, resources, servicebus

client = authorization.get_client_config()
rg = resources.ResourceGroup("audit", location="westeurope")
bus = servicebus.Namespace(
    "audit-bus", resource_group_name=rg.name, location="westeurope",
    sku=servicebus.SBSkuArgs(name="Premium", tier="Premium", capacity=1),
    public_network_access="Disabled", disable_local_auth=True, minimum_tls_version="1.2")
queue = servicebus.Queue("changes", resource_group_name=rg.name, namespace_name=bus.name)
topic = eventgrid.SystemTopic(
    "subscription-events",
    resource_group_name=rg.name,
    location="global",
    source=f"/subscriptions/{client.subscription_id}",
    topic_type="Microsoft.Resources.Subscriptions",
    identity=eventgrid.IdentityInfoArgs(type="SystemAssigned"),
)
eventgrid.SystemTopicEventSubscription(
    "changes-to-queue",
    resource_group_name=rg.name,
    system_topic_name=topic.name,
    delivery_with_resource_identity=eventgrid.DeliveryWithResourceIdentityArgs(
        identity=eventgrid.EventSubscriptionIdentityArgs(type="SystemAssigned"),
        destination=eventgrid.ServiceBusQueueEventSubscriptionDestinationArgs(
            endpoint_type="ServiceBusQueue", resource_id=queue.id)),
    filter=eventgrid.EventSubscriptionFilterArgs(
        included_event_types=["Microsoft.Resources.ResourceWriteSuccess",
                              "Microsoft.Resources.ResourceDeleteSuccess"]),
)
