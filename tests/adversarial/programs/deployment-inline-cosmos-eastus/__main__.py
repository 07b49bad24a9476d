"""An inline ARM template in `resources:Deployment` creating a public Cosmos account in eastus.

Attack: the Deployment itself has no location and one property, `properties.template`; the
account exists only inside the template. The gate must expand inline templates into the
resources they create and judge each.

Class: escape hatches
Issue: 12 inline ARM templates
Blame: arm
"""

from pulumi_azure_native import resources

resources.Deployment(
    "arm",
    resource_group_name="rg-orders",
    properties={
        "mode": "Incremental",
        "template": {
            "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
            "contentVersion": "1.0.0.0",
            "resources": [{
                "type": "Microsoft.DocumentDB/databaseAccounts",
                "apiVersion": "2024-05-15",
                "name": "orders-us",
                "location": "eastus",
                "properties": {
                    "databaseAccountOfferType": "Standard",
                    "locations": [{"locationName": "eastus", "failoverPriority": 0}],
                    "publicNetworkAccess": "Enabled",
                },
            }],
        },
    },
)
