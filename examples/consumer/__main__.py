"""Orders platform (one EU region) built from sovereign-components.

What a platform team writes in its own Pulumi project: its own resource group and an extra
storage account of its own, plus the library's three components with some defaults
overridden. Everything the library creates stays in ``location``, inside the stack's
``sovereign:boundary``; ``sovereign preview --stack dev`` proves it offline.
"""

import pulumi
from pulumi_azure_native import network, privatedns, resources, storage

from sovereign_components import (
    ComplianceDLQ,
    RegionalEventPlane,
    SovereignEventStore,
    get_boundary,
)

config = pulumi.Config()
location = config.require("location")
alert_email = config.require("alertEmail")
# One source for the boundary: the stack config the policy pack also reads.
boundary = get_boundary(pulumi.Config("sovereign").require("boundary"))
stack = pulumi.get_stack()
tags = {"team": "orders", "cost-center": "cc-4711", "environment": stack}

# --- the consumer's own resources --------------------------------------------------------
group = resources.ResourceGroup("orders", location=location, tags=tags)

# An extra account for order exports, with the same in-region, private, keyless settings the
# library uses (the policy pack checks this account too).
exports = storage.StorageAccount(
    "orders-exports",
    resource_group_name=group.name,
    location=location,
    kind="StorageV2",
    sku=storage.SkuArgs(name="Standard_ZRS"),
    public_network_access="Disabled",
    network_rule_set=storage.NetworkRuleSetArgs(default_action="Deny", bypass="AzureServices"),
    allow_blob_public_access=False,
    allow_shared_key_access=False,
    allow_cross_tenant_replication=False,
    minimum_tls_version="TLS1_2",
    enable_https_traffic_only=True,
    encryption=storage.EncryptionArgs(key_source="Microsoft.Storage", require_infrastructure_encryption=True),
    tags=tags,
    opts=pulumi.ResourceOptions(protect=True),
)

# The team's network: every data plane of the components is reached through a private
# endpoint in `endpoints`; the processor app sends its outbound traffic through `functions`.
vnet = network.VirtualNetwork(
    "orders",
    resource_group_name=group.name,
    location=location,
    address_space=network.AddressSpaceArgs(address_prefixes=["10.40.0.0/16"]),
    tags=tags,
)
endpoints_subnet = network.Subnet(
    "orders-endpoints",
    resource_group_name=group.name,
    virtual_network_name=vnet.name,
    address_prefix="10.40.1.0/24",
)
functions_subnet = network.Subnet(
    "orders-functions",
    resource_group_name=group.name,
    virtual_network_name=vnet.name,
    address_prefix="10.40.2.0/24",
    delegations=[network.DelegationArgs(name="functions", service_name="Microsoft.Web/serverFarms")],
    opts=pulumi.ResourceOptions(depends_on=[endpoints_subnet]),  # one subnet change at a time
)

# The private DNS zones are the team's too (one per zone name for the whole network), so the
# components are given them instead of creating their own.
PRIVATE_LINK_ZONES = {
    "eventgrid": "privatelink.eventgrid.azure.net",
    "servicebus": "privatelink.servicebus.windows.net",  # Service Bus and Event Hubs
    "cosmos": "privatelink.documents.azure.com",
    "blob": "privatelink.blob.core.windows.net",
    "sites": "privatelink.azurewebsites.net",
}
zone_ids = {}
for key, zone_name in PRIVATE_LINK_ZONES.items():
    zone = privatedns.PrivateZone(
        f"orders-{key}", private_zone_name=zone_name, resource_group_name=group.name, location="global", tags=tags
    )
    privatedns.VirtualNetworkLink(
        f"orders-{key}-link",
        private_zone_name=zone.name,
        resource_group_name=group.name,
        location="global",
        virtual_network=privatedns.SubResourceArgs(id=vnet.id),
        registration_enabled=False,
        tags=tags,
    )
    zone_ids[zone_name] = zone.id
private_endpoints = {"subnet_id": endpoints_subnet.id, "private_dns_zone_ids": zone_ids}

# The exports account is reached privately too, like everything the components create.
exports_endpoint = network.PrivateEndpoint(
    "orders-exports",
    resource_group_name=group.name,
    location=location,
    subnet=network.SubnetArgs(id=endpoints_subnet.id),
    private_link_service_connections=[
        network.PrivateLinkServiceConnectionArgs(
            name="orders-exports-blob", private_link_service_id=exports.id, group_ids=["blob"]
        )
    ],
    tags=tags,
)
network.PrivateDnsZoneGroup(
    "orders-exports",
    resource_group_name=group.name,
    private_endpoint_name=exports_endpoint.name,
    private_dns_zone_configs=[
        network.PrivateDnsZoneConfigArgs(name="blob", private_dns_zone_id=zone_ids[PRIVATE_LINK_ZONES["blob"]])
    ],
)

# --- the library's components, some defaults overridden ----------------------------------
store_account = f"contoso-orders-{stack}"

plane = RegionalEventPlane(
    "orders",
    {
        "location": location,
        "resource_group_name": group.name,
        "boundary": boundary.code,
        "alert_email": alert_email,
        "tags": tags,
        "private_endpoints": private_endpoints,
        "function_subnet_id": functions_subnet.id,
        # Protect the plane's storage account (dead letters, Capture files) from deletion too.
        "protect": True,
        # Two processors instead of the default one, each for its own event types.
        "processors": [
            {"name": "order-placed", "included_event_types": ["Orders.OrderPlaced"]},
            {"name": "order-cancelled", "included_event_types": ["Orders.OrderCancelled"]},
        ],
        "event_hub_partition_count": 4,
        "log_retention_days": 90,
        # The plane's own compliance DLQ keeps evidence half a year instead of 90 days.
        "compliance_dlq": {"retention_days": 180},
        "event_store": {"account_name": store_account, "database_name": "orders", "container_name": "order-events"},
    },
)

store = SovereignEventStore(
    "orders",
    {
        "location": location,
        "resource_group_name": group.name,
        "boundary": boundary.code,
        "tags": tags,
        "private_endpoints": private_endpoints,
        "account_name": store_account,
        "database_name": "orders",
        "container_name": "order-events",
        # Orders are kept until they set their own ttl (the library's default is 30 days).
        "default_ttl_seconds": -1,
        "writer_principal_ids": [plane.processor_principal_id],
        "diagnostic_settings": {"workspace_id": plane.workspace_id},
    },
)

# A second compliance queue, for the payments team, on the plane's Service Bus namespace.
payments_dlq = ComplianceDLQ(
    "payments",
    {
        "location": location,
        "resource_group_name": group.name,
        "boundary": boundary.code,
        "tags": {**tags, "team": "payments"},
        "private_endpoints": private_endpoints,
        "service_bus_namespace_name": plane.service_bus_namespace_name,
        "service_bus_namespace_id": plane.service_bus_namespace_id,
        "alert_email": "payments-security@contoso.example",
        "queue_name": "payments-violations",
        "retention_days": 365,
        "archive_account_name": f"contosopaydlq{stack}",
        "diagnostic_settings": {"workspace_id": plane.workspace_id},
    },
)

pulumi.export("resourceGroup", group.name)
pulumi.export("exportsAccount", exports.name)
pulumi.export("topicEndpoint", plane.topic_endpoint)
pulumi.export("eventStoreEndpoint", store.endpoint)
pulumi.export("paymentsViolationsQueue", payments_dlq.queue_name)
