"""A VM network interface with a public IP and a security group admitting the whole internet.

Attack: the processor VM listens on a public address (`network:PublicIPAddress` attached to the
NIC) and the NSG allows inbound `*` from `0.0.0.0/0`; no resource has a `publicNetworkAccess`
switch to read. A gate that promises "nothing listens on a public network" must block it.

Class: services next to the platform
Issue: 12 services (public exposure without a publicNetworkAccess switch)
Blame: worker-ip, worker-nic, open-nsg
"""

from pulumi_azure_native import network

nsg = network.NetworkSecurityGroup(
    "open-nsg", resource_group_name="rg-vm", location="westeurope",
    security_rules=[network.SecurityRuleArgs(
        name="allow-all-in", priority=100, direction="Inbound", access="Allow", protocol="*",
        source_address_prefix="0.0.0.0/0", source_port_range="*",
        destination_address_prefix="*", destination_port_range="*")])
ip = network.PublicIPAddress("worker-ip", resource_group_name="rg-vm", location="westeurope",
                             public_ip_allocation_method="Static", sku=network.PublicIPAddressSkuArgs(name="Standard"))
network.NetworkInterface(
    "worker-nic", resource_group_name="rg-vm", location="westeurope",
    network_security_group=network.NetworkSecurityGroupArgs(id=nsg.id),
    ip_configurations=[network.NetworkInterfaceIPConfigurationArgs(
        name="ipconfig",
        subnet=network.SubnetArgs(id="/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-vm/providers/Microsoft.Network/virtualNetworks/vnet/subnets/workers"),
        public_ip_address=network.PublicIPAddressArgs(id=ip.id))],
)
