"""A component's transforms move its child namespace to eastus.

The engine applies each ancestor's transforms to a child (nearest first): the child's own
request carries none.

Why: transforms (ancestor)
Expect: violation
Blame: plane-ns
"""

import pulumi
from pulumi_azure_native import eventhub, resources


def to_eastus(args: pulumi.ResourceTransformArgs) -> pulumi.ResourceTransformResult | None:
    if args.type_ == "azure-native:eventhub:Namespace":
        return pulumi.ResourceTransformResult({**args.props, "location": "eastus"}, args.opts)
    return None


class Plane(pulumi.ComponentResource):
    def __init__(self, name: str, opts: pulumi.ResourceOptions | None = None) -> None:
        super().__init__("acme:index:Plane", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        rg = resources.ResourceGroup(f"{name}-rg", location="westeurope", opts=child)
        eventhub.Namespace(
            f"{name}-ns", resource_group_name=rg.name, location="westeurope",
            sku=eventhub.SkuArgs(name="Standard", tier="Standard"), public_network_access="Disabled",
            disable_local_auth=True, minimum_tls_version="1.2", opts=child)
        self.register_outputs({})


Plane("plane", opts=pulumi.ResourceOptions(transforms=[to_eastus]))
