"""An honest program that reads another stack's outputs for tags only.

Why: invokes (honest counterpart)
Expect: pass
Mentions: acme/shared/prod
"""

import pulumi
from pulumi_azure_native import eventhub, resources

shared = pulumi.StackReference("acme/shared/prod")
rg = resources.ResourceGroup("rg", location="westeurope", tags={"team": shared.get_output("team")})
eventhub.Namespace(
    "ns",
    resource_group_name=rg.name,
    sku=eventhub.SkuArgs(name="Standard", tier="Standard"),
    public_network_access="Disabled",
    disable_local_auth=True,
    minimum_tls_version="1.2",
)
