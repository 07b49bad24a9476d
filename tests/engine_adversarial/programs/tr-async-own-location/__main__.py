"""An async transform (the SDK awaits it) moves the namespace to eastus.

Why: transforms (own)
Expect: violation
Blame: ns
"""

import pulumi
from pulumi_azure_native import eventhub, resources


async def to_eastus(args: pulumi.ResourceTransformArgs) -> pulumi.ResourceTransformResult:
    return pulumi.ResourceTransformResult({**args.props, "location": "eastus"}, args.opts)


rg = resources.ResourceGroup("rg", location="westeurope")
eventhub.Namespace(
    "ns",
    resource_group_name=rg.name,
    sku=eventhub.SkuArgs(name="Standard", tier="Standard"),
    public_network_access="Disabled",
    disable_local_auth=True,
    minimum_tls_version="1.2",
    opts=pulumi.ResourceOptions(transforms=[to_eastus]),
)
