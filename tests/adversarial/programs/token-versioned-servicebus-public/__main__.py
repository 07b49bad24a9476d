"""A Service Bus namespace in westeurope, public and with SAS keys, under a versioned token.

Attack: the location is inside the boundary, so a location rule passes it; only the
public-network and local-auth rules could block it, and those key on the v3 token
`azure-native:servicebus:Namespace`. A local SDK for API 2022-10-01-preview registers
`azure-native:servicebus/v20221001preview:Namespace` instead.

Class: token spellings
Issue: 12 versioned tokens
Blame: bus
"""

import pulumi

pulumi.CustomResource(
    "azure-native:servicebus/v20221001preview:Namespace",
    "bus",
    {
        "resourceGroupName": "rg-orders",
        "location": "westeurope",
        "sku": {"name": "Premium", "tier": "Premium", "capacity": 1},
        "publicNetworkAccess": "Enabled",
        "disableLocalAuth": False,
        "minimumTlsVersion": "1.2",
    },
)
