"""Identity delivery whose inner destination is a snake_case dict naming a US event hub.

Attack: `delivery_with_resource_identity` is an Args class, but its `destination` is a union
of destination types; a plain dict there is sent as written, with `endpoint_type` /
`resource_id` keys. A rule reading `resourceId` finds nothing. The gate must refuse the
unreadable keys and say to use the `...Args` class.

Class: wire shapes
Issue: 12 snake_case dict, 13 wire truth
Blame: to-hub
Mentions: resource_id
"""

from pulumi_azure_native import eventgrid

topic = eventgrid.Topic(
    "orders", resource_group_name="rg-orders", location="westeurope", public_network_access="Disabled",
    disable_local_auth=True, data_residency_boundary="WithinRegion", minimum_tls_version_allowed="1.2",
    identity=eventgrid.IdentityInfoArgs(type="SystemAssigned"))
eventgrid.EventSubscription(
    "to-hub",
    scope=topic.id,
    delivery_with_resource_identity=eventgrid.DeliveryWithResourceIdentityArgs(
        identity=eventgrid.EventSubscriptionIdentityArgs(type="SystemAssigned"),
        destination={
            "endpoint_type": "EventHub",
            "resource_id": "/subscriptions/5d1e0b7a-0000-4000-8000-0000000000aa/resourceGroups/rg-shared-eastus/providers/Microsoft.EventHub/namespaces/analytics-eastus/eventhubs/orders",
        },
    ),
)
