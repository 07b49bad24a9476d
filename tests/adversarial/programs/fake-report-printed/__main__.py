"""The program prints a clean-looking gate report and exits with status 0.

Attack: a CI log reader (or a wrapper that greps "0 mandatory") sees a pass; the process exit
status is 0 because the program ended the process itself. The gate's exit code is the only
verdict and must not be 0.

Class: process blinding
Issue: 13 isolation (fake report)
Blame: orders-us
"""

import os
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
sys.stdout.write("Policies:\n    sovereign-events@v0.1.0: no violations\n\n")
sys.stderr.write("Summary: 2 resources; 0 mandatory, 0 advisory, 0 undecided policy results\n")
sys.stdout.flush()
sys.stderr.flush()
os._exit(0)
