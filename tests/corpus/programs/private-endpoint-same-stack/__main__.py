"""A Cosmos account reached only through a private endpoint created in the same program.

The endpoint's `private_link_service_id` is the account's `id` output: unknown in a real
preview, a placeholder offline — either way a resource of this stack.

Style: private networking (private endpoint to an in-stack resource)
"""

from pulumi_azure_native import cosmosdb, network, privatedns, resources

rg = resources.ResourceGroup("data", location="westeurope")
vnet = network.VirtualNetwork("vnet", resource_group_name=rg.name, location="westeurope",
                              address_space=network.AddressSpaceArgs(address_prefixes=["10.30.0.0/16"]))
subnet = network.Subnet("pe", resource_group_name=rg.name, virtual_network_name=vnet.name,
                        address_prefix="10.30.1.0/24")
account = cosmosdb.DatabaseAccount(
    "store", resource_group_name=rg.name, location="westeurope",
    database_account_offer_type=cosmosdb.DatabaseAccountOfferType.STANDARD,
    locations=[cosmosdb.LocationArgs(location_name="westeurope", failover_priority=0)],
    public_network_access="Disabled", disable_local_auth=True, disable_key_based_metadata_write_access=True,
    minimal_tls_version="Tls12")
zone = privatedns.PrivateZone("sql-zone", resource_group_name=rg.name,
                              private_zone_name="privatelink.documents.azure.com", location="Global")
privatedns.VirtualNetworkLink("sql-zone-link", resource_group_name=rg.name, private_zone_name=zone.name,
                              location="Global", virtual_network=privatedns.SubResourceArgs(id=vnet.id),
                              registration_enabled=False)
pe = network.PrivateEndpoint(
    "store-pe", resource_group_name=rg.name, location="westeurope",
    subnet=network.SubnetArgs(id=subnet.id),
    private_link_service_connections=[network.PrivateLinkServiceConnectionArgs(
        name="sql", private_link_service_id=account.id, group_ids=["Sql"])])
network.PrivateDnsZoneGroup(
    "store-pe-dns", resource_group_name=rg.name, private_endpoint_name=pe.name,
    private_dns_zone_configs=[network.PrivateDnsZoneConfigArgs(name="sql", private_dns_zone_id=zone.id)])
