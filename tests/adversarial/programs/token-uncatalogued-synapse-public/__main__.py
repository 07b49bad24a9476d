"""A Synapse workspace (a real azure-native v3 type) with public network access, in westeurope.

Attack: the location is inside the boundary; the type is one no rule of a deny-list knows, so
its `public_network_access="Enabled"` goes unjudged. Default-deny: an uncatalogued type is
blocked as unvetted (or judged by its catalogue entry), never silently passed.

Class: uncatalogued types
Issue: 12 services next to the platform
Blame: analytics
"""

from pulumi_azure_native import synapse

synapse.Workspace(
    "analytics",
    resource_group_name="rg-analytics",
    location="westeurope",
    default_data_lake_storage={
        "account_url": "https://analyticsweu.dfs.core.windows.net",
        "filesystem": "events",
    },
    public_network_access="Enabled",
    identity={"type": "SystemAssigned"},
)
