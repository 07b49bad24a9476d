"""The program indexes a computed list output (a web app's outbound IP addresses).

Why: outputs (computed)
Expect: violation
Blame: rg-us
"""

from pulumi_azure_native import resources, web

rg = resources.ResourceGroup("rg", location="westeurope")
plan = web.AppServicePlan("plan", resource_group_name=rg.name, location="westeurope",
                          sku=web.SkuDescriptionArgs(name="P1v3", tier="PremiumV3"))
site = web.WebApp("site", resource_group_name=rg.name, location="westeurope", server_farm_id=plan.id,
                  https_only=True, public_network_access="Disabled")
first_ip = site.outbound_ip_addresses.apply(lambda ips: ips.split(",")[0])
resources.ResourceGroup("rg-us", location="eastus", tags={"ip": first_ip})
