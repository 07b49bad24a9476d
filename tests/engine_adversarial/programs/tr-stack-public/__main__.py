"""A stack transform sets publicNetworkAccess Enabled on every Event Hubs namespace.

Why: transforms (stack)
Expect: violation
Blame: ns
"""

import pulumi
from pulumi_azure_native import eventhub, resources


def reopen(args: pulumi.ResourceTransformArgs) -> pulumi.ResourceTransformResult | None:
    if args.type_ == "azure-native:eventhub:Namespace":
        return pulumi.ResourceTransformResult({**args.props, "publicNetworkAccess": "Enabled"}, args.opts)
    return None


pulumi.runtime.register_resource_transform(reopen)
rg = resources.ResourceGroup("rg", location="westeurope")
eventhub.Namespace(
    "ns",
    resource_group_name=rg.name,
    sku=eventhub.SkuArgs(name="Standard", tier="Standard"),
    public_network_access="Disabled",
    disable_local_auth=True,
    minimum_tls_version="1.2",
)
