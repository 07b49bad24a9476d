"""An Azure Cache for Redis geo-replication link to a cache in eastus.

Attack: `redis:LinkedServer` has no location of its own; `linked_redis_cache_id` and
`linked_redis_cache_location` replicate the westeurope cache's data to a US cache.

Class: services next to the platform
Issue: 12 services (Redis geo-link)
Blame: geo-link
"""

from pulumi_azure_native import redis

cache = redis.Redis(
    "sessions",
    resource_group_name="rg-cache",
    location="westeurope",
    sku=redis.SkuArgs(name="Premium", family="P", capacity=1),
    public_network_access="Disabled",
    minimum_tls_version="1.2",
    enable_non_ssl_port=False,
    disable_access_key_authentication=True,
)
redis.LinkedServer(
    "geo-link",
    name=cache.name,
    resource_group_name="rg-cache",
    linked_redis_cache_id="/subscriptions/5d1e0b7a-0000-4000-8000-0000000000aa/resourceGroups/rg-shared-eastus/providers/Microsoft.Cache/redis/sessions-eastus",
    linked_redis_cache_location="eastus",
    server_role="Secondary",
)
