"""A dynamic-style dict of inputs with snake_case keys registered as a custom resource.

`public_network_access` is not an input the provider reads (its wire name is camelCase),
so the namespace is public by the service default.

Why: wire truth (top-level key)
Expect: blocked
Blame: raw-ns
"""

import pulumi
from pulumi_azure_native import resources

rg = resources.ResourceGroup("rg", location="westeurope")
pulumi.CustomResource("azure-native:eventhub:Namespace", "raw-ns", {
    "resourceGroupName": rg.name, "location": "westeurope",
    "sku": {"name": "Standard", "tier": "Standard"},
    "public_network_access": "Disabled", "disable_local_auth": True, "minimumTlsVersion": "1.2",
})
