"""A public, shared-key storage account through the classic `azure` provider, in westeurope.

Attack: the location is inside the boundary, so only a public-network rule could stop it, and
no rule reads `azure:storage/account:Account` (`publicNetworkAccessEnabled`,
`sharedAccessKeyEnabled`, `allowNestedItemsToBePublic` default true in pulumi-azure).

Class: other providers
Issue: 12 other providers
Blame: blobs
Mentions: azure:storage/account:Account
"""

import pulumi

pulumi.CustomResource(
    "azure:storage/account:Account",
    "blobs",
    {
        "resourceGroupName": "rg-blobs",
        "location": "westeurope",
        "accountTier": "Standard",
        "accountReplicationType": "LRS",
        "publicNetworkAccessEnabled": True,
        "sharedAccessKeyEnabled": True,
    },
)
