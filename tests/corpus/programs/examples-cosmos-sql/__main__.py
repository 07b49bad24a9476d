"""A Cosmos DB (NoSQL) account with a database and a container, Entra-only and private.

Style: pulumi/examples-style service sample (Cosmos DB SQL API)
"""

import pulumi
from pulumi_azure_native import cosmosdb, resources

rg = resources.ResourceGroup("cosmos", location="westeurope")
account = cosmosdb.DatabaseAccount(
    "store",
    resource_group_name=rg.name,
    location="westeurope",
    database_account_offer_type=cosmosdb.DatabaseAccountOfferType.STANDARD,
    locations=[cosmosdb.LocationArgs(location_name="westeurope", failover_priority=0, is_zone_redundant=True)],
    consistency_policy=cosmosdb.ConsistencyPolicyArgs(default_consistency_level="Session"),
    public_network_access="Disabled",
    disable_local_auth=True,
    disable_key_based_metadata_write_access=True,
    minimal_tls_version="Tls12",
    backup_policy=cosmosdb.ContinuousModeBackupPolicyArgs(
        type="Continuous",
        continuous_mode_properties=cosmosdb.ContinuousModePropertiesArgs(tier="Continuous7Days")),
)
db = cosmosdb.SqlResourceSqlDatabase(
    "orders", resource_group_name=rg.name, account_name=account.name,
    resource=cosmosdb.SqlDatabaseResourceArgs(id="orders"))
cosmosdb.SqlResourceSqlContainer(
    "events", resource_group_name=rg.name, account_name=account.name, database_name=db.name,
    resource=cosmosdb.SqlContainerResourceArgs(
        id="events", partition_key=cosmosdb.ContainerPartitionKeyArgs(paths=["/aggregateId"], kind="Hash")))
pulumi.export("endpoint", account.document_endpoint)
