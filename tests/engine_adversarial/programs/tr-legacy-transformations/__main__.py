"""A legacy `transformations=` on the group moves it to eastus (applied inside the SDK).

Why: transforms (legacy)
Expect: violation
Blame: rg
"""

import pulumi
from pulumi_azure_native import resources


def to_eastus(args: pulumi.ResourceTransformationArgs) -> pulumi.ResourceTransformationResult:
    return pulumi.ResourceTransformationResult({**args.props, "location": "eastus"}, args.opts)


resources.ResourceGroup("rg", location="westeurope", opts=pulumi.ResourceOptions(transformations=[to_eastus]))
