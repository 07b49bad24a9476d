"""A Linux Function App on an Elastic Premium plan with VNet integration, private inbound,
its storage reached with its identity and Application Insights on an in-stack workspace.

The app settings hold the App Insights connection string (a computed output the program reads)
and identity-based storage settings (`AzureWebJobsStorage__accountName`), no keys.

Style: pulumi/examples-style web sample (Function App + VNet + App Insights)
"""

from pulumi_azure_native import applicationinsights, network, operationalinsights, resources, storage, web

rg = resources.ResourceGroup("func", location="westeurope")
vnet = network.VirtualNetwork("vnet", resource_group_name=rg.name, location="westeurope",
                              address_space=network.AddressSpaceArgs(address_prefixes=["10.20.0.0/16"]))
apps = network.Subnet(
    "apps", resource_group_name=rg.name, virtual_network_name=vnet.name, address_prefix="10.20.1.0/24",
    delegations=[network.DelegationArgs(name="web", service_name="Microsoft.Web/serverFarms")])
account = storage.StorageAccount(
    "funcstore", resource_group_name=rg.name, location="westeurope", kind="StorageV2",
    sku=storage.SkuArgs(name="Standard_ZRS"), public_network_access="Disabled",
    allow_blob_public_access=False, allow_shared_key_access=False, minimum_tls_version="TLS1_2")
workspace = operationalinsights.Workspace(
    "logs", resource_group_name=rg.name, location="westeurope",
    sku=operationalinsights.WorkspaceSkuArgs(name="PerGB2018"), retention_in_days=30,
    public_network_access_for_ingestion="Disabled", public_network_access_for_query="Disabled")
insights = applicationinsights.Component(
    "insights", resource_group_name=rg.name, location="westeurope", kind="web", application_type="web",
    ingestion_mode="LogAnalytics", workspace_resource_id=workspace.id, disable_local_auth=True,
    public_network_access_for_ingestion="Disabled", public_network_access_for_query="Disabled")
plan = web.AppServicePlan("plan", resource_group_name=rg.name, location="westeurope", kind="elastic",
                          reserved=True, sku=web.SkuDescriptionArgs(name="EP1", tier="ElasticPremium"))
web.WebApp(
    "processor",
    resource_group_name=rg.name,
    location="westeurope",
    kind="functionapp,linux",
    server_farm_id=plan.id,
    https_only=True,
    public_network_access="Disabled",
    virtual_network_subnet_id=apps.id,
    identity=web.ManagedServiceIdentityArgs(type=web.ManagedServiceIdentityType.SYSTEM_ASSIGNED),
    site_config=web.SiteConfigArgs(
        linux_fx_version="Python|3.11",
        min_tls_version="1.2",
        ftps_state="Disabled",
        vnet_route_all_enabled=True,
        app_settings=[
            web.NameValuePairArgs(name="FUNCTIONS_WORKER_RUNTIME", value="python"),
            web.NameValuePairArgs(name="FUNCTIONS_EXTENSION_VERSION", value="~4"),
            web.NameValuePairArgs(name="AzureWebJobsStorage__accountName", value=account.name),
            web.NameValuePairArgs(name="APPLICATIONINSIGHTS_CONNECTION_STRING", value=insights.connection_string),
        ],
    ),
)
