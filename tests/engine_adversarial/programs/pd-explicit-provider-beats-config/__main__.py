"""Stack config says westeurope; the namespace's explicit provider says eastus.

An explicit provider does not read stack config: its own location is the default.

Why: provider defaults (explicit provider)
Expect: violation
Blame: ns
"""

import pulumi
import pulumi_azure_native as azure_native
from pulumi_azure_native import eventhub, resources

us = azure_native.Provider("us", location="eastus")
rg = resources.ResourceGroup("rg", location="westeurope")
eventhub.Namespace(
    "ns",
    resource_group_name=rg.name,
    sku=eventhub.SkuArgs(name="Standard", tier="Standard"),
    public_network_access="Disabled",
    disable_local_auth=True,
    minimum_tls_version="1.2",
    opts=pulumi.ResourceOptions(provider=us),
)
