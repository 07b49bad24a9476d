"""An Azure Monitor data collection rule in westeurope that sends collected logs to a US workspace.

Attack: `monitor:DataCollectionRule.destinations.log_analytics[].workspace_resource_id` is an
existing workspace in eastus; the rule's own location is in the boundary.

Class: data flows by reference
Issue: 12 value-based flows
Blame: collect
"""

from pulumi_azure_native import monitor

monitor.DataCollectionRule(
    "collect",
    resource_group_name="rg-monitor",
    location="westeurope",
    destinations=monitor.DataCollectionRuleDestinationsArgs(log_analytics=[monitor.LogAnalyticsDestinationArgs(
        name="central", workspace_resource_id="/subscriptions/5d1e0b7a-0000-4000-8000-0000000000aa/resourceGroups/rg-shared-eastus/providers/Microsoft.OperationalInsights/workspaces/central-eastus")]),
    data_flows=[monitor.DataFlowArgs(streams=["Microsoft-Syslog"], destinations=["central"])],
    data_sources=monitor.DataCollectionRuleDataSourcesArgs(syslog=[monitor.SyslogDataSourceArgs(
        name="syslog", streams=["Microsoft-Syslog"], facility_names=["*"], log_levels=["*"])]),
)
