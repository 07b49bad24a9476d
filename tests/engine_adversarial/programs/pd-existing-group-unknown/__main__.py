"""The namespace sits in a group this program does not create, with no location anywhere.

The provider would read the group's location from Azure; offline that is unknowable, so
the location is undecided with that reason — never absent, never a guess.

Why: provider defaults (resource group)
Expect: withheld
Mentions: resource group 'rg-shared' is not created by this program
"""

from pulumi_azure_native import eventhub

eventhub.Namespace(
    "ns",
    resource_group_name="rg-shared",
    sku=eventhub.SkuArgs(name="Standard", tier="Standard"),
    public_network_access="Disabled",
    disable_local_auth=True,
    minimum_tls_version="1.2",
)
