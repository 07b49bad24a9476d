"""A namespace placed in the region of an existing resource group read with an invoke.

Attack: `resources.get_resource_group("rg-shared-eastus").location` is eastus in Azure;
offline it is a placeholder. Unknown is not in-boundary.

Class: hidden values
Issue: 13 invokes and StackReference
Blame: shared-bus
Mentions: shared-bus
"""

from pulumi_azure_native import resources, servicebus

existing = resources.get_resource_group_output(resource_group_name="rg-shared-eastus")
servicebus.Namespace(
    "shared-bus",
    resource_group_name=existing.name,
    location=existing.location,
    sku={"name": "Premium", "tier": "Premium", "capacity": 1},
    public_network_access="Disabled",
    disable_local_auth=True,
    minimum_tls_version="1.2",
)
