"""A Cosmos DB account through the classic `azure` provider (pulumi-azure), in eastus.

Attack: the pack's rules know azure-native tokens; `azure:cosmosdb/account:Account` (the token
`pulumi_azure.cosmosdb.Account` registers) is another provider, so nothing matches and the
account replicates to the US with public access. Default-deny: other providers are blocked
unless allow-listed.

Class: other providers
Issue: 12 other providers
Blame: acct
Mentions: azure:cosmosdb/account:Account
"""

import pulumi

pulumi.CustomResource(
    "azure:cosmosdb/account:Account",
    "acct",
    {
        "resourceGroupName": "rg-orders",
        "location": "eastus",
        "offerType": "Standard",
        "consistencyPolicy": {"consistencyLevel": "Session"},
        "geoLocations": [{"location": "eastus", "failoverPriority": 0},
                         {"location": "westus", "failoverPriority": 1}],
        "publicNetworkAccessEnabled": True,
    },
)
