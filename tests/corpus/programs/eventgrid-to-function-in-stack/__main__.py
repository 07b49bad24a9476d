"""An Event Grid subscription delivering to a function of a Function App in the same program.

The `AzureFunction` endpoint's `resourceId` is the app's id plus `/functions/<name>` — a child
of a resource of this stack, built with `Output.concat` as real programs do.

Style: pulumi/examples-style serverless sample (Event Grid -> Azure Function)
"""

import pulumi
from pulumi_azure_native import eventgrid, resources, web

rg = resources.ResourceGroup("serverless", location="westeurope")
plan = web.AppServicePlan("plan", resource_group_name=rg.name, location="westeurope", kind="elastic",
                          reserved=True, sku=web.SkuDescriptionArgs(name="EP1", tier="ElasticPremium"))
app = web.WebApp(
    "handlers", resource_group_name=rg.name, location="westeurope", kind="functionapp,linux",
    server_farm_id=plan.id, https_only=True, public_network_access="Disabled",
    site_config=web.SiteConfigArgs(min_tls_version="1.2", ftps_state="Disabled", linux_fx_version="Python|3.11"))
topic = eventgrid.Topic(
    "orders", resource_group_name=rg.name, location="westeurope", public_network_access="Disabled",
    disable_local_auth=True, data_residency_boundary="WithinRegion", minimum_tls_version_allowed="1.2")
eventgrid.EventSubscription(
    "orders-to-function",
    scope=topic.id,
    destination=eventgrid.AzureFunctionEventSubscriptionDestinationArgs(
        endpoint_type="AzureFunction",
        resource_id=pulumi.Output.concat(app.id, "/functions/process_order"),
        max_events_per_batch=1),
)
