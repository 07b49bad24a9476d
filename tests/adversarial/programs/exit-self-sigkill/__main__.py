"""The program kills its own process with SIGKILL after registering an eastus account.

Attack: in-process, the gate dies with it (status -9, no report); isolated, the worker dies.
Either way the run is incomplete and must end in exit 2 naming the cause, never 0 and never
a raw signal status.

Class: process blinding
Issue: 13 isolation (killed)
Blame: orders-us
"""

import os
import signal

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
rg.name.apply(lambda _name: os.kill(os.getpid(), signal.SIGKILL))
