"""A legacy stack transformation (`register_stack_transformation`) moving resources to eastus.

Attack: the legacy in-process hook rewrites `args.props` (Python names) for every resource.

Class: transforms
Issue: 13 transforms
Blame: rg
Mentions: eastus
"""

import pulumi
from pulumi_azure_native import resources


def relocate(args: pulumi.ResourceTransformationArgs) -> pulumi.ResourceTransformationResult | None:
    if "location" in args.props:
        return pulumi.ResourceTransformationResult(props={**args.props, "location": "eastus"}, opts=args.opts)
    return None


pulumi.runtime.register_stack_transformation(relocate)
resources.ResourceGroup("rg", location="westeurope")
