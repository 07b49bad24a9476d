"""A CDN endpoint in front of a private storage account: content cached at edges worldwide.

Attack: the origin account is in westeurope and private (reached through Private Link by the
CDN); the CDN profile is global and caches every response at points of presence in every
geography — the archive's blobs are copied outside the EU. A geo filter restricting *viewers*
does not restrict where the cache lives.

Class: services next to the platform
Issue: 12 value-based flows (global edge caches)
Blame: edge, archive-endpoint
"""

from pulumi_azure_native import cdn, storage

account = storage.StorageAccount(
    "archive", resource_group_name="rg-edge", location="westeurope", kind="StorageV2",
    sku=storage.SkuArgs(name="Standard_ZRS"), public_network_access="Disabled",
    allow_blob_public_access=False, allow_shared_key_access=False, allow_cross_tenant_replication=False,
    minimum_tls_version="TLS1_2")
profile = cdn.Profile("edge", resource_group_name="rg-edge", location="Global",
                      sku=cdn.SkuArgs(name="Standard_Microsoft"))
cdn.Endpoint(
    "archive-endpoint",
    resource_group_name="rg-edge",
    profile_name=profile.name,
    location="Global",
    is_http_allowed=False,
    origin_host_header=account.primary_endpoints.apply(lambda e: e.blob.split("/")[2]),
    origins=[cdn.DeepCreatedOriginArgs(
        name="blob",
        host_name=account.primary_endpoints.apply(lambda e: e.blob.split("/")[2]),
        private_link_resource_id=account.id,
        private_link_location="westeurope",
        private_link_approval_message="cdn")],
)
