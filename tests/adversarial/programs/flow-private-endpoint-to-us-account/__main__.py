"""A private endpoint in westeurope connected to an existing storage account in the US.

Attack: the endpoint is in the boundary; its `private_link_service_id` makes the US account
reachable from (and writable by) the EU network — data written through it lands in the US.

Class: data flows by reference
Issue: 12 value-based flows
Blame: us-blob-pe
"""

from pulumi_azure_native import network

network.PrivateEndpoint(
    "us-blob-pe",
    resource_group_name="rg-net",
    location="westeurope",
    subnet=network.SubnetArgs(id="/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/pe"),
    private_link_service_connections=[network.PrivateLinkServiceConnectionArgs(
        name="blob", private_link_service_id="/subscriptions/5d1e0b7a-0000-4000-8000-0000000000aa/resourceGroups/rg-shared-eastus/providers/Microsoft.Storage/storageAccounts/exportseastus",
        group_ids=["blob"])],
)
