"""A Key Vault with RBAC, purge protection and no public network, plus a customer-managed key.

Style: security baseline (Key Vault + key)
"""

from pulumi_azure_native import keyvault, resources

rg = resources.ResourceGroup("kv", location="westeurope")
vault = keyvault.Vault(
    "cmk",
    resource_group_name=rg.name,
    location="westeurope",
    properties=keyvault.VaultPropertiesArgs(
        tenant_id="72f988bf-86f1-41af-91ab-2d7cd011db47",
        sku=keyvault.SkuArgs(family="A", name=keyvault.SkuName.PREMIUM),
        enable_rbac_authorization=True,
        enable_purge_protection=True,
        soft_delete_retention_in_days=90,
        public_network_access="Disabled",
        network_acls=keyvault.NetworkRuleSetArgs(default_action="Deny", bypass="AzureServices"),
    ),
)
keyvault.Key("events-cmk", resource_group_name=rg.name, vault_name=vault.name,
             properties=keyvault.KeyPropertiesArgs(kty="RSA-HSM", key_size=3072))
