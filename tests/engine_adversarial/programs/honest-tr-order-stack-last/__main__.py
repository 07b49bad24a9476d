"""An honest counterpart: the own transform says eastus, the stack transform fixes westeurope.

Why: transforms (honest counterpart)
Expect: pass
"""

import pulumi
from pulumi_azure_native import resources


def set_location(region: str):
    def transform(args: pulumi.ResourceTransformArgs) -> pulumi.ResourceTransformResult:
        return pulumi.ResourceTransformResult({**args.props, "location": region}, args.opts)
    return transform


pulumi.runtime.register_resource_transform(set_location("westeurope"))
resources.ResourceGroup("rg", opts=pulumi.ResourceOptions(transforms=[set_location("eastus")]))
