"""Project config eastus for other stacks, this stack's file westeurope: westeurope.

Why: provider defaults (honest counterpart)
Expect: pass
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
