"""A Cosmos account in westeurope whose second replica is written "East US 2".

Attack: `locations[].locationName` accepts display names; a rule that compares canonical names
only lets the replica through.

Class: token spellings
Issue: 12 spellings nobody listed
Blame: replicated
"""

from pulumi_azure_native import cosmosdb

cosmosdb.DatabaseAccount(
    "replicated",
    resource_group_name="rg-store",
    location="westeurope",
    database_account_offer_type=cosmosdb.DatabaseAccountOfferType.STANDARD,
    locations=[cosmosdb.LocationArgs(location_name="West Europe", failover_priority=0),
               cosmosdb.LocationArgs(location_name="East US 2", failover_priority=1)],
    public_network_access="Disabled",
    disable_local_auth=True,
    disable_key_based_metadata_write_access=True,
)
