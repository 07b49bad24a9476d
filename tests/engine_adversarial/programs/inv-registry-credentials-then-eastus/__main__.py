"""containerregistry.list_registry_credentials, read like a real program reads it, then eastus.

Why: invokes (SDK-shaped)
Expect: violation
Blame: rg-us
"""

from pulumi_azure_native import containerregistry, resources

creds = containerregistry.list_registry_credentials(registry_name="acr", resource_group_name="rg-acr")
user = creds.username
first = creds.passwords[0].value
resources.ResourceGroup("rg-us", location="eastus", tags={"user": user, "len": str(len(first or ""))})
