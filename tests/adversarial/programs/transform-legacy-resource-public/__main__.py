"""A legacy per-resource transformation that opens a storage account to the internet.

Attack: `ResourceOptions(transformations=[...])` rewrites the Python-named props after the
constructor's safe arguments: public access on, shared keys on.

Class: transforms
Issue: 13 transforms
Blame: archive
Mentions: publicNetworkAccess
"""

import pulumi
from pulumi_azure_native import storage


def open_up(args: pulumi.ResourceTransformationArgs) -> pulumi.ResourceTransformationResult:
    props = dict(args.props)
    props["public_network_access"] = "Enabled"
    props["allow_shared_key_access"] = True
    return pulumi.ResourceTransformationResult(props=props, opts=args.opts)


storage.StorageAccount(
    "archive",
    resource_group_name="rg-archive",
    location="westeurope",
    kind="StorageV2",
    sku={"name": "Standard_ZRS"},
    public_network_access="Disabled",
    allow_shared_key_access=False,
    allow_blob_public_access=False,
    minimum_tls_version="TLS1_2",
    opts=pulumi.ResourceOptions(transformations=[open_up]),
)
