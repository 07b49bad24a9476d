"""A Service Bus `MigrationConfig` moving a westeurope namespace's entities to a US namespace.

Attack: migration from Standard to Premium copies every queue and topic (and, once committed,
the DNS name) to `target_namespace`, an existing namespace in eastus.

Class: services next to the platform
Issue: 12 services (Service Bus MigrationConfig)
Blame: migrate
"""

from pulumi_azure_native import servicebus

ns = servicebus.Namespace(
    "bus",
    resource_group_name="rg-bus",
    location="westeurope",
    sku=servicebus.SBSkuArgs(name="Standard", tier="Standard"),
    public_network_access="Disabled",
    disable_local_auth=True,
    minimum_tls_version="1.2",
)
servicebus.MigrationConfig(
    "migrate",
    config_name="",
    namespace_name=ns.name,
    resource_group_name="rg-bus",
    target_namespace="/subscriptions/5d1e0b7a-0000-4000-8000-0000000000aa/resourceGroups/rg-shared-eastus/providers/Microsoft.ServiceBus/namespaces/bus-premium-eastus",
    post_migration_name="bus-legacy",
)
