"""A Key Vault in westeurope open to every network (public access on, firewall default Allow).

Attack: the vault holds the keys of the event platform (CMK, connection secrets); nothing in a
messaging-focused deny-list reads `keyvault:Vault`'s nested `properties.networkAcls`.

Class: services next to the platform
Issue: 12 services (Key Vault public)
Blame: secrets
"""

from pulumi_azure_native import keyvault

keyvault.Vault(
    "secrets",
    resource_group_name="rg-platform",
    location="westeurope",
    properties=keyvault.VaultPropertiesArgs(
        tenant_id="72f988bf-86f1-41af-91ab-2d7cd011db47",
        sku=keyvault.SkuArgs(family="A", name=keyvault.SkuName.STANDARD),
        enable_rbac_authorization=True,
        enable_purge_protection=True,
        public_network_access="Enabled",
        network_acls=keyvault.NetworkRuleSetArgs(default_action="Allow", bypass="AzureServices"),
    ),
)
