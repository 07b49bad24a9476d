"""A public Service Bus namespace with SAS keys in westeurope, through `resources:Resource`.

Attack: the location is in the boundary, so only the public-network and local-auth rules
could stop it — and they look at `publicNetworkAccess` of `servicebus:Namespace`, not at
`properties.publicNetworkAccess` of a generic resource.

Class: escape hatches
Issue: 12 generic resources:Resource
Blame: bus
"""

from pulumi_azure_native import resources

resources.Resource(
    "bus",
    resource_group_name="rg-bus",
    resource_provider_namespace="Microsoft.ServiceBus",
    resource_type="namespaces",
    parent_resource_path="",
    resource_name_="bus-weu",
    api_version="2022-10-01-preview",
    location="westeurope",
    sku={"name": "Premium", "tier": "Premium", "capacity": 1},
    properties={"publicNetworkAccess": "Enabled", "disableLocalAuth": False},
)
