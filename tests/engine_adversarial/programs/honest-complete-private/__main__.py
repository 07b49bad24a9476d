"""An honest program: a resource group and a private Event Hubs namespace in westeurope.

Why: isolation (honest counterpart)
Expect: pass
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
