"""The own transform says westeurope, the stack transform (applied after it) says eastus.

The engine runs the resource's own transforms, then its ancestors', then the stack's: the
stack transform has the last word.

Why: transforms (order)
Expect: violation
Blame: rg
"""

import pulumi
from pulumi_azure_native import resources


def set_location(region: str):
    def transform(args: pulumi.ResourceTransformArgs) -> pulumi.ResourceTransformResult:
        return pulumi.ResourceTransformResult({**args.props, "location": region}, args.opts)
    return transform


pulumi.runtime.register_resource_transform(set_location("eastus"))
resources.ResourceGroup("rg", opts=pulumi.ResourceOptions(transforms=[set_location("westeurope")]))
