"""A private endpoint whose target id is *formatted* from parts instead of taken from `.id`.

Real programs often build ids with f-strings/`Output.concat` from the subscription id (from
`get_client_config`), the group name and the resource name; it still names a resource of this
stack and must be matched to it.

Style: private networking (formatted resource id)
"""

import pulumi
from pulumi_azure_native import authorization, network, resources, servicebus

client = authorization.get_client_config()
rg = resources.ResourceGroup("msg", location="westeurope")
vnet = network.VirtualNetwork("vnet", resource_group_name=rg.name, location="westeurope",
                              address_space=network.AddressSpaceArgs(address_prefixes=["10.40.0.0/16"]))
subnet = network.Subnet("pe", resource_group_name=rg.name, virtual_network_name=vnet.name,
                        address_prefix="10.40.1.0/24")
ns = servicebus.Namespace(
    "bus", resource_group_name=rg.name, location="westeurope",
    sku=servicebus.SBSkuArgs(name="Premium", tier="Premium", capacity=1),
    public_network_access="Disabled", disable_local_auth=True, minimum_tls_version="1.2")
target = pulumi.Output.concat("/subscriptions/", client.subscription_id, "/resourceGroups/", rg.name,
                              "/providers/Microsoft.ServiceBus/namespaces/", ns.name)
network.PrivateEndpoint(
    "bus-pe", resource_group_name=rg.name, location="westeurope",
    subnet=network.SubnetArgs(id=subnet.id),
    private_link_service_connections=[network.PrivateLinkServiceConnectionArgs(
        name="bus", private_link_service_id=target, group_ids=["namespace"])])
