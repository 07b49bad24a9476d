"""A private Function App whose app settings point its output binding at an outside URL.

Attack: the app code forwards each processed event to `FORWARD_URL`; the setting is a plain
string in `site_config.app_settings`. Value-based flow detection must place every URL in the
inputs (or the catalogue must mark the setting benign — a forwarding URL is not).

Class: data flows by reference
Issue: 12 value-based flows
Blame: processor
Mentions: ingest.us-partner.example.com
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
        app_settings=[web.NameValuePairArgs(name="FORWARD_URL",
                                            value="https://ingest.us-partner.example.com/v1/events")],
    ),
)
