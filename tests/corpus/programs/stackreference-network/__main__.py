"""The endpoint subnet comes from the network team's stack through a `StackReference`.

The subnet only hosts the endpoint's NIC; the data target (the account) is created here. The
referenced stack's outputs are unknown offline — that may make a rule undecided (with the
stack's name), but it is no mandatory violation.

Style: StackReference to a platform network stack
Mentions: acme/network/prod
"""

import pulumi
from pulumi_azure_native import network, resources, storage

net = pulumi.StackReference("acme/network/prod")
rg = resources.ResourceGroup("app", location="westeurope")
account = storage.StorageAccount(
    "reports", resource_group_name=rg.name, location="westeurope", kind="StorageV2",
    sku=storage.SkuArgs(name="Standard_ZRS"), public_network_access="Disabled",
    allow_blob_public_access=False, allow_shared_key_access=False, allow_cross_tenant_replication=False,
    minimum_tls_version="TLS1_2")
network.PrivateEndpoint(
    "reports-blob", resource_group_name=rg.name, location="westeurope",
    subnet=network.SubnetArgs(id=net.get_output("endpointSubnetId")),
    private_link_service_connections=[network.PrivateLinkServiceConnectionArgs(
        name="blob", private_link_service_id=account.id, group_ids=["blob"])])
