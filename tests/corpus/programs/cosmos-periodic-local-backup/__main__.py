"""A Cosmos account with periodic backups kept in locally redundant storage.

Periodic backups default to geo-redundant storage (Microsoft Learn, "Periodic backup storage
redundancy"); this program chooses `Local`, so nothing leaves the region.

Style: data service sample (Cosmos DB periodic backup)
"""

from pulumi_azure_native import cosmosdb, resources

rg = resources.ResourceGroup("db", location="francecentral")
cosmosdb.DatabaseAccount(
    "catalog",
    resource_group_name=rg.name,
    location="francecentral",
    database_account_offer_type=cosmosdb.DatabaseAccountOfferType.STANDARD,
    locations=[cosmosdb.LocationArgs(location_name="francecentral", failover_priority=0)],
    public_network_access="Disabled",
    disable_local_auth=True,
    disable_key_based_metadata_write_access=True,
    minimal_tls_version="Tls12",
    backup_policy=cosmosdb.PeriodicModeBackupPolicyArgs(
        type="Periodic",
        periodic_mode_properties=cosmosdb.PeriodicModePropertiesArgs(
            backup_interval_in_minutes=240, backup_retention_interval_in_hours=8,
            backup_storage_redundancy="Local")),
)
