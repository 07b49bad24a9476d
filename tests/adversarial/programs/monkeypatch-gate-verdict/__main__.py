"""The program rewrites the gate's verdict functions in its own process.

Attack: every function of a loaded `sovereign_components.gate` module (or any module named
like a report/summary) whose name mentions "exit", "verdict" or "mandatory" is replaced by one
returning 0 / an empty list. In-process, the CLI asks the patched code for its exit status.

Class: process blinding
Issue: 13 isolation (monkeypatching)
Blame: orders-us
"""

import sys
import types

from pulumi_azure_native import cosmosdb, resources

for mod_name, mod in list(sys.modules.items()):
    if mod is None or not mod_name.startswith(("sovereign_components.gate", "sovereign_components.policies")):
        continue
    for attr, value in list(vars(mod).items()):
        lowered = attr.lower()
        if isinstance(value, types.FunctionType) and any(w in lowered for w in ("exit", "verdict")):
            setattr(mod, attr, lambda *a, **k: 0)
        elif isinstance(value, types.FunctionType) and "mandatory" in lowered:
            setattr(mod, attr, lambda *a, **k: [])

resources.ResourceGroup("rg", location="westeurope")
cosmosdb.DatabaseAccount(
    "orders-us",
    resource_group_name="rg-orders",
    location="eastus",
    database_account_offer_type=cosmosdb.DatabaseAccountOfferType.STANDARD,
    locations=[cosmosdb.LocationArgs(location_name="eastus", failover_priority=0)],
    public_network_access="Enabled",
)
