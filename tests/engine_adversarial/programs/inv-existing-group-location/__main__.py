"""A namespace placed in the location of an existing group read with get_resource_group.

The group is in Azure; its location cannot be known offline. The program gets a placeholder
(its code runs on); the namespace's location reaches the policies as unknown.

Why: invokes (existing resources)
Expect: withheld
Mentions: ns.location
"""

from pulumi_azure_native import eventhub, resources

existing = resources.get_resource_group(resource_group_name="rg-shared-eastus")
eventhub.Namespace(
    "ns",
    resource_group_name=existing.name,
    sku=eventhub.SkuArgs(name="Standard", tier="Standard"),
    public_network_access="Disabled",
    disable_local_auth=True,
    minimum_tls_version="1.2",
    location=existing.location,
)
