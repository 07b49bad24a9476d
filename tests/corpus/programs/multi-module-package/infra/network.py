"""The app's network: one VNet, an endpoint subnet, the blob private DNS zone and its link."""

from __future__ import annotations

from dataclasses import dataclass

import pulumi
from pulumi_azure_native import network, privatedns


@dataclass
class Network:
    vnet: network.VirtualNetwork
    endpoints: network.Subnet
    blob_zone: privatedns.PrivateZone


def build(resource_group_name: pulumi.Input[str], location: str) -> Network:
    vnet = network.VirtualNetwork("vnet", resource_group_name=resource_group_name, location=location,
                                  address_space=network.AddressSpaceArgs(address_prefixes=["10.1.0.0/16"]))
    endpoints = network.Subnet("endpoints", resource_group_name=resource_group_name,
                               virtual_network_name=vnet.name, address_prefix="10.1.2.0/24")
    zone = privatedns.PrivateZone("blob-zone", resource_group_name=resource_group_name,
                                  private_zone_name="privatelink.blob.core.windows.net", location="Global")
    privatedns.VirtualNetworkLink("blob-zone-link", resource_group_name=resource_group_name,
                                  private_zone_name=zone.name, location="Global",
                                  virtual_network=privatedns.SubResourceArgs(id=vnet.id),
                                  registration_enabled=False)
    return Network(vnet, endpoints, zone)
