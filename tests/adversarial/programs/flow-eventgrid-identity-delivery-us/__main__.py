"""An Event Grid subscription delivering with the topic's identity to an event hub in the US.

Attack: the target sits in `delivery_with_resource_identity.destination` (not `destination`),
an existing event hub of a US namespace; identity delivery makes it work although the hub has
no public key to leak.

Class: data flows by reference
Issue: 12 value-based flows
Blame: to-us-hub
"""

from pulumi_azure_native import eventgrid

topic = eventgrid.Topic(
    "orders", resource_group_name="rg-orders", location="westeurope", public_network_access="Disabled",
    disable_local_auth=True, data_residency_boundary="WithinRegion", minimum_tls_version_allowed="1.2",
    identity=eventgrid.IdentityInfoArgs(type="SystemAssigned"))
eventgrid.EventSubscription(
    "to-us-hub",
    scope=topic.id,
    delivery_with_resource_identity=eventgrid.DeliveryWithResourceIdentityArgs(
        identity=eventgrid.EventSubscriptionIdentityArgs(type="SystemAssigned"),
        destination=eventgrid.EventHubEventSubscriptionDestinationArgs(
            endpoint_type="EventHub",
            resource_id="/subscriptions/5d1e0b7a-0000-4000-8000-0000000000aa/resourceGroups/rg-shared-eastus/providers/Microsoft.EventHub/namespaces/analytics-eastus/eventhubs/orders"),
    ),
)
