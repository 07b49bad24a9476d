"""The output form of an invoke (get_client_config_output) drives an eastus group's name.

Why: invokes (SDK-shaped)
Expect: violation
Blame: rg-us
"""

from pulumi_azure_native import authorization, resources

client = authorization.get_client_config_output()
resources.ResourceGroup("rg-us", location="eastus",
                        resource_group_name=client.object_id.apply(lambda oid: f"rg-{oid[:8]}"))
