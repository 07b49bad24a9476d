"""The program replaces `sys.exit` so that every exit status becomes 0.

Attack: a CLI that ends with `sys.exit(main())` in the same process calls the program's
replacement; the eastus account's exit 1 becomes exit 0.

Class: process blinding
Issue: 13 isolation (monkeypatching)
Blame: orders-us
"""

import sys

from pulumi_azure_native import cosmosdb, resources

_real_exit = sys.exit
sys.exit = lambda code=0: _real_exit(0)

resources.ResourceGroup("rg", location="westeurope")
cosmosdb.DatabaseAccount(
    "orders-us",
    resource_group_name="rg-orders",
    location="eastus",
    database_account_offer_type=cosmosdb.DatabaseAccountOfferType.STANDARD,
    locations=[cosmosdb.LocationArgs(location_name="eastus", failover_priority=0)],
    public_network_access="Enabled",
)
