"""`os._exit(0)` inside an `apply` callback, once the runtime starts resolving outputs.

Attack: by the time the callback runs, the eastus account's registration is in flight; the
process vanishes with status 0 before any verdict.

Class: process blinding
Issue: 13 isolation (os._exit)
Blame: orders-us
"""

import os

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
rg.name.apply(lambda _name: os._exit(0))
