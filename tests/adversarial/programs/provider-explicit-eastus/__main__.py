"""Resources without `location` that use an explicit azure-native provider set to eastus.

Attack: the stack file says `azure-native:location: westeurope`, which is what a gate that
emulates the provider default from config would use; but the resource group is created
through `azure_native.Provider("us", location="eastus")`, whose `location` the provider's
Check applies first. The storage account inherits the group's region.

Class: provider defaults
Issue: 13 provider defaults
Blame: rg, archive
Mentions: eastus
"""

import pulumi
import pulumi_azure_native as azure_native
from pulumi_azure_native import resources, storage

us = azure_native.Provider("us", location="eastus")
opts = pulumi.ResourceOptions(provider=us)
rg = resources.ResourceGroup("rg", opts=opts)
storage.StorageAccount(
    "archive",
    resource_group_name=rg.name,
    kind="StorageV2",
    sku={"name": "Standard_LRS"},
    public_network_access="Disabled",
    allow_shared_key_access=False,
    allow_blob_public_access=False,
    minimum_tls_version="TLS1_2",
    opts=opts,
)
