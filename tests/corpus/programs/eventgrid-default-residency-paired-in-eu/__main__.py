"""An Event Grid topic in westeurope that leaves `data_residency_boundary` at its default.

The API default is `WithinGeopair`: subscription metadata is replicated to the paired region
(Microsoft Learn, "Server-side geo disaster recovery in Azure Event Grid"). westeurope's pair
is northeurope, inside the EU, so the default keeps the metadata in the boundary; event data
is never replicated.

Style: pulumi/examples-style service sample (Event Grid topic, defaults)
"""

from pulumi_azure_native import eventgrid, resources

rg = resources.ResourceGroup("events", location="westeurope")
eventgrid.Topic(
    "orders",
    resource_group_name=rg.name,
    location="westeurope",
    public_network_access="Disabled",
    disable_local_auth=True,
    minimum_tls_version_allowed="1.2",
)
