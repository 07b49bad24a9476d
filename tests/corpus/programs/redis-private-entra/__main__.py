"""An Azure Cache for Redis with access keys disabled (Entra auth), no public network, TLS 1.2.

Style: data service sample (Azure Cache for Redis)
"""

from pulumi_azure_native import redis, resources

rg = resources.ResourceGroup("cache", location="westeurope")
redis.Redis(
    "sessions",
    resource_group_name=rg.name,
    location="westeurope",
    sku=redis.SkuArgs(name="Premium", family="P", capacity=1),
    public_network_access="Disabled",
    minimum_tls_version="1.2",
    enable_non_ssl_port=False,
    disable_access_key_authentication=True,
    redis_configuration=redis.RedisCommonPropertiesRedisConfigurationArgs(aad_enabled="true"),
)
