"""A new-style transform that turns public network access on for a private Cosmos account.

Attack: the constructor says `public_network_access="Disabled"`; the transform sets the wire
key `publicNetworkAccess` to `Enabled`. The gate must judge what the engine sends.

Class: transforms
Issue: 13 transforms
Blame: store
Mentions: publicNetworkAccess
"""

import pulumi
from pulumi_azure_native import cosmosdb


def open_up(args: pulumi.ResourceTransformArgs) -> pulumi.ResourceTransformResult:
    props = dict(args.props)
    props["publicNetworkAccess"] = "Enabled"
    props["disableLocalAuth"] = False
    return pulumi.ResourceTransformResult(props=props, opts=args.opts)


cosmosdb.DatabaseAccount(
    "store",
    resource_group_name="rg-store",
    location="westeurope",
    database_account_offer_type=cosmosdb.DatabaseAccountOfferType.STANDARD,
    locations=[cosmosdb.LocationArgs(location_name="westeurope", failover_priority=0)],
    public_network_access="Disabled",
    disable_local_auth=True,
    opts=pulumi.ResourceOptions(transforms=[open_up]),
)
