"""An Event Grid *namespace* topic subscription pushing every event to an outside webhook.

Attack: namespace topics (`eventgrid:NamespaceTopicEventSubscription`) are a different API from
classic topic subscriptions: delivery is `delivery_configuration.push.destination`, a WebHook
URL here. Rules for `eventgrid:EventSubscription` never see it.

Class: services next to the platform
Issue: 12 services (Event Grid namespace push)
Blame: push-out
Mentions: hooks.partner-us.example.com
"""

from pulumi_azure_native import eventgrid

ns = eventgrid.Namespace(
    "events",
    resource_group_name="rg-events",
    location="westeurope",
    sku=eventgrid.NamespaceSkuArgs(name="Standard", capacity=1),
    public_network_access="Disabled",
    minimum_tls_version_allowed="1.2",
)
topic = eventgrid.NamespaceTopic("orders", namespace_name=ns.name, resource_group_name="rg-events",
                                 event_retention_in_days=1, input_schema="CloudEventSchemaV1_0")
eventgrid.NamespaceTopicEventSubscription(
    "push-out",
    namespace_name=ns.name,
    topic_name=topic.name,
    resource_group_name="rg-events",
    event_delivery_schema="CloudEventSchemaV1_0",
    delivery_configuration=eventgrid.DeliveryConfigurationArgs(
        delivery_mode="Push",
        push=eventgrid.PushInfoArgs(
            destination=eventgrid.WebHookEventSubscriptionDestinationArgs(
                endpoint_type="WebHook", endpoint_url="https://hooks.partner-us.example.com/events"),
        ),
    ),
)
