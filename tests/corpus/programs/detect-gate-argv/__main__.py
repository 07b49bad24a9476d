"""A program that branches on its command line: under Pulumi and under the gate it deploys only
the benign branch, so exit 0 is the right verdict.

It was written as an attack ("the language host passes `--monitor` flags in `sys.argv`, a gate
that runs the program another way is told apart"), but the premise is false: Pulumi's
`pulumi-language-python-exec` (github.com/pulumi/pulumi, `sdk/python/cmd/pulumi-language-python-exec`)
parses its own flags and then sets `sys.argv = [program] + args` before running the program, so
no `--monitor` flag is ever visible to the program under `pulumi preview` or `pulumi up`. The
gate's child sets `sys.argv = [program]` the same way (tests/engine/test_program_process.py
asserts it), so the program takes the same branch in both: a resource group in westeurope.
The eastus branch is dead code that no deployment runs; blocking it would be crying wolf.

Style: command-line branching (dead branch never deployed)
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
