"""A Cosmos DB account registered under the azure-native v2 token `documentdb`, in eastus.

Attack: programs still on pulumi-azure-native 2.x (or a state migrated from it) register
`azure-native:documentdb:DatabaseAccount`; v3 aliases it, so the account is the same Azure
resource. A pack that only knows the v3 module name `cosmosdb` never sees it.

Class: token spellings
Issue: 12 versioned tokens
Blame: events
"""

import pulumi

pulumi.CustomResource(
    "azure-native:documentdb:DatabaseAccount",
    "events",
    {
        "resourceGroupName": "rg-events",
        "location": "eastus",
        "databaseAccountOfferType": "Standard",
        "locations": [{"locationName": "eastus", "failoverPriority": 0}],
    },
)
