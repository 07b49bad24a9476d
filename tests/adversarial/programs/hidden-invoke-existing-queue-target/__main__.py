"""An Event Grid subscription delivering to a queue looked up with an invoke.

Attack: `servicebus.get_queue(...)` reads an existing queue of a shared US namespace; its id
is the destination. Offline the invoke answers a placeholder, which must never be taken for a
resource of this stack or an allow-listed endpoint.

Class: hidden values
Issue: 13 invokes and StackReference
Blame: to-shared-queue
Mentions: to-shared-queue
"""

from pulumi_azure_native import eventgrid, servicebus

shared = servicebus.get_queue_output(
    namespace_name="shared-bus-eastus",
    queue_name="orders",
    resource_group_name="rg-shared-eastus",
)
topic = eventgrid.Topic(
    "orders",
    resource_group_name="rg-orders",
    location="westeurope",
    public_network_access="Disabled",
    disable_local_auth=True,
    data_residency_boundary="WithinRegion",
    minimum_tls_version_allowed="1.2",
)
eventgrid.EventSubscription(
    "to-shared-queue",
    scope=topic.id,
    destination=eventgrid.ServiceBusQueueEventSubscriptionDestinationArgs(
        endpoint_type="ServiceBusQueue", resource_id=shared.id),
)
