"""An honest program whose legacy transformation adds tags to everything.

Why: transforms (honest counterpart)
Expect: pass
"""

import pulumi
from pulumi_azure_native import eventhub, resources


def tag(args: pulumi.ResourceTransformationArgs) -> pulumi.ResourceTransformationResult:
    return pulumi.ResourceTransformationResult({**args.props, "tags": {"owner": "events"}}, args.opts)


pulumi.runtime.register_stack_transformation(tag)
rg = resources.ResourceGroup("rg", location="westeurope")
eventhub.Namespace(
    "ns",
    resource_group_name=rg.name,
    sku=eventhub.SkuArgs(name="Standard", tier="Standard"),
    public_network_access="Disabled",
    disable_local_auth=True,
    minimum_tls_version="1.2",
)
