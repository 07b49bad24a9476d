"""The app's data: a private, keyless storage account and its blob private endpoint."""

from __future__ import annotations

import pulumi
from pulumi_azure_native import network, storage

from .network import Network


def build(resource_group_name: pulumi.Input[str], location: str, net: Network) -> storage.StorageAccount:
    account = storage.StorageAccount(
        "appdata", resource_group_name=resource_group_name, location=location, kind="StorageV2",
        sku=storage.SkuArgs(name="Standard_ZRS"), public_network_access="Disabled",
        allow_blob_public_access=False, allow_shared_key_access=False, allow_cross_tenant_replication=False,
        minimum_tls_version="TLS1_2",
        network_rule_set=storage.NetworkRuleSetArgs(default_action="Deny", bypass="None"))
    pe = network.PrivateEndpoint(
        "appdata-blob", resource_group_name=resource_group_name, location=location,
        subnet=network.SubnetArgs(id=net.endpoints.id),
        private_link_service_connections=[network.PrivateLinkServiceConnectionArgs(
            name="blob", private_link_service_id=account.id, group_ids=["blob"])])
    network.PrivateDnsZoneGroup(
        "appdata-blob-dns", resource_group_name=resource_group_name, private_endpoint_name=pe.name,
        private_dns_zone_configs=[network.PrivateDnsZoneConfigArgs(name="blob", private_dns_zone_id=net.blob_zone.id)])
    return account
