"""A Cosmos DB account in westeurope whose generic `properties` add an eastus replica.

Attack: the resource's own `location` is in the boundary; the replica region is buried in
`properties.locations[]` of a generic resource, where no Cosmos-locations rule looks.

Class: escape hatches
Issue: 12 generic resources:Resource
Blame: ledger
"""

from pulumi_azure_native import resources

resources.Resource(
    "ledger",
    resource_group_name="rg-ledger",
    resource_provider_namespace="Microsoft.DocumentDB",
    resource_type="databaseAccounts",
    parent_resource_path="",
    resource_name_="ledger",
    api_version="2024-05-15",
    location="westeurope",
    properties={
        "databaseAccountOfferType": "Standard",
        "publicNetworkAccess": "Disabled",
        "disableLocalAuth": True,
        "locations": [
            {"locationName": "westeurope", "failoverPriority": 0},
            {"locationName": "eastus", "failoverPriority": 1},
        ],
    },
)
