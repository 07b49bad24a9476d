"""A public Cosmos account in westeurope under a token spelled with another letter case (`CosmosDB`).

Attack: token matching that compares exact strings misses `azure-native:CosmosDB:DatabaseAccount`.
Whether or not the provider accepts the spelling, the gate must not vet a type it does not
recognise: default-deny blocks it as unvetted (naming the type) instead of passing it.

Class: token spellings
Issue: 12 versioned tokens
Blame: ledger
Mentions: CosmosDB
"""

import pulumi

pulumi.CustomResource(
    "azure-native:CosmosDB:DatabaseAccount",
    "ledger",
    {
        "resourceGroupName": "rg-ledger",
        "location": "westeurope",
        "databaseAccountOfferType": "Standard",
        "locations": [{"locationName": "westeurope", "failoverPriority": 0}],
        "publicNetworkAccess": "Enabled",
    },
)
