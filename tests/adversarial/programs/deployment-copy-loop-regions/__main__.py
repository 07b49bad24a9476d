"""An inline template that creates one storage account per region with a `copy` loop.

Attack: `copy` over `["westeurope", "eastus"]` with `[copyIndex()]`; the literal locations
exist only in a parameter array, the resource's `location` is an expression.

Class: escape hatches
Issue: 12 inline ARM templates
Blame: arm-copy
"""

from pulumi_azure_native import resources

resources.Deployment(
    "arm-copy",
    resource_group_name="rg-orders",
    properties={
        "mode": "Incremental",
        "template": {
            "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
            "contentVersion": "1.0.0.0",
            "parameters": {"regions": {"type": "array", "defaultValue": ["westeurope", "eastus"]}},
            "resources": [{
                "type": "Microsoft.Storage/storageAccounts",
                "apiVersion": "2023-05-01",
                "name": "[concat('archive', copyIndex())]",
                "location": "[parameters('regions')[copyIndex()]]",
                "copy": {"name": "perRegion", "count": "[length(parameters('regions'))]"},
                "kind": "StorageV2",
                "sku": {"name": "Standard_LRS"},
                "properties": {"publicNetworkAccess": "Disabled", "allowSharedKeyAccess": False},
            }],
        },
    },
)
