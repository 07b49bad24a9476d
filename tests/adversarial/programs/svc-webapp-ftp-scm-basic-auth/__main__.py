"""FTP and SCM basic-auth publishing credentials switched on for a private Function App.

Attack: `web:WebAppFtpAllowed` / `web:WebAppScmAllowed` (`basicPublishingCredentialsPolicies`)
with `allow=True` let anyone with the publishing password upload code — key-style auth next to
an Entra-only platform. Azure Policy: "App Service apps should have local authentication
methods disabled for FTP/SCM site deployments".

Class: services next to the platform
Issue: 12 services (FTP/SCM basic auth)
Blame: ftp-basic, scm-basic
"""

from pulumi_azure_native import web

app = web.WebApp(
    "processor",
    resource_group_name="rg-app",
    location="westeurope",
    kind="functionapp,linux",
    https_only=True,
    public_network_access="Disabled",
    site_config=web.SiteConfigArgs(min_tls_version="1.2", ftps_state="FtpsOnly"),
)
web.WebAppFtpAllowed("ftp-basic", name=app.name, resource_group_name="rg-app", allow=True)
web.WebAppScmAllowed("scm-basic", name=app.name, resource_group_name="rg-app", allow=True)
