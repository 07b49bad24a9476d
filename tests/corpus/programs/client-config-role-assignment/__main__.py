"""Grant the deploying principal a data-plane role on a vault, using `get_client_config`.

Style: program using invokes (authorization.get_client_config)
"""

from pulumi_azure_native import authorization, keyvault, resources

client = authorization.get_client_config()
rg = resources.ResourceGroup("secrets", location="westeurope")
vault = keyvault.Vault(
    "vault",
    resource_group_name=rg.name,
    location="westeurope",
    properties=keyvault.VaultPropertiesArgs(
        tenant_id=client.tenant_id,
        sku=keyvault.SkuArgs(family="A", name=keyvault.SkuName.STANDARD),
        enable_rbac_authorization=True,
        enable_purge_protection=True,
        enable_soft_delete=True,
        public_network_access="Disabled",
        network_acls=keyvault.NetworkRuleSetArgs(default_action="Deny", bypass="None"),
    ),
)
authorization.RoleAssignment(
    "deployer-secrets-officer",
    scope=vault.id,
    principal_id=client.object_id,
    principal_type="ServicePrincipal",
    role_definition_id=f"/subscriptions/{client.subscription_id}/providers/Microsoft.Authorization/"
                       "roleDefinitions/b86a8fe4-44ce-4948-aee5-eccb2c155cd7",
)
