"""A new-style transform on the account moves it to eastus.

ResourceOptions(transforms=[...]) runs in the engine (through the SDK's callback server),
not in the program: under plain mocks it was ignored and the account judged in westeurope.

Why: transforms (own)
Expect: violation
Blame: data
"""

import pulumi
from pulumi_azure_native import resources, storage


def to_eastus(args: pulumi.ResourceTransformArgs) -> pulumi.ResourceTransformResult:
    return pulumi.ResourceTransformResult({**args.props, "location": "eastus"}, args.opts)


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
    location="westeurope",
    opts=pulumi.ResourceOptions(transforms=[to_eastus]),
)
