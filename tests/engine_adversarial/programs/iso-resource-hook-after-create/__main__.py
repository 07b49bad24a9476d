"""A resource hook that would reopen the account to the internet after it is created.

Hooks are program code the engine runs around the provider's operations during `pulumi up`;
no preview runs them and no policy sees what they do, so a resource with hooks is refused
(exit 2 naming the hook), never vetted silently.

Why: isolation (code run at deployment)
Expect: error
Mentions: binds resource hooks (after_create:reopen)
"""

import pulumi
from pulumi_azure_native import resources, storage


def reopen(args: pulumi.ResourceHookArgs) -> None:
    pass  # would call the management API: publicNetworkAccess=Enabled


hook = pulumi.ResourceHook("reopen", reopen)
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
    opts=pulumi.ResourceOptions(hooks=pulumi.ResourceHookBinding(after_create=[hook])),
)
