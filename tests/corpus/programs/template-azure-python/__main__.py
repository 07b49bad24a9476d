"""A resource group and a storage account, in the layout of the stock `azure-python` template.

The stock template creates a group without `location` (the provider takes it from the stack's
`azure-native:location`, written by `pulumi new` in the display-name spelling `WestEurope`)
and a StorageV2 account; this one is hardened (private, keyless, TLS 1.2) and, like most real
programs, does not set `allow_cross_tenant_replication`: Azure defaults it to false for
accounts created since December 2023 (Microsoft Learn, "Prevent object replication across
Microsoft Entra tenants"). It exports the account name instead of listing keys.

Style: stock template (pulumi new azure-python)
"""

import pulumi
from pulumi_azure_native import resources, storage

resource_group = resources.ResourceGroup("resource_group")

account = storage.StorageAccount(
    "sa",
    resource_group_name=resource_group.name,
    sku={"name": storage.SkuName.STANDARD_LRS},
    kind=storage.Kind.STORAGE_V2,
    public_network_access="Disabled",
    allow_blob_public_access=False,
    allow_shared_key_access=False,
    minimum_tls_version=storage.MinimumTlsVersion.TLS1_2,
)

pulumi.export("account_name", account.name)
