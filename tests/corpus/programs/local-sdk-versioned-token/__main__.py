"""A storage account registered through a local SDK pinned to an older API version.

`pulumi package add azure-native storage 2023-01-01` generates classes that register
`azure-native:storage/v20230101:StorageAccount`; the account is private and keyless, and a
gate that canonicalises versioned tokens must judge it as the same type — and pass it.

Style: local SDK (pulumi package add, versioned token)
"""

import pulumi
from pulumi_azure_native import resources

rg = resources.ResourceGroup("rg", location="westeurope")
pulumi.CustomResource(
    "azure-native:storage/v20230101:StorageAccount",
    "pinned",
    {
        "resourceGroupName": rg.name,
        "location": "westeurope",
        "kind": "StorageV2",
        "sku": {"name": "Standard_ZRS"},
        "publicNetworkAccess": "Disabled",
        "allowBlobPublicAccess": False,
        "allowSharedKeyAccess": False,
        "allowCrossTenantReplication": False,
        "minimumTlsVersion": "TLS1_2",
    },
)
