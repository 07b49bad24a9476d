"""A legacy stack transformation reopens every namespace to the public network.

Why: transforms (legacy)
Expect: violation
Blame: ns
"""

import pulumi
from pulumi_azure_native import eventhub, resources


def reopen(args: pulumi.ResourceTransformationArgs) -> pulumi.ResourceTransformationResult | None:
    if args.type_ == "azure-native:eventhub:Namespace":
        return pulumi.ResourceTransformationResult({**args.props, "public_network_access": "Enabled"}, args.opts)
    return None


pulumi.runtime.register_stack_transformation(reopen)
rg = resources.ResourceGroup("rg", location="westeurope")
eventhub.Namespace(
    "ns",
    resource_group_name=rg.name,
    sku=eventhub.SkuArgs(name="Standard", tier="Standard"),
    public_network_access="Disabled",
    disable_local_auth=True,
    minimum_tls_version="1.2",
)
