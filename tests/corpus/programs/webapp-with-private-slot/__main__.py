"""A web app and its staging slot, both private, HTTPS-only, FTP off and basic auth off.

Style: web app with deployment slots
"""

from pulumi_azure_native import resources, web

rg = resources.ResourceGroup("web", location="westeurope")
plan = web.AppServicePlan("plan", resource_group_name=rg.name, location="westeurope", kind="linux",
                          reserved=True, sku=web.SkuDescriptionArgs(name="P1v3", tier="PremiumV3"))
site = dict(min_tls_version="1.2", scm_min_tls_version="1.2", ftps_state="Disabled",
            remote_debugging_enabled=False, linux_fx_version="PYTHON|3.11")
app = web.WebApp("portal", resource_group_name=rg.name, location="westeurope", server_farm_id=plan.id,
                 https_only=True, public_network_access="Disabled", site_config=web.SiteConfigArgs(**site))
web.WebAppSlot("portal-staging", name=app.name, slot="staging", resource_group_name=rg.name,
               location="westeurope", server_farm_id=plan.id, https_only=True,
               public_network_access="Disabled", site_config=web.SiteConfigArgs(**site))
web.WebAppFtpAllowed("portal-ftp-off", name=app.name, resource_group_name=rg.name, allow=False)
web.WebAppScmAllowed("portal-scm-off", name=app.name, resource_group_name=rg.name, allow=False)
