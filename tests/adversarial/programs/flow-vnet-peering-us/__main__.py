"""The platform's VNet peered with a VNet in the US, with traffic forwarding allowed.

Attack: `network:VirtualNetworkPeering.remote_virtual_network` is a network in eastus; every
private endpoint of the platform becomes reachable from (and can be copied to) the US network.
The peering has no location; its reference is the data path.

Class: data flows by reference
Issue: 12 value-based flows
Blame: to-us
"""

from pulumi_azure_native import network

vnet = network.VirtualNetwork("platform", resource_group_name="rg-net", location="westeurope",
                              address_space=network.AddressSpaceArgs(address_prefixes=["10.10.0.0/16"]))
network.VirtualNetworkPeering(
    "to-us",
    resource_group_name="rg-net",
    virtual_network_name=vnet.name,
    remote_virtual_network=network.SubResourceArgs(id="/subscriptions/5d1e0b7a-0000-4000-8000-0000000000aa/resourceGroups/rg-shared-eastus/providers/Microsoft.Network/virtualNetworks/analytics-eastus"),
    allow_virtual_network_access=True,
    allow_forwarded_traffic=True,
)
