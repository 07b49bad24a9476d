"""Diagnostic logs of an in-stack namespace shipped to a US workspace, under the v2 token.

Attack: `azure-native:insights:DiagnosticSetting` is the v2 spelling of
`monitor:DiagnosticSetting`. Its sink is a workspace in another subscription in eastus; the
diagnostic-sink rule keyed on the v3 token never looks at it.

Class: token spellings
Issue: 12 versioned tokens
Blame: ns-logs
"""

import pulumi
from pulumi_azure_native import eventhub, resources

rg = resources.ResourceGroup("rg", location="westeurope")
ns = eventhub.Namespace(
    "ns", resource_group_name=rg.name, location="westeurope", sku={"name": "Standard"},
    public_network_access="Disabled", disable_local_auth=True, minimum_tls_version="1.2",
)
pulumi.CustomResource(
    "azure-native:insights:DiagnosticSetting",
    "ns-logs",
    {
        "resourceUri": ns.id,
        "workspaceId": "/subscriptions/7c1d8a3e-0000-4000-8000-000000000777/resourceGroups/soc-us"
                       "/providers/Microsoft.OperationalInsights/workspaces/soc-eastus",
        "logs": [{"categoryGroup": "allLogs", "enabled": True}],
    },
)
