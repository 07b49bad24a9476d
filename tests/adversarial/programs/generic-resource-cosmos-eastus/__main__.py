"""A Cosmos DB account in eastus created through the generic `resources:Resource`.

Attack: `resources.Resource` takes the ARM namespace/type and a free-form `properties` bag;
its token is `azure-native:resources:Resource`, so a rule keyed on Cosmos tokens never runs.
The gate must judge it as the ARM type it creates (Microsoft.DocumentDB/databaseAccounts).

Class: escape hatches
Issue: 12 generic resources:Resource
Blame: store
"""

from pulumi_azure_native import resources

resources.Resource(
    "store",
    resource_group_name="rg-store",
    resource_provider_namespace="Microsoft.DocumentDB",
    resource_type="databaseAccounts",
    parent_resource_path="",
    resource_name_="store-us",
    api_version="2024-05-15",
    location="eastus",
    kind="GlobalDocumentDB",
    properties={
        "databaseAccountOfferType": "Standard",
        "locations": [{"locationName": "eastus", "failoverPriority": 0}],
    },
)
