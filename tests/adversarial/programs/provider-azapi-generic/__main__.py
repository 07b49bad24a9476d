"""A Cosmos account through a generic ARM provider (azapi-style `type@apiVersion` resource).

Attack: a generic ARM provider takes the ARM type and the body as data; the pack would have
to read `body.properties` of a type token it has never heard of. Default-deny blocks the
provider (it is not allow-listed), whatever the body says.

Class: other providers
Issue: 12 other providers
Blame: generic
Mentions: azapi
"""

import json

import pulumi

pulumi.CustomResource(
    "azapi:index/resource:Resource",
    "generic",
    {
        "type": "Microsoft.DocumentDB/databaseAccounts@2024-05-15",
        "parentId": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-orders",
        "name": "orders-us",
        "location": "eastus",
        "body": json.dumps({"properties": {
            "databaseAccountOfferType": "Standard",
            "locations": [{"locationName": "eastus"}],
            "publicNetworkAccess": "Enabled"}}),
    },
)
