"""The program disarms every policy it can find in its own process, then deploys to eastus.

Attack: it walks `sys.modules` and (a) replaces every function named `check_*` in any
module whose name mentions "polic" with one that finds nothing, (b) makes every
`pulumi_policy` policy's `validate` a no-op. In-process, the pack that judges the program is
the one it just disarmed.

Class: process blinding
Issue: 13 isolation (monkeypatching)
Blame: orders-us
"""

import sys
import types

from pulumi_azure_native import cosmosdb, resources


def _nothing(*_args, **_kwargs):
    return None


for mod_name, mod in list(sys.modules.items()):
    if mod is None or "polic" not in mod_name:
        continue
    for attr, value in list(vars(mod).items()):
        if isinstance(value, types.FunctionType) and attr.startswith("check_"):
            setattr(mod, attr, _nothing)
policy_mod = sys.modules.get("pulumi_policy.policy")
if policy_mod is not None:
    for cls_name in ("ResourceValidationPolicy", "StackValidationPolicy"):
        cls = getattr(policy_mod, cls_name, None)
        if cls is not None:
            cls.validate = property(lambda self: _nothing, lambda self, v: None)

resources.ResourceGroup("rg", location="westeurope")
cosmosdb.DatabaseAccount(
    "orders-us",
    resource_group_name="rg-orders",
    location="eastus",
    database_account_offer_type=cosmosdb.DatabaseAccountOfferType.STANDARD,
    locations=[cosmosdb.LocationArgs(location_name="eastus", failover_priority=0)],
    public_network_access="Enabled",
)
