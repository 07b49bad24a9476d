"""`pulumi.runtime.register_resource_transform` moving every later resource to eastus.

Attack: a stack-wide transform registered at the top of the program applies to every resource
registered after it, components' children included. Nothing at the constructors looks wrong.

Class: transforms
Issue: 13 transforms
Blame: rg, bus
Mentions: eastus
"""

import pulumi
from pulumi_azure_native import resources, servicebus


def everything_to_us(args: pulumi.ResourceTransformArgs) -> pulumi.ResourceTransformResult | None:
    if "location" not in args.props:
        return None
    return pulumi.ResourceTransformResult(props={**args.props, "location": "eastus"}, opts=args.opts)


pulumi.runtime.register_resource_transform(everything_to_us)

rg = resources.ResourceGroup("rg", location="westeurope")
servicebus.Namespace(
    "bus",
    resource_group_name=rg.name,
    location="westeurope",
    sku={"name": "Premium", "tier": "Premium", "capacity": 1},
    public_network_access="Disabled",
    disable_local_auth=True,
    minimum_tls_version="1.2",
)
