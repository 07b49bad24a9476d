"""A SQL failover group whose partner server is in eastus.

Attack: the primary server and database are in westeurope; `sql:FailoverGroup` replicates
every listed database to `partner_servers[].id`, an existing server in a US resource group.
The failover group has no location; its data flow is the partner id.

Class: services next to the platform
Issue: 12 services (SQL failover group)
Blame: orders-fog
"""

from pulumi_azure_native import sql

server = sql.Server(
    "orders-sql",
    resource_group_name="rg-sql",
    location="westeurope",
    public_network_access="Disabled",
    minimal_tls_version="1.2",
    administrators=sql.ServerExternalAdministratorArgs(
        azure_ad_only_authentication=True, login="sql-admins",
        sid="11111111-2222-3333-4444-555555555555", principal_type="Group"),
)
db = sql.Database("orders-db", resource_group_name="rg-sql", server_name=server.name,
                  location="westeurope", requested_backup_storage_redundancy="Zone")
sql.FailoverGroup(
    "orders-fog",
    resource_group_name="rg-sql",
    server_name=server.name,
    databases=[db.id],
    partner_servers=[sql.PartnerInfoArgs(id="/subscriptions/5d1e0b7a-0000-4000-8000-0000000000aa/resourceGroups/rg-shared-eastus/providers/Microsoft.Sql/servers/orders-sql-eastus")],
    read_write_endpoint=sql.FailoverGroupReadWriteEndpointArgs(
        failover_policy="Automatic", failover_with_data_loss_grace_period_minutes=60),
)
