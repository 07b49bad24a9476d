"""A private Function App with remote debugging switched on.

Attack: `site_config.remote_debugging_enabled=True` opens the debugger ports of the workers
(Azure Policy "Function apps should have remote debugging turned off",
0e60b895-3786-45da-8377-9c6b4b6ac5f9).

Class: services next to the platform
Issue: 12 services (remote debugging)
Blame: processor
"""

from pulumi_azure_native import web

web.WebApp(
    "processor",
    resource_group_name="rg-app",
    location="westeurope",
    kind="functionapp,linux",
    https_only=True,
    public_network_access="Disabled",
    site_config=web.SiteConfigArgs(
        min_tls_version="1.2",
        ftps_state="Disabled",
        remote_debugging_enabled=True,
        remote_debugging_version="VS2022",
    ),
)
