"""A Cosmos account whose backup policy is a snake_case dict that *reads* as locally redundant.

Attack: `backup_policy` is a union (continuous | periodic). This program leaves out the
discriminator (`type`), as someone who expects the periodic member to be inferred from
`periodic_mode_properties` would. Without it the SDK cannot reduce the union to one member, so
the dict goes on the wire as written: `periodic_mode_properties.backup_storage_redundancy: Local`,
keys the provider does not read. Azure then applies its periodic default: geo-redundant backup
storage (Microsoft Learn, "Periodic backup storage redundancy"). The account is in
polandcentral, which has no Azure region pair, so that copy cannot be shown inside the
boundary. A reviewer - or a rule that reads snake_case keys as if the provider did - sees
`Local` and passes it. The gate must refuse the unreadable keys, never take them at their word.

What the wire really carries was checked with `sovereign preview --format json`: with
`"type": "Periodic"` in the dict, the installed Pulumi SDK (3.272; `pulumi._types`
`reduce_discriminated_union`) picks the periodic member by its discriminator and translates the
keys, so the provider receives `periodicModeProperties.backupStorageRedundancy: Local` - a
readable, locally redundant backup, which is compliant. The earlier version of this program
had the discriminator and so attacked nothing; without it, the capture shows the snake_case
keys on the wire.

Class: wire shapes
Issue: 12 snake_case dict, 13 wire truth
Blame: ledger
Mentions: periodic_mode_properties
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
        "periodic_mode_properties": {
            "backup_interval_in_minutes": 240,
            "backup_retention_interval_in_hours": 8,
            "backup_storage_redundancy": "Local",
        },
    },
)
