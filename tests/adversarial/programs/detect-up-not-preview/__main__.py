"""The program deploys to eastus only when it is not a dry run.

Attack: `pulumi.runtime.is_dry_run()` is True in `pulumi preview` and False in `pulumi up`.
A gate that runs only the preview path never sees the `up` path. Offline nothing is deployed,
so a gate can run the program both ways and judge both.

Class: gate detection
Issue: 13 isolation (detecting the gate)
Blame: orders-us
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
