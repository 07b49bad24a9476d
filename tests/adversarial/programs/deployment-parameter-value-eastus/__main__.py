"""An inline template whose location parameter is set to eastus by the deployment's parameters.

Attack: the template's default is westeurope (what a reviewer reads); the deployment passes
`parameters: {region: {value: eastus}}`, which wins at deployment time.

Class: escape hatches
Issue: 12 inline ARM templates
Blame: arm-override
"""

from pulumi_azure_native import resources

resources.Deployment(
    "arm-override",
    resource_group_name="rg-orders",
    properties=resources.DeploymentPropertiesArgs(
        mode=resources.DeploymentMode.INCREMENTAL,
        parameters={"region": resources.DeploymentParameterArgs(value="eastus")},
        template={
            "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
            "contentVersion": "1.0.0.0",
            "parameters": {"region": {"type": "string", "defaultValue": "westeurope"}},
            "resources": [{
                "type": "Microsoft.EventHub/namespaces",
                "apiVersion": "2024-01-01",
                "name": "ingest-ns",
                "location": "[parameters('region')]",
                "sku": {"name": "Standard"},
                "properties": {"publicNetworkAccess": "Disabled", "disableLocalAuth": True},
            }],
        },
    ),
)
