"""authorization.get_role_definition (no longer an unanswerable invoke), then an eastus group.

Before, any invoke outside a 9-token table ended the run with exit 2, so the program could
not be gated at all; now it is answered from the SDK and the program is judged.

Why: invokes (SDK-shaped)
Expect: violation
Blame: rg-us
"""

from pulumi_azure_native import authorization, resources

client = authorization.get_client_config()
reader = authorization.get_role_definition(
    role_definition_id="acdd72a7-3385-48ef-bd42-f606fba81ae7", scope=f"/subscriptions/{client.subscription_id}")
resources.ResourceGroup("rg-us", location="eastus", tags={"role": reader.role_name})
