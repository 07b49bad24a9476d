"""A tenant-scope deployment hiding a resource group in eastus in a nested subscription deployment.

Attack: `resources:DeploymentAtTenantScope` is the widest scope; its template nests a
subscription-scope deployment that creates `rg-dr` in eastus.

Class: escape hatches
Issue: 12 inline ARM templates
Blame: tenant-wide
"""

from pulumi_azure_native import resources

resources.DeploymentAtTenantScope(
    "tenant-wide",
    location="westeurope",
    properties={
        "mode": "Incremental",
        "template": {
            "$schema": "https://schema.management.azure.com/schemas/2019-08-01/tenantDeploymentTemplate.json#",
            "contentVersion": "1.0.0.0",
            "resources": [{
                "type": "Microsoft.Resources/deployments",
                "apiVersion": "2022-09-01",
                "name": "sub-rg",
                "location": "westeurope",
                "subscriptionId": "4b0c9b6a-0000-4000-8000-000000000042",
                "properties": {"mode": "Incremental", "template": {
                    "$schema": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#",
                    "contentVersion": "1.0.0.0",
                    "resources": [{"type": "Microsoft.Resources/resourceGroups",
                                   "apiVersion": "2022-09-01", "name": "rg-dr", "location": "eastus"}]}},
            }],
        },
    },
)
