"""A private Function App whose *staging slot* is public.

Attack: the production site sets `public_network_access="Disabled"`; the slot
(`web:WebAppSlot`) is a second site with the same code and app settings, and nothing sets its
access. Azure Policy has a separate definition for slots (function app slots should disable
public network access, 11c82d0c-db9f-4d7b-97c5-f3f9aa957da2).

Class: services next to the platform
Issue: 12 services (Function App slots)
Blame: processor-staging
"""

from pulumi_azure_native import web

app = web.WebApp(
    "processor",
    resource_group_name="rg-app",
    location="westeurope",
    kind="functionapp,linux",
    server_farm_id="/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-app/providers/Microsoft.Web/serverfarms/plan",
    https_only=True,
    public_network_access="Disabled",
    site_config=web.SiteConfigArgs(min_tls_version="1.2", ftps_state="Disabled"),
)
web.WebAppSlot(
    "processor-staging",
    name=app.name,
    slot="staging",
    resource_group_name="rg-app",
    location="westeurope",
    kind="functionapp,linux",
    https_only=True,
    public_network_access="Enabled",
)
