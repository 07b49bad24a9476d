"""An inline template in the resource group's region (westeurope) creating a public namespace.

Attack: `[resourceGroup().location]` is in the boundary, so a location check on the expanded
resource passes; the template's Event Hubs namespace has `publicNetworkAccess: Enabled` and
keys. Every rule must judge expanded resources, not just the location rule.

Class: escape hatches
Issue: 12 inline ARM templates
Blame: arm-public
"""

from pulumi_azure_native import resources

rg = resources.ResourceGroup("rg", location="westeurope")
resources.Deployment(
    "arm-public",
    resource_group_name=rg.name,
    properties={
        "mode": "Incremental",
        "template": {
            "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
            "contentVersion": "1.0.0.0",
            "resources": [{
                "type": "Microsoft.EventHub/namespaces",
                "apiVersion": "2024-01-01",
                "name": "telemetry-ns",
                "location": "[resourceGroup().location]",
                "sku": {"name": "Standard"},
                "properties": {"publicNetworkAccess": "Enabled", "disableLocalAuth": False},
            }],
        },
    },
)
