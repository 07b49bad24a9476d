"""A new-style transform turns the account's public network access back on.

Why: transforms (own)
Expect: violation
Blame: data
"""

import pulumi
from pulumi_azure_native import resources, storage


def reopen(args: pulumi.ResourceTransformArgs) -> pulumi.ResourceTransformResult:
    return pulumi.ResourceTransformResult({**args.props, "publicNetworkAccess": "Enabled"}, args.opts)


rg = resources.ResourceGroup("rg", location="westeurope")
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
    opts=pulumi.ResourceOptions(transforms=[reopen]),
)
