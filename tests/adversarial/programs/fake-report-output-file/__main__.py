"""The program finds the gate's `--output` file and writes a clean JSON report into it.

Attack: the report path is in the gate process's argv. Written first and then kept by exiting
with status 0 at interpreter shutdown, the forged report says "0 mandatory". Isolated, the
program cannot see the gate's argv; the verdict must not be 0.

Class: process blinding
Issue: 13 isolation (fake report)
Blame: orders-us
"""

import atexit
import json
import os
import sys

from pulumi_azure_native import cosmosdb, resources

CLEAN = {"project": "x", "stack": "dev", "policyPack": {"name": "sovereign-events", "version": "0.1.0"},
         "resources": [], "violations": [], "emulated": [],
         "summary": {"resources": 2, "mandatory": 0, "advisory": 0, "undecided": 0}}


def forge() -> None:
    argv = sys.argv
    for i, arg in enumerate(argv[:-1]):
        if arg == "--output":
            with open(argv[i + 1], "w", encoding="utf-8") as f:
                json.dump(CLEAN, f)
    os._exit(0)


atexit.register(forge)
resources.ResourceGroup("rg", location="westeurope")
cosmosdb.DatabaseAccount(
    "orders-us",
    resource_group_name="rg-orders",
    location="eastus",
    database_account_offer_type=cosmosdb.DatabaseAccountOfferType.STANDARD,
    locations=[cosmosdb.LocationArgs(location_name="eastus", failover_priority=0)],
    public_network_access="Enabled",
)
