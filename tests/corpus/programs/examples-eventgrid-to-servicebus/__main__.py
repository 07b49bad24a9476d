"""An Event Grid topic delivering to a session queue of a Premium namespace in the same stack.

Delivery uses the topic's managed identity (`delivery_with_resource_identity`); the target is
a resource of this program, so the destination is placed by the stack itself.

Style: pulumi/examples-style service sample (Event Grid -> Service Bus)
"""

from pulumi_azure_native import authorization, eventgrid, resources, servicebus

rg = resources.ResourceGroup("events", location="westeurope")
bus = servicebus.Namespace(
    "bus",
    resource_group_name=rg.name,
    location="westeurope",
    sku=servicebus.SBSkuArgs(name="Premium", tier="Premium", capacity=1),
    public_network_access="Disabled",
    disable_local_auth=True,
    minimum_tls_version="1.2",
)
queue = servicebus.Queue("orders", resource_group_name=rg.name, namespace_name=bus.name,
                         requires_session=True, max_delivery_count=10)
topic = eventgrid.Topic(
    "orders",
    resource_group_name=rg.name,
    location="westeurope",
    public_network_access="Disabled",
    disable_local_auth=True,
    data_residency_boundary="WithinRegion",
    minimum_tls_version_allowed="1.2",
    input_schema="CloudEventSchemaV1_0",
    identity=eventgrid.IdentityInfoArgs(type="SystemAssigned"),
)
authorization.RoleAssignment(
    "topic-sends",
    scope=queue.id,
    principal_id=topic.identity.apply(lambda i: i.principal_id if i else ""),
    principal_type="ServicePrincipal",
    role_definition_id="/providers/Microsoft.Authorization/roleDefinitions/69a216fc-b8fb-44d8-bc22-1f3c2cd27a39",
)
eventgrid.EventSubscription(
    "orders-to-queue",
    scope=topic.id,
    event_delivery_schema="CloudEventSchemaV1_0",
    delivery_with_resource_identity=eventgrid.DeliveryWithResourceIdentityArgs(
        identity=eventgrid.EventSubscriptionIdentityArgs(type="SystemAssigned"),
        destination=eventgrid.ServiceBusQueueEventSubscriptionDestinationArgs(
            endpoint_type="ServiceBusQueue", resource_id=queue.id),
    ),
)
