"""A Cosmos account whose backup policy is a snake_case dict that *reads* as locally redundant.

Attack: `backup_policy` is a union (continuous | periodic); the dict goes on the wire as
written — `periodic_mode_properties.backup_storage_redundancy: Local` — keys the provider does
not read, so Azure applies the periodic default: geo-redundant backup storage (Microsoft Learn,
"Periodic backup storage redundancy"). The account is in polandcentral, which has no Azure
region pair, so that copy cannot be shown inside the boundary. A reviewer — or a rule that
reads snake_case keys as if the provider did — sees `Local` and passes it. The gate must
refuse the unreadable keys (or judge the default), never take them at their word.

Class: wire shapes
Issue: 12 snake_case dict, 13 wire truth
Blame: ledger
"""

from pulumi_azure_native import cosmosdb

cosmosdb.DatabaseAccount(
    "ledger",
    resource_group_name="rg-ledger",
    location="polandcentral",
    database_account_offer_type=cosmosdb.DatabaseAccountOfferType.STANDARD,
    locations=[cosmosdb.LocationArgs(location_name="polandcentral", failover_priority=0)],
    public_network_access="Disabled",
    disable_local_auth=True,
    disable_key_based_metadata_write_access=True,
    backup_policy={
        "type": "Periodic",
        "periodic_mode_properties": {
            "backup_interval_in_minutes": 240,
            "backup_retention_interval_in_hours": 8,
            "backup_storage_redundancy": "Local",
        },
    },
)
