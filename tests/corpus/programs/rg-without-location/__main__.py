"""Resource group and namespace without `location`: both come from `azure-native:location`.

The provider's Check fills a missing `location` from the stack config (Microsoft Learn and
the Pulumi azure-native docs: "location ... defaults to azure-native:location"), resource
groups included.

Style: provider-default location (no location in code)
"""

from pulumi_azure_native import eventhub, resources

rg = resources.ResourceGroup("rg")
eventhub.Namespace(
    "ns",
    resource_group_name=rg.name,
    sku=eventhub.SkuArgs(name="Standard", tier="Standard"),
    public_network_access="Disabled",
    disable_local_auth=True,
    minimum_tls_version="1.2",
)
