"""An Azure Data Explorer (Kusto) cluster in westeurope with public network access.

Attack: the event history is queried from Data Explorer; `public_network_access="Enabled"` on
a type no deny-list names.

Class: services next to the platform
Issue: 12 services (Data Explorer public)
Blame: history
"""

from pulumi_azure_native import kusto

kusto.Cluster(
    "history",
    resource_group_name="rg-analytics",
    location="westeurope",
    sku=kusto.AzureSkuArgs(name="Standard_E2ads_v5", tier="Standard", capacity=2),
    public_network_access="Enabled",
    identity=kusto.IdentityArgs(type="SystemAssigned"),
)
