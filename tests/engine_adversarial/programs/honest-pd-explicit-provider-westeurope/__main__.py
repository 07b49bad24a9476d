"""An explicit provider set to westeurope (stack config says nothing) for location-less resources.

Why: provider defaults (honest counterpart)
Expect: pass
"""

import pulumi
import pulumi_azure_native as azure_native
from pulumi_azure_native import eventhub, resources

weu = azure_native.Provider("weu", location="westeurope")
rg = resources.ResourceGroup("rg", opts=pulumi.ResourceOptions(provider=weu))
eventhub.Namespace(
    "ns",
    resource_group_name=rg.name,
    sku=eventhub.SkuArgs(name="Standard", tier="Standard"),
    public_network_access="Disabled",
    disable_local_auth=True,
    minimum_tls_version="1.2",
    opts=pulumi.ResourceOptions(provider=weu),
)
