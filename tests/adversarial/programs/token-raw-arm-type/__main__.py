"""A resource registered with a raw ARM type as its Pulumi type token.

Attack: `Microsoft.DocumentDB/databaseAccounts` is not an azure-native token; a gate that only
matches known tokens sees nothing to check and passes. Default-deny: an unknown type (here not
even a package:module:type token) is blocked, naming it.

Class: token spellings
Issue: 12 versioned tokens
Blame: raw
Mentions: Microsoft.DocumentDB/databaseAccounts
"""

import pulumi

pulumi.CustomResource(
    "Microsoft.DocumentDB/databaseAccounts",
    "raw",
    {"location": "eastus", "properties": {"publicNetworkAccess": "Enabled"}},
)
