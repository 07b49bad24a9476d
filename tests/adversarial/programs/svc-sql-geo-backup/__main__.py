"""A SQL database in an unpaired EU region whose backups use geo-redundant storage.

Attack: `requested_backup_storage_redundancy="Geo"` copies backups to another region (Geo is
also the SQL default when the argument is absent). Geo-redundant copies go to the paired
region, and polandcentral has no Azure region pair (Microsoft Learn, "Azure region pairs and
nonpaired regions"), so nothing shows that the copy stays in the EU. A copy whose region cannot
be shown inside the boundary must fail closed, not pass because no rule reads the property.

Class: services next to the platform
Issue: 12 services (SQL geo backup)
Blame: ledger-db
"""

from pulumi_azure_native import sql

server = sql.Server(
    "ledger-sql",
    resource_group_name="rg-sql",
    location="polandcentral",
    public_network_access="Disabled",
    minimal_tls_version="1.2",
    administrators=sql.ServerExternalAdministratorArgs(
        azure_ad_only_authentication=True, login="sql-admins",
        sid="11111111-2222-3333-4444-555555555555", principal_type="Group"),
)
sql.Database(
    "ledger-db",
    resource_group_name="rg-sql",
    server_name=server.name,
    location="polandcentral",
    requested_backup_storage_redundancy="Geo",
)
