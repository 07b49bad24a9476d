"""An Event Grid subscription whose destination is a plain dict with snake_case keys.

A dict passed for a union-typed argument goes out untranslated; the provider reads none of
its keys (the subscription would have no destination). The report marks the keys; the gate
must not pass it.

Why: wire truth (union dict)
Expect: blocked
Blame: to-queue
Mentions: destination.endpoint_type
"""

from pulumi_azure_native import eventgrid, resources

rg = resources.ResourceGroup("rg", location="westeurope")
topic = eventgrid.Topic("topic", resource_group_name=rg.name, location="westeurope",
                        public_network_access="Disabled", disable_local_auth=True,
                        data_residency_boundary="WithinRegion", input_schema="CloudEventSchemaV1_0")
eventgrid.EventSubscription(
    "to-queue",
    scope=topic.id,
    destination={"endpoint_type": "ServiceBusQueue",
                 "resource_id": "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-us/"
                                "providers/Microsoft.ServiceBus/namespaces/bus-us/queues/orders"},
)
