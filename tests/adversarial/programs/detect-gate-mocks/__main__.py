"""The program behaves only when the Pulumi runtime is wired to mocks.

Attack: under `pulumi.runtime.set_mocks` the runtime's monitor is a `MockMonitor`; a real
engine gives a gRPC stub. A gate whose program sees mocks is detectable; one that serves the
real monitor protocol is not.

Class: gate detection
Issue: 13 isolation (detecting the gate)
Blame: orders-us
"""

from pulumi.runtime import settings

from pulumi_azure_native import cosmosdb, resources

monitor = getattr(settings.SETTINGS, "monitor", None)
if monitor is not None and "mock" in (type(monitor).__module__ + type(monitor).__name__).lower():
    resources.ResourceGroup("rg", location="westeurope")
else:
    cosmosdb.DatabaseAccount(
        "orders-us",
        resource_group_name="rg-orders",
        location="eastus",
        database_account_offer_type=cosmosdb.DatabaseAccountOfferType.STANDARD,
        locations=[cosmosdb.LocationArgs(location_name="eastus", failover_priority=0)],
        public_network_access="Enabled",
    )
