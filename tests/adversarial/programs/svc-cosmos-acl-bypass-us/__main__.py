"""A private Cosmos account whose network ACL bypass admits a US Synapse workspace.

Attack: `network_acl_bypass="AzureServices"` with `network_acl_bypass_resource_ids` lets the
named resources (here a Synapse workspace in eastus) read the account through the firewall
although public access is off. The bypass ids are data flows to place.

Class: services next to the platform
Issue: 12 services (Cosmos network ACL bypass)
Blame: store
"""

from pulumi_azure_native import cosmosdb

cosmosdb.DatabaseAccount(
    "store",
    resource_group_name="rg-store",
    location="westeurope",
    database_account_offer_type=cosmosdb.DatabaseAccountOfferType.STANDARD,
    locations=[cosmosdb.LocationArgs(location_name="westeurope", failover_priority=0)],
    public_network_access="Disabled",
    disable_local_auth=True,
    disable_key_based_metadata_write_access=True,
    network_acl_bypass=cosmosdb.NetworkAclBypass.AZURE_SERVICES,
    network_acl_bypass_resource_ids=["/subscriptions/5d1e0b7a-0000-4000-8000-0000000000aa/resourceGroups/rg-shared-eastus/providers/Microsoft.Synapse/workspaces/analytics-eastus"],
)
