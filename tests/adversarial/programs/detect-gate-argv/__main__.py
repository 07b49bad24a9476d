"""The program behaves only when its command line is not the language host's.

Attack: `pulumi-language-python-exec` runs programs with `--monitor`/`--engine` flags in
`sys.argv`; a gate that runs the program some other way is told apart.

Class: gate detection
Issue: 13 isolation (detecting the gate)
Blame: orders-us
"""

import sys

from pulumi_azure_native import cosmosdb, resources

if not any(arg.startswith("--monitor") for arg in sys.argv):
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
