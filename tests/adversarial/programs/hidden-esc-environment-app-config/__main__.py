"""The region of a Cosmos account read from a project key that only an ESC environment defines.

Attack: `pulumi.Config().require("region")` succeeds under the real CLI because the imported
environment `acme/eventstore-prod` supplies `app:region`. Offline, the key is missing: the
gate must stop with the environment named, not invent a value or pass.

Class: hidden values
Issue: 13 provider defaults (ESC)
Blame: store
Mentions: acme/eventstore-prod
"""

import pulumi
from pulumi_azure_native import cosmosdb

region = pulumi.Config().require("region")
cosmosdb.DatabaseAccount(
    "store",
    resource_group_name="rg-store",
    location=region,
    database_account_offer_type=cosmosdb.DatabaseAccountOfferType.STANDARD,
    locations=[cosmosdb.LocationArgs(location_name=region, failover_priority=0)],
    public_network_access="Disabled",
    disable_local_auth=True,
    disable_key_based_metadata_write_access=True,
)
