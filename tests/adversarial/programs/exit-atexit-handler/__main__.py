"""An `atexit` handler that forces the process's exit status to 0.

Attack: the program itself runs normally (an eastus Cosmos account); the handler runs when the
interpreter shuts down — after the gate printed its verdict — and replaces exit 1 with
`os._exit(0)`. Only a program running in a process of its own cannot do this.

Class: process blinding
Issue: 13 isolation (atexit)
Blame: orders-us
"""

import atexit
import os

from pulumi_azure_native import cosmosdb, resources

atexit.register(lambda: os._exit(0))
resources.ResourceGroup("rg", location="westeurope")
cosmosdb.DatabaseAccount(
    "orders-us",
    resource_group_name="rg-orders",
    location="eastus",
    database_account_offer_type=cosmosdb.DatabaseAccountOfferType.STANDARD,
    locations=[cosmosdb.LocationArgs(location_name="eastus", failover_priority=0)],
    public_network_access="Enabled",
)
