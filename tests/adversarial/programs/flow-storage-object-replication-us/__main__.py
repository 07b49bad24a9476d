"""Object replication from an in-boundary account to an existing account in the US.

Attack: `storage:ObjectReplicationPolicy` copies every new blob of the source container to
`destination_account`; cross-tenant replication is off, but the destination is in the
same tenant — in eastus.

Class: data flows by reference
Issue: 12 value-based flows
Blame: to-us
"""

from pulumi_azure_native import storage

src = storage.StorageAccount(
    "archive", resource_group_name="rg-data", location="westeurope", kind="StorageV2",
    sku=storage.SkuArgs(name="Standard_ZRS"), public_network_access="Disabled",
    allow_blob_public_access=False, allow_shared_key_access=False, allow_cross_tenant_replication=False,
    minimum_tls_version="TLS1_2")
storage.ObjectReplicationPolicy(
    "to-us",
    resource_group_name="rg-data",
    account_name=src.name,
    object_replication_policy_id="default",
    source_account=src.id,
    destination_account="/subscriptions/5d1e0b7a-0000-4000-8000-0000000000aa/resourceGroups/rg-shared-eastus/providers/Microsoft.Storage/storageAccounts/replicaeastus",
    rules=[storage.ObjectReplicationPolicyRuleArgs(source_container="events", destination_container="events")],
)
