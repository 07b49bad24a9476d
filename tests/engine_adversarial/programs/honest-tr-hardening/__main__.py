"""An honest program whose transforms harden every namespace (private, no local auth).

Why: transforms (honest counterpart)
Expect: pass
"""

import pulumi
from pulumi_azure_native import eventhub, resources


def harden(args: pulumi.ResourceTransformArgs) -> pulumi.ResourceTransformResult | None:
    if args.type_ == "azure-native:eventhub:Namespace":
        return pulumi.ResourceTransformResult(
            {**args.props, "publicNetworkAccess": "Disabled", "disableLocalAuth": True, "minimumTlsVersion": "1.2"},
            args.opts)
    return None


pulumi.runtime.register_resource_transform(harden)
rg = resources.ResourceGroup("rg", location="westeurope")
eventhub.Namespace("ns", resource_group_name=rg.name, sku=eventhub.SkuArgs(name="Standard", tier="Standard"))
