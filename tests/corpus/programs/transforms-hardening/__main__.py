"""A stack-wide resource transform that hardens every messaging resource (platform-team style).

The constructors leave `publicNetworkAccess` / `disableLocalAuth` unset; the transform sets
them on the wire. A gate that ignores transforms would judge the unhardened inputs.

Style: resource transforms for org-wide defaults
"""

import pulumi
from pulumi_azure_native import eventhub, resources, servicebus

HARDEN = ("azure-native:servicebus:Namespace", "azure-native:eventhub:Namespace")


def harden(args: pulumi.ResourceTransformArgs) -> pulumi.ResourceTransformResult | None:
    if args.type_ not in HARDEN:
        return None
    props = {**args.props, "publicNetworkAccess": "Disabled", "disableLocalAuth": True, "minimumTlsVersion": "1.2"}
    return pulumi.ResourceTransformResult(props=props, opts=args.opts)


pulumi.runtime.register_resource_transform(harden)

rg = resources.ResourceGroup("rg", location="westeurope")
servicebus.Namespace("bus", resource_group_name=rg.name, location="westeurope",
                     sku=servicebus.SBSkuArgs(name="Premium", tier="Premium", capacity=1))
eventhub.Namespace("hub", resource_group_name=rg.name, location="westeurope",
                   sku=eventhub.SkuArgs(name="Standard", tier="Standard"))
