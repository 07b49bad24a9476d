"""A storage account `SecuredByPerimeter` in a network security perimeter that admits only the
platform's own subscription (no public address prefix).

`SecuredByPerimeter` is private when the account is associated with a perimeter whose inbound
rules admit no public prefix (Microsoft Learn, "Network security perimeter for Azure
Storage"); Azure Policy's storage public-access definition accepts it as compliant.

Style: network security perimeter (private by perimeter)
"""

from pulumi_azure_native import authorization, network, resources, storage

client = authorization.get_client_config()
rg = resources.ResourceGroup("data", location="westeurope")
nsp = network.NetworkSecurityPerimeter("nsp", resource_group_name=rg.name, location="westeurope")
profile = network.NetworkSecurityPerimeterProfile(
    "platform", resource_group_name=rg.name, network_security_perimeter_name=nsp.name, location="westeurope")
network.NetworkSecurityPerimeterAccessRule(
    "own-subscription",
    resource_group_name=rg.name,
    network_security_perimeter_name=nsp.name,
    profile_name=profile.name,
    direction="Inbound",
    subscriptions=[network.SubscriptionIdArgs(id=f"/subscriptions/{client.subscription_id}")],
)
account = storage.StorageAccount(
    "archive", resource_group_name=rg.name, location="westeurope", kind="StorageV2",
    sku=storage.SkuArgs(name="Standard_ZRS"), public_network_access="SecuredByPerimeter",
    allow_blob_public_access=False, allow_shared_key_access=False, allow_cross_tenant_replication=False,
    minimum_tls_version="TLS1_2")
network.NetworkSecurityPerimeterAssociation(
    "archive-assoc",
    resource_group_name=rg.name,
    network_security_perimeter_name=nsp.name,
    private_link_resource=network.SubResourceArgs(id=account.id),
    profile=network.SubResourceArgs(id=profile.id),
    access_mode="Enforced",
)
