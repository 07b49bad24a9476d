"""A legacy stack transformation that adds cost tags to every taggable resource.

Style: legacy transformations (register_stack_transformation) for tagging
"""

import pulumi
from pulumi_azure_native import resources, storage

TAGS = {"cost-center": "cc-1234", "owner": "data-platform"}


def tag_everything(args: pulumi.ResourceTransformationArgs) -> pulumi.ResourceTransformationResult | None:
    if args.type_.startswith("azure-native:") and "tags" in args.props or args.type_.endswith("ResourceGroup"):
        props = {**args.props, "tags": {**(args.props.get("tags") or {}), **TAGS}}
        return pulumi.ResourceTransformationResult(props=props, opts=args.opts)
    return None


pulumi.runtime.register_stack_transformation(tag_everything)
rg = resources.ResourceGroup("rg", location="westeurope")
storage.StorageAccount(
    "lake", resource_group_name=rg.name, location="westeurope", kind="StorageV2",
    sku=storage.SkuArgs(name="Standard_ZRS"), is_hns_enabled=True, public_network_access="Disabled",
    allow_blob_public_access=False, allow_shared_key_access=False, allow_cross_tenant_replication=False,
    minimum_tls_version="TLS1_2", tags={})
