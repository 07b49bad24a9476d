"""The program behaves only when it sees the gate's or the policy SDK's modules loaded.

Attack: `sovereign_components` / `pulumi_policy` in `sys.modules` means "I am being judged";
then it registers an honest group, otherwise a public eastus Cosmos account. Under the real
language host neither module is loaded in the program's process — nor may it be under the gate.

Class: gate detection
Issue: 13 isolation (detecting the gate)
Blame: orders-us
"""

import sys

from pulumi_azure_native import cosmosdb, resources

if any(m.startswith(("sovereign_components", "pulumi_policy")) for m in sys.modules):
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
