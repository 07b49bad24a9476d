"""A Log Analytics data export rule that streams tables to a storage account in the US.

Attack: `operationalinsights:DataExport` has no location; `resource_id` (the destination) is
an existing US storage account. The workspace itself is in the boundary.

Class: services next to the platform
Issue: 12 services (Log Analytics data export)
Blame: export-us
"""

from pulumi_azure_native import operationalinsights

ws = operationalinsights.Workspace(
    "logs",
    resource_group_name="rg-monitor",
    location="westeurope",
    sku=operationalinsights.WorkspaceSkuArgs(name="PerGB2018"),
    public_network_access_for_ingestion="Disabled",
    public_network_access_for_query="Disabled",
    features=operationalinsights.WorkspaceFeaturesArgs(disable_local_auth=True),
)
operationalinsights.DataExport(
    "export-us",
    resource_group_name="rg-monitor",
    workspace_name=ws.name,
    table_names=["AppTraces", "AzureDiagnostics"],
    resource_id="/subscriptions/5d1e0b7a-0000-4000-8000-0000000000aa/resourceGroups/rg-shared-eastus/providers/Microsoft.Storage/storageAccounts/exportseastus",
    enable=True,
)
