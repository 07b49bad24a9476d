"""The namespace states no location and there is no config: it takes its group's, eastus.

Why: provider defaults (resource group)
Expect: violation
Blame: ns
"""

from pulumi_azure_native import eventhub, resources

rg = resources.ResourceGroup("rg-us", location="eastus")
eventhub.Namespace(
    "ns",
    resource_group_name=rg.name,
    sku=eventhub.SkuArgs(name="Standard", tier="Standard"),
    public_network_access="Disabled",
    disable_local_auth=True,
    minimum_tls_version="1.2",
)
