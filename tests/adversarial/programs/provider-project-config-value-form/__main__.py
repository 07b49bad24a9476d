"""The provider default location set in the project file with the `value:` form (eastus).

Attack: project-level config accepts `key: {value: ...}` as well as a plain scalar; a gate
reading only one form misses the other. A namespace key keeps its value when the stack file
says nothing, so the storage account lands in eastus.

Class: provider defaults
Issue: 13 provider defaults
Blame: rg, blobs
Mentions: eastus
"""

from pulumi_azure_native import resources, storage

rg = resources.ResourceGroup("rg")
storage.StorageAccount(
    "blobs",
    resource_group_name=rg.name,
    kind="StorageV2",
    sku={"name": "Standard_ZRS"},
    public_network_access="Disabled",
    allow_shared_key_access=False,
    allow_blob_public_access=False,
    minimum_tls_version="TLS1_2",
)
