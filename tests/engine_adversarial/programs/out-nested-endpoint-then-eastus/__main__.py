"""The program splits the blob endpoint of an account (a nested computed output).

Why: outputs (computed)
Expect: violation
Blame: rg-us
"""

from pulumi_azure_native import resources, storage

rg = resources.ResourceGroup("rg", location="westeurope")
account = storage.StorageAccount(
    "data",
    resource_group_name=rg.name,
    kind="StorageV2",
    sku=storage.SkuArgs(name="Standard_ZRS"),
    public_network_access="Disabled",
    allow_blob_public_access=False,
    allow_shared_key_access=False,
    allow_cross_tenant_replication=False,
    minimum_tls_version="TLS1_2",
)
host = account.primary_endpoints.apply(lambda e: e.blob.split("//", 1)[1].split(".", 1)[0])
resources.ResourceGroup("rg-us", location="eastus", tags={"account": host})
