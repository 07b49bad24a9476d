"""An inline template whose resource location comes from a parameter defaulting to eastus.

Attack: `"location": "[parameters('region')]"` with `defaultValue: eastus`; a gate that only
reads literal strings in the template sees an expression, not a region.

Class: escape hatches
Issue: 12 inline ARM templates
Blame: arm-params
"""

from pulumi_azure_native import resources

resources.Deployment(
    "arm-params",
    resource_group_name="rg-orders",
    properties={
        "mode": "Incremental",
        "template": {
            "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
            "contentVersion": "1.0.0.0",
            "parameters": {"region": {"type": "string", "defaultValue": "eastus"}},
            "resources": [{
                "type": "Microsoft.Storage/storageAccounts",
                "apiVersion": "2023-05-01",
                "name": "ordersarchiveus",
                "location": "[parameters('region')]",
                "kind": "StorageV2",
                "sku": {"name": "Standard_LRS"},
                "properties": {"publicNetworkAccess": "Disabled", "allowSharedKeyAccess": False},
            }],
        },
    },
)
