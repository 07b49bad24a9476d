"""The program deploys to eastus only when it is not a dry run.

Attack: `pulumi.runtime.is_dry_run()` is True in `pulumi preview` and False in `pulumi up`.
A gate that runs only the preview path never sees the `up` path.

Not winnable offline: the gate runs the program as `pulumi preview` does (a dry run), because
what a dry run gives the program — unknown outputs, stack references it may not read — is what
lets it run with no cloud behind it; a run with `is_dry_run()` False would expect every output to
be known and real. So the gate judges the preview path (a resource group in westeurope, exit 0)
and the `up` path is met only by CrossGuard, which Pulumi runs again during `pulumi up` with the
same pack. Judged as a documented limitation: the test asserts the gate's verdict and that
docs/engine.md still names this program under the anchor.

Class: gate detection
Issue: 13 isolation (detecting the gate)
Limitation: docs/engine.md#limitation-dry-run
Verdict: exit 0
"""

import pulumi
from pulumi_azure_native import cosmosdb, resources

if pulumi.runtime.is_dry_run():
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
