"""The program behaves only when the client config looks like an offline placeholder.

Attack: `authorization.get_client_config()` returns the real subscription id under the CLI;
an offline gate answers a placeholder (all zeros). A gate whose placeholders are recognisable
is detectable; the verdict must not depend on it.

Class: gate detection
Issue: 13 isolation (detecting the gate)
Blame: orders-us
"""

from pulumi_azure_native import authorization, cosmosdb, resources

client = authorization.get_client_config()
if set(client.subscription_id.replace("-", "")) <= {"0"} or client.subscription_id.startswith("00000000"):
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
