"""An Event Grid subscription whose destination is a plain dict with snake_case keys.

Attack: `destination` is a union-typed argument; a dict is sent as written, so
`{"endpoint_type": ..., "resource_id": ...}` goes on the wire with snake_case keys. A rule that
reads `resourceId` finds nothing and passes; the provider does not read the keys either, so
what Azure would do is unknowable — the gate must refuse it and say to use the `...Args`
class.

Class: wire shapes
Issue: 12 snake_case dict, 13 wire truth
Blame: to-us-queue
Mentions: resource_id
"""

from pulumi_azure_native import eventgrid

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
    "to-us-queue",
    scope=topic.id,
    destination={
        "endpoint_type": "ServiceBusQueue",
        "resource_id": "/subscriptions/5d1e0b7a-0000-4000-8000-0000000000aa/resourceGroups/rg-shared-eastus/providers/Microsoft.ServiceBus/namespaces/orders-eastus/queues/orders",
    },
)
