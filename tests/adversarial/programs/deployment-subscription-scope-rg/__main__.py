"""A subscription-scope deployment creating a resource group in eastus and a vault in it.

Attack: `resources:DeploymentAtSubscriptionScope` has its own `location` (westeurope: where the
deployment metadata lives) while its template creates `Microsoft.Resources/resourceGroups` in
eastus and deploys a Key Vault there through a nested deployment.

Class: escape hatches
Issue: 12 inline ARM templates
Blame: landing
"""

from pulumi_azure_native import resources

resources.DeploymentAtSubscriptionScope(
    "landing",
    location="westeurope",
    properties={
        "mode": "Incremental",
        "template": {
            "$schema": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#",
            "contentVersion": "1.0.0.0",
            "resources": [
                {"type": "Microsoft.Resources/resourceGroups", "apiVersion": "2022-09-01",
                 "name": "rg-shadow", "location": "eastus"},
                {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01",
                 "name": "vault", "resourceGroup": "rg-shadow",
                 "dependsOn": ["[subscriptionResourceId('Microsoft.Resources/resourceGroups', 'rg-shadow')]"],
                 "properties": {"mode": "Incremental", "template": {
                     "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                     "contentVersion": "1.0.0.0",
                     "resources": [{"type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01",
                                    "name": "kv-shadow", "location": "[resourceGroup().location]",
                                    "properties": {"tenantId": "[subscription().tenantId]",
                                                   "sku": {"family": "A", "name": "standard"},
                                                   "publicNetworkAccess": "Enabled"}}]}}},
            ],
        },
    },
)
