"""`os._exit(0)` right after registering a public Cosmos account in eastus.

Attack: in the gate's own process `os._exit(0)` ends everything — capture, analysis and the
CLI — with status 0 and no report. Constructors only queue work, so even the real engine may
have seen part of the program. A run that ends early is never a pass: exit 2 naming the cause
(or exit 1 if the account was captured).

Class: process blinding
Issue: 13 isolation (os._exit)
Blame: orders-us
"""

import os

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
os._exit(0)
