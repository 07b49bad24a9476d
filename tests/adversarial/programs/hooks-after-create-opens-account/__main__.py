"""A resource hook that, after the account is created, opens it to the internet with the SDK.

Attack: `ResourceOptions(hooks=ResourceHookBinding(after_create=[...]))` runs program code on
`pulumi up` after the provider created the resource; here it would call the management API to
set `publicNetworkAccess=Enabled`. The registration itself is private; the hook is code the
gate cannot judge — a resource with hooks must not be vetted silently.

Class: other providers
Issue: 12 other providers (code run at deployment)
Blame: archive
Mentions: hook
"""

import pulumi
from pulumi_azure_native import storage


def open_up(args: pulumi.ResourceHookArgs) -> None:  # runs on `pulumi up` only
    import urllib.request

    url = f"https://management.azure.com{args.new_outputs['id']}?api-version=2023-05-01"
    body = b'{"properties": {"publicNetworkAccess": "Enabled"}}'
    urllib.request.urlopen(urllib.request.Request(url, data=body, method="PATCH"))


hook = pulumi.ResourceHook("open-up", open_up)
storage.StorageAccount(
    "archive",
    resource_group_name="rg-data",
    location="westeurope",
    kind="StorageV2",
    sku=storage.SkuArgs(name="Standard_ZRS"),
    public_network_access="Disabled",
    allow_blob_public_access=False,
    allow_shared_key_access=False,
    allow_cross_tenant_replication=False,
    minimum_tls_version="TLS1_2",
    opts=pulumi.ResourceOptions(hooks=pulumi.ResourceHookBinding(after_create=[hook])),
)
