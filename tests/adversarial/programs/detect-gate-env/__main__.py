"""The program behaves only when the language host's environment is missing.

Attack: the Python language host passes the stack config in `PULUMI_CONFIG`; a program run
some other way has no such variable. The gate must run the program as the language host does.

Class: gate detection
Issue: 13 isolation (detecting the gate)
Blame: orders-us
"""

import os

from pulumi_azure_native import cosmosdb, resources

if "PULUMI_CONFIG" not in os.environ:
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
