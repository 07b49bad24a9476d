"""An Azure SQL server with Entra-only authentication, no public network and a zone-redundant
database whose backups stay in the region (`requested_backup_storage_redundancy="Zone"`).

Style: data service sample (Azure SQL, Entra-only)
"""

from pulumi_azure_native import resources, sql

rg = resources.ResourceGroup("sql", location="westeurope")
server = sql.Server(
    "orders",
    resource_group_name=rg.name,
    location="westeurope",
    public_network_access="Disabled",
    minimal_tls_version="1.2",
    administrators=sql.ServerExternalAdministratorArgs(
        administrator_type="ActiveDirectory", azure_ad_only_authentication=True, login="sql-admins",
        sid="11111111-2222-3333-4444-555555555555", tenant_id="72f988bf-86f1-41af-91ab-2d7cd011db47",
        principal_type="Group"),
)
sql.Database("orders", resource_group_name=rg.name, server_name=server.name, location="westeurope",
             sku=sql.SkuArgs(name="GP_Gen5_2", tier="GeneralPurpose"), zone_redundant=True,
             requested_backup_storage_redundancy="Zone")
