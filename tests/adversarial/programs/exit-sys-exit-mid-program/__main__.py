"""`sys.exit(0)` in the middle of the program, after an eastus Cosmos account.

Attack: `SystemExit(0)` raised by the program may be taken for a clean end of the program, or
propagate out of the gate as its own exit status 0.

Class: process blinding
Issue: 13 isolation (sys.exit)
Blame: orders-us
"""

import sys

from pulumi_azure_native import cosmosdb, resources

resources.ResourceGroup("rg", location="westeurope")
cosmosdb.DatabaseAccount(
    "orders-us",
    resource_group_name="rg-orders",
    location="eastus",
    database_account_offer_type=cosmosdb.DatabaseAccountOfferType.STANDARD,
    locations=[cosmosdb.LocationArgs(location_name="eastus", failover_priority=0)],
    public_network_access="Enabled",
)
sys.exit(0)
