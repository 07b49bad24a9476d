"""An honest program previewed under --unknowns.

Why: outputs (honest counterpart)
Expect: pass
Flags: --unknowns
"""

from pulumi_azure_native import eventhub, resources

rg = resources.ResourceGroup("rg", location="westeurope")
eventhub.Namespace(
    "ns",
    resource_group_name=rg.name,
    sku=eventhub.SkuArgs(name="Standard", tier="Standard"),
    public_network_access="Disabled",
    disable_local_auth=True,
    minimum_tls_version="1.2",
)
