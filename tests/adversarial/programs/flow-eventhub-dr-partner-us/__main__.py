"""An Event Hubs Geo-DR alias pairing the EU namespace with a partner namespace in the US.

Attack: `eventhub:DisasterRecoveryConfig.partner_namespace` is an ARM id; metadata replicates
there and a failover moves every producer to the US namespace.

Class: data flows by reference
Issue: 12 value-based flows
Blame: dr
"""

from pulumi_azure_native import eventhub

ns = eventhub.Namespace(
    "ingest", resource_group_name="rg-ingest", location="westeurope",
    sku=eventhub.SkuArgs(name="Standard", tier="Standard"),
    public_network_access="Disabled", disable_local_auth=True, minimum_tls_version="1.2")
eventhub.DisasterRecoveryConfig(
    "dr",
    alias="ingest-dr",
    namespace_name=ns.name,
    resource_group_name="rg-ingest",
    partner_namespace="/subscriptions/5d1e0b7a-0000-4000-8000-0000000000aa/resourceGroups/rg-shared-eastus/providers/Microsoft.EventHub/namespaces/ingest-eastus",
)
