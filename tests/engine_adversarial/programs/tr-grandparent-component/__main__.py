"""The transform sits two components up: the engine walks every ancestor.

Why: transforms (ancestor)
Expect: violation
Blame: outer-inner-rg
"""

import pulumi
from pulumi_azure_native import resources


def to_eastus(args: pulumi.ResourceTransformArgs) -> pulumi.ResourceTransformResult | None:
    if args.type_ == "azure-native:resources:ResourceGroup":
        return pulumi.ResourceTransformResult({**args.props, "location": "eastus"}, args.opts)
    return None


class Inner(pulumi.ComponentResource):
    def __init__(self, name: str, opts: pulumi.ResourceOptions) -> None:
        super().__init__("acme:index:Inner", name, None, opts)
        resources.ResourceGroup(f"{name}-rg", location="westeurope", opts=pulumi.ResourceOptions(parent=self))
        self.register_outputs({})


class Outer(pulumi.ComponentResource):
    def __init__(self, name: str, opts: pulumi.ResourceOptions) -> None:
        super().__init__("acme:index:Outer", name, None, opts)
        Inner(f"{name}-inner", pulumi.ResourceOptions(parent=self))
        self.register_outputs({})


Outer("outer", pulumi.ResourceOptions(transforms=[to_eastus]))
