"""The namespace names its group by a literal before the eastus group registers.

The default is resolved again at the end of the run, when the group is known.

Why: provider defaults (resource group)
Expect: violation
Blame: ns
"""

from pulumi_azure_native import eventhub, resources

eventhub.Namespace(
    "ns",
    resource_group_name="rg-late",
    sku=eventhub.SkuArgs(name="Standard", tier="Standard"),
    public_network_access="Disabled",
    disable_local_auth=True,
    minimum_tls_version="1.2",
)
resources.ResourceGroup("late", resource_group_name="rg-late", location="eastus")
