"""An inline template whose location is built with `variables()` and `concat()`.

Attack: `[variables('loc')]` where `loc` is `[concat('east', 'us')]`; only an evaluator of ARM
template expressions (or a fail-closed refusal) catches it.

Class: escape hatches
Issue: 12 inline ARM templates
Blame: arm-vars
"""

from pulumi_azure_native import resources

resources.Deployment(
    "arm-vars",
    resource_group_name="rg-orders",
    properties={
        "mode": "Incremental",
        "template": {
            "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
            "contentVersion": "1.0.0.0",
            "variables": {"loc": "[concat('east', 'us')]"},
            "resources": [{
                "type": "Microsoft.ServiceBus/namespaces",
                "apiVersion": "2022-10-01-preview",
                "name": "orders-bus-us",
                "location": "[variables('loc')]",
                "sku": {"name": "Premium", "tier": "Premium"},
                "properties": {"publicNetworkAccess": "Disabled", "disableLocalAuth": True},
            }],
        },
    },
)
