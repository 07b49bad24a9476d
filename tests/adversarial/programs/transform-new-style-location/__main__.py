"""A new-style resource transform (`ResourceOptions(transforms=...)`) moving a group to eastus.

Attack: the code a reviewer reads says westeurope; the transform, applied by the engine before
the registration reaches the provider, rewrites `location`. A gate that ignores new-style
transforms judges the pre-transform value.

Class: transforms
Issue: 13 transforms
Blame: rg
Mentions: eastus
"""

import pulumi
from pulumi_azure_native import resources


def relocate(args: pulumi.ResourceTransformArgs) -> pulumi.ResourceTransformResult:
    return pulumi.ResourceTransformResult(props={**args.props, "location": "eastus"}, opts=args.opts)


resources.ResourceGroup("rg", location="westeurope", opts=pulumi.ResourceOptions(transforms=[relocate]))
