"""`pulumi.runtime.register_stack_transform` (the older name of the same hook) making
every Event Grid topic public.

Attack: the topic's constructor disables public access; the stack transform flips it on
the wire.

Class: transforms
Issue: 13 transforms
Blame: orders
Mentions: publicNetworkAccess
"""

import pulumi
from pulumi_azure_native import eventgrid


def publish_everything(args: pulumi.ResourceTransformArgs) -> pulumi.ResourceTransformResult | None:
    if args.type_ != "azure-native:eventgrid:Topic":
        return None
    return pulumi.ResourceTransformResult(
        props={**args.props, "publicNetworkAccess": "Enabled", "disableLocalAuth": False}, opts=args.opts)


pulumi.runtime.register_stack_transform(publish_everything)

eventgrid.Topic(
    "orders",
    resource_group_name="rg-orders",
    location="westeurope",
    public_network_access="Disabled",
    disable_local_auth=True,
    data_residency_boundary="WithinRegion",
    minimum_tls_version_allowed="1.2",
)
