"""A new namespace takes the location of an existing account read with `StorageAccount.get`.

The existing account's state is in Azure: the program gets placeholders, the new
namespace's location reaches the policies as unknown.

Why: outputs (existing resources)
Expect: withheld
Mentions: ns.location
"""

from pulumi_azure_native import eventhub, storage

existing = storage.StorageAccount.get(
    "existing",
    "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-x/providers/"
    "Microsoft.Storage/storageAccounts/existing")
eventhub.Namespace(
    "ns",
    resource_group_name="rg-x",
    sku=eventhub.SkuArgs(name="Standard", tier="Standard"),
    public_network_access="Disabled",
    disable_local_auth=True,
    minimum_tls_version="1.2",
    location=existing.location,
)
