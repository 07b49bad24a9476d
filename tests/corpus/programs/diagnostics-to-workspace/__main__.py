"""Resource logs of a namespace and a topic sent to a Log Analytics workspace of the same stack.

Style: monitoring add-on (diagnostic settings to an in-stack workspace)
"""

from pulumi_azure_native import eventgrid, monitor, operationalinsights, resources, servicebus

rg = resources.ResourceGroup("obs", location="westeurope")
ws = operationalinsights.Workspace(
    "logs", resource_group_name=rg.name, location="westeurope",
    sku=operationalinsights.WorkspaceSkuArgs(name="PerGB2018"), retention_in_days=90,
    public_network_access_for_ingestion="Disabled", public_network_access_for_query="Disabled")
ns = servicebus.Namespace(
    "bus", resource_group_name=rg.name, location="westeurope",
    sku=servicebus.SBSkuArgs(name="Premium", tier="Premium", capacity=1),
    public_network_access="Disabled", disable_local_auth=True, minimum_tls_version="1.2")
topic = eventgrid.Topic(
    "orders", resource_group_name=rg.name, location="westeurope", public_network_access="Disabled",
    disable_local_auth=True, data_residency_boundary="WithinRegion", minimum_tls_version_allowed="1.2")
for name, target in (("bus-logs", ns.id), ("topic-logs", topic.id)):
    monitor.DiagnosticSetting(
        name,
        resource_uri=target,
        workspace_id=ws.id,
        logs=[monitor.DiagnosticsLogSettingsArgs(category_group="allLogs", enabled=True)],
        metrics=[monitor.DiagnosticsMetricSettingsArgs(category="AllMetrics", enabled=True)],
    )
