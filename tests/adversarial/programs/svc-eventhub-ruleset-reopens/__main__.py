"""A private Event Hubs namespace re-opened by a network rule set that leaves access unset.

Attack: the namespace says `public_network_access="Disabled"`; the separate
`eventhub:NamespaceNetworkRuleSet` (the `networkRuleSets/default` child) is created without
`public_network_access`, which the SDK fills with `Enabled`, and with `default_action="Allow"`
— the child wins, the namespace is public (Azure Policy "Event Hub Namespaces should disable
public network access" checks both, 0602787f-9896-402a-a6e1-39ee63ee435e).

Class: services next to the platform
Issue: 12 services (child resources re-opening a parent)
Blame: ingest-rules
"""

from pulumi_azure_native import eventhub

ns = eventhub.Namespace(
    "ingest", resource_group_name="rg-ingest", location="westeurope",
    sku=eventhub.SkuArgs(name="Standard", tier="Standard"),
    public_network_access="Disabled", disable_local_auth=True, minimum_tls_version="1.2")
eventhub.NamespaceNetworkRuleSet(
    "ingest-rules",
    namespace_name=ns.name,
    resource_group_name="rg-ingest",
    default_action="Allow",
    trusted_service_access_enabled=True,
)
