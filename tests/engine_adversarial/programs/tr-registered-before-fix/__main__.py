"""The eastus group registers first; a "fixing" stack transform is registered after it.

A stack transform applies only to resources registered after it (as in the engine), so the
group stays in eastus.

Why: transforms (order)
Expect: violation
Blame: rg-us
"""

import pulumi
from pulumi_azure_native import resources


def to_westeurope(args: pulumi.ResourceTransformArgs) -> pulumi.ResourceTransformResult:
    return pulumi.ResourceTransformResult({**args.props, "location": "westeurope"}, args.opts)


resources.ResourceGroup("rg-us", location="eastus")
pulumi.runtime.register_resource_transform(to_westeurope)
