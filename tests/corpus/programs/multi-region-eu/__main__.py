"""One platform across three EU regions, with a Cosmos account replicated inside the EU.

Groups in westeurope, northeurope and germanywestcentral; Cosmos locations westeurope +
northeurope written as display names (`"West Europe"`), which Azure accepts.

Style: multi-region (all regions inside the boundary)
"""

from pulumi_azure_native import cosmosdb, resources, servicebus

regions = ["westeurope", "northeurope", "germanywestcentral"]
for region in regions:
    rg = resources.ResourceGroup(f"rg-{region}", location=region)
    servicebus.Namespace(
        f"bus-{region}", resource_group_name=rg.name, location=region,
        sku=servicebus.SBSkuArgs(name="Premium", tier="Premium", capacity=1),
        public_network_access="Disabled", disable_local_auth=True, minimum_tls_version="1.2")
cosmosdb.DatabaseAccount(
    "global-store",
    resource_group_name="rg-westeurope",
    location="westeurope",
    database_account_offer_type=cosmosdb.DatabaseAccountOfferType.STANDARD,
    locations=[cosmosdb.LocationArgs(location_name="West Europe", failover_priority=0),
               cosmosdb.LocationArgs(location_name="North Europe", failover_priority=1)],
    enable_automatic_failover=True,
    public_network_access="Disabled",
    disable_local_auth=True,
    disable_key_based_metadata_write_access=True,
    minimal_tls_version="Tls12",
    backup_policy=cosmosdb.ContinuousModeBackupPolicyArgs(type="Continuous"),
)
