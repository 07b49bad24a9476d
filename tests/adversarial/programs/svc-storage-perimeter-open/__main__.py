"""A storage account `SecuredByPerimeter` whose perimeter admits `0.0.0.0/0`.

Attack: `public_network_access="SecuredByPerimeter"` reads as "private" to a rule that accepts
it; the account's perimeter profile has an inbound access rule for every IPv4 address, so the
account is as public as `Enabled`.

Class: services next to the platform
Issue: 12 perimeter semantics
Blame: archive, everyone
Mentions: 0.0.0.0/0
"""

from pulumi_azure_native import network, storage

nsp = network.NetworkSecurityPerimeter("nsp", resource_group_name="rg-data", location="westeurope")
profile = network.NetworkSecurityPerimeterProfile(
    "default-profile", resource_group_name="rg-data", network_security_perimeter_name=nsp.name,
    location="westeurope")
network.NetworkSecurityPerimeterAccessRule(
    "everyone",
    resource_group_name="rg-data",
    network_security_perimeter_name=nsp.name,
    profile_name=profile.name,
    direction="Inbound",
    address_prefixes=["0.0.0.0/0"],
)
account = storage.StorageAccount(
    "archive",
    resource_group_name="rg-data",
    location="westeurope",
    kind="StorageV2",
    sku=storage.SkuArgs(name="Standard_ZRS"),
    public_network_access="SecuredByPerimeter",
    allow_shared_key_access=False,
    allow_blob_public_access=False,
    allow_cross_tenant_replication=False,
    minimum_tls_version="TLS1_2",
)
network.NetworkSecurityPerimeterAssociation(
    "archive-assoc",
    resource_group_name="rg-data",
    network_security_perimeter_name=nsp.name,
    private_link_resource=network.SubResourceArgs(id=account.id),
    profile=network.SubResourceArgs(id=profile.id),
    access_mode="Enforced",
)
