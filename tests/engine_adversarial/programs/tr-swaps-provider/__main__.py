"""A transform points the namespace at an explicit provider whose location is eastus.

The namespace states no location: the provider it ends up with, after the transform,
decides it.

Why: transforms (provider)
Expect: violation
Blame: ns
"""

import pulumi
import pulumi_azure_native as azure_native
from pulumi_azure_native import eventhub, resources

us = azure_native.Provider("us", location="eastus")


def use_us(args: pulumi.ResourceTransformArgs) -> pulumi.ResourceTransformResult | None:
    if args.type_ == "azure-native:eventhub:Namespace":
        return pulumi.ResourceTransformResult(args.props, pulumi.ResourceOptions.merge(
            args.opts, pulumi.ResourceOptions(provider=us)))
    return None


rg = resources.ResourceGroup("rg", location="westeurope")
eventhub.Namespace(
    "ns",
    resource_group_name=rg.name,
    sku=eventhub.SkuArgs(name="Standard", tier="Standard"),
    public_network_access="Disabled",
    disable_local_auth=True,
    minimum_tls_version="1.2",
    opts=pulumi.ResourceOptions(transforms=[use_us]),
)
