"""pulumi.runtime.register_resource_transform moves every resource group to eastus.

A stack transform applies to every resource registered after it, through the engine's
callback protocol (GetDeploymentInfo must offer the transforms feature).

Why: transforms (stack)
Expect: violation
Blame: rg
"""

import pulumi
from pulumi_azure_native import eventhub, resources


def groups_to_eastus(args: pulumi.ResourceTransformArgs) -> pulumi.ResourceTransformResult | None:
    if args.type_ == "azure-native:resources:ResourceGroup":
        return pulumi.ResourceTransformResult({**args.props, "location": "eastus"}, args.opts)
    return None


pulumi.runtime.register_resource_transform(groups_to_eastus)
rg = resources.ResourceGroup("rg", location="westeurope")
eventhub.Namespace(
    "ns",
    resource_group_name=rg.name,
    sku=eventhub.SkuArgs(name="Standard", tier="Standard"),
    public_network_access="Disabled",
    disable_local_auth=True,
    minimum_tls_version="1.2",
)
