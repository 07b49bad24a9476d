"""`raise SystemExit(0)` inside an `apply` callback, after an eastus Cosmos account.

Attack: the exception is raised on the runtime's event loop while outputs resolve, not at
module level; a gate that only guards the program's top level lets it escape as exit 0.

Class: process blinding
Issue: 13 isolation (sys.exit)
Blame: orders-us
"""

from pulumi_azure_native import cosmosdb, resources

rg = resources.ResourceGroup("rg", location="westeurope")
cosmosdb.DatabaseAccount(
    "orders-us",
    resource_group_name="rg-orders",
    location="eastus",
    database_account_offer_type=cosmosdb.DatabaseAccountOfferType.STANDARD,
    locations=[cosmosdb.LocationArgs(location_name="eastus", failover_priority=0)],
    public_network_access="Enabled",
)


def leave(_name: str) -> str:
    raise SystemExit(0)


rg.name.apply(leave)
