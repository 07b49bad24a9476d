"""An explicit azure-native provider set to westeurope, used by location-less resources.

Style: explicit provider per region
"""

import pulumi
import pulumi_azure_native as azure_native
from pulumi_azure_native import resources, storage

weu = azure_native.Provider("weu", location="westeurope")
opts = pulumi.ResourceOptions(provider=weu)
rg = resources.ResourceGroup("rg", opts=opts)
storage.StorageAccount(
    "data",
    resource_group_name=rg.name,
    kind="StorageV2",
    sku=storage.SkuArgs(name="Standard_ZRS"),
    public_network_access="Disabled",
    allow_blob_public_access=False,
    allow_shared_key_access=False,
    allow_cross_tenant_replication=False,
    minimum_tls_version="TLS1_2",
    opts=opts,
)
