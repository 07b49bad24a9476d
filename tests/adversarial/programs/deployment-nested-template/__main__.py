"""A template whose only resource is a nested deployment with an inner template in eastus.

Attack: expanding one level finds a `Microsoft.Resources/deployments` resource; the storage
account is one level deeper, in `properties.template.resources`. Nested templates must be
expanded too (with `expressionEvaluationOptions.scope: inner` parameters).

Class: escape hatches
Issue: 12 inline ARM templates
Blame: arm-nested
"""

from pulumi_azure_native import resources

inner = {
    "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    "contentVersion": "1.0.0.0",
    "parameters": {"where": {"type": "string"}},
    "resources": [{
        "type": "Microsoft.Storage/storageAccounts",
        "apiVersion": "2023-05-01",
        "name": "exportsus",
        "location": "[parameters('where')]",
        "kind": "StorageV2",
        "sku": {"name": "Standard_LRS"},
        "properties": {"publicNetworkAccess": "Enabled"},
    }],
}
resources.Deployment(
    "arm-nested",
    resource_group_name="rg-orders",
    properties={
        "mode": "Incremental",
        "template": {
            "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
            "contentVersion": "1.0.0.0",
            "resources": [{
                "type": "Microsoft.Resources/deployments",
                "apiVersion": "2022-09-01",
                "name": "inner",
                "properties": {
                    "mode": "Incremental",
                    "expressionEvaluationOptions": {"scope": "inner"},
                    "parameters": {"where": {"value": "eastus"}},
                    "template": inner,
                },
            }],
        },
    },
)
