"""A public Cosmos DB account in eastus under a versioned token.

Attack: `pulumi package add azure-native cosmosdb 2024-05-15` generates a local SDK whose class
registers `azure-native:cosmosdb/v20240515:DatabaseAccount`; the wire registration is exactly
the `pulumi.CustomResource` below. A rule keyed on `azure-native:cosmosdb:DatabaseAccount`
never sees it, although Azure creates the same account in the US with public access and keys.

Class: token spellings
Issue: 12 versioned tokens
Blame: orders
"""

import pulumi

pulumi.CustomResource(
    "azure-native:cosmosdb/v20240515:DatabaseAccount",
    "orders",
    {
        "resourceGroupName": "rg-orders",
        "location": "eastus",
        "databaseAccountOfferType": "Standard",
        "locations": [{"locationName": "eastus", "failoverPriority": 0}],
        "publicNetworkAccess": "Enabled",
        "disableLocalAuth": False,
    },
)
