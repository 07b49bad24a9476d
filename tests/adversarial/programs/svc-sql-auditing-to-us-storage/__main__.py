"""SQL server auditing (statement text included) written to a storage endpoint in the US.

Attack: `sql:ExtendedServerBlobAuditingPolicy.storage_endpoint` is a URL, not an ARM id; the
audit log holds the executed statements with their parameters. Only value-based detection of
URLs/hosts places it.

Class: services next to the platform
Issue: 12 value-based flows
Blame: audit
Mentions: auditlogseastus.blob.core.windows.net
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
sql.ExtendedServerBlobAuditingPolicy(
    "audit",
    resource_group_name="rg-sql",
    server_name=server.name,
    blob_auditing_policy_name="default",
    state=sql.BlobAuditingPolicyState.ENABLED,
    storage_endpoint="https://auditlogseastus.blob.core.windows.net/",
    is_managed_identity_in_use=True,
)
