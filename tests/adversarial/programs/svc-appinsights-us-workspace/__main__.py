"""Application Insights in westeurope whose telemetry lands in a US Log Analytics workspace.

Attack: a workspace-based component stores its data in `workspace_resource_id`; the
component's own location is in the boundary, the workspace (an existing one, by id) is not
shown to be. Telemetry carries request payload fragments and custom properties.

Class: services next to the platform
Issue: 12 services (App Insights on a US workspace)
Blame: telemetry
"""

from pulumi_azure_native import applicationinsights

applicationinsights.Component(
    "telemetry",
    resource_group_name="rg-monitor",
    location="westeurope",
    kind="web",
    application_type="web",
    ingestion_mode="LogAnalytics",
    workspace_resource_id="/subscriptions/5d1e0b7a-0000-4000-8000-0000000000aa/resourceGroups/rg-shared-eastus/providers/Microsoft.OperationalInsights/workspaces/central-eastus",
    disable_local_auth=True,
    public_network_access_for_ingestion="Disabled",
    public_network_access_for_query="Disabled",
)
