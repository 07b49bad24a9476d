"""A transform drops publicNetworkAccess and adds `public_network_access: Disabled` instead.

Transforms see and return wire (camelCase) keys; the provider reads none of the snake_case
ones, so the namespace keeps the service default: public. The report marks the key.

Why: transforms (wire keys)
Expect: blocked
Blame: ns
"""

import pulumi
from pulumi_azure_native import eventhub, resources


def rename(args: pulumi.ResourceTransformArgs) -> pulumi.ResourceTransformResult:
    props = {k: v for k, v in args.props.items() if k != "publicNetworkAccess"}
    return pulumi.ResourceTransformResult({**props, "public_network_access": "Disabled"}, args.opts)


rg = resources.ResourceGroup("rg", location="westeurope")
eventhub.Namespace(
    "ns",
    resource_group_name=rg.name,
    sku=eventhub.SkuArgs(name="Standard", tier="Standard"),
    public_network_access="Disabled",
    disable_local_auth=True,
    minimum_tls_version="1.2",
    opts=pulumi.ResourceOptions(transforms=[rename]),
)
