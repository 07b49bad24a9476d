"""An honest program that calls several invokes real programs call, all in westeurope.

Why: invokes (honest counterpart)
Expect: pass
"""

from pulumi_azure_native import authorization, eventhub, resources, storage

client = authorization.get_client_config()
role = authorization.get_role_definition_output(
    role_definition_id="ba92f5b4-2d11-453d-a403-e96b0029c9fe", scope=f"/subscriptions/{client.subscription_id}")
keys = storage.list_storage_account_keys_output(account_name="existing", resource_group_name="rg-existing")
rg = resources.ResourceGroup("rg", location="westeurope", tags={"role": role.role_name})
eventhub.Namespace(
    "ns",
    resource_group_name=rg.name,
    sku=eventhub.SkuArgs(name="Standard", tier="Standard"),
    public_network_access="Disabled",
    disable_local_auth=True,
    minimum_tls_version="1.2",
    tags={"owner": client.object_id},
)
