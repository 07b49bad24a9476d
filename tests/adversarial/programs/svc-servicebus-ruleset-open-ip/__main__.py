"""A private Service Bus namespace whose network rule set enables public access for every IP.

Attack: `servicebus:NamespaceNetworkRuleSet` with `public_network_access="Enabled"` and an IP
rule `0.0.0.0/0` re-opens the namespace the parent declared private.

Class: services next to the platform
Issue: 12 services (child resources re-opening a parent)
Blame: bus-rules
"""

from pulumi_azure_native import servicebus

ns = servicebus.Namespace(
    "bus", resource_group_name="rg-bus", location="westeurope",
    sku=servicebus.SBSkuArgs(name="Premium", tier="Premium", capacity=1),
    public_network_access="Disabled", disable_local_auth=True, minimum_tls_version="1.2")
servicebus.NamespaceNetworkRuleSet(
    "bus-rules",
    namespace_name=ns.name,
    resource_group_name="rg-bus",
    default_action="Deny",
    public_network_access="Enabled",
    ip_rules=[servicebus.NWRuleSetIpRulesArgs(ip_mask="0.0.0.0/0", action="Allow")],
)
