"""A private web app whose HTTP logs are written to a US storage account through a SAS URL.

Attack: `web:WebAppDiagnosticLogsConfiguration.http_logs.azure_blob_storage.sas_url` is a URL
with a SAS token, not an ARM id; HTTP logs carry client IPs, URLs and query strings. Only
value-based detection of URLs/hosts places it (and the SAS token is a key besides).

Class: data flows by reference
Issue: 12 value-based flows
Blame: portal-logs
Mentions: httplogseastus.blob.core.windows.net
"""

from pulumi_azure_native import web

app = web.WebApp(
    "portal", resource_group_name="rg-web", location="westeurope", https_only=True,
    public_network_access="Disabled",
    site_config=web.SiteConfigArgs(min_tls_version="1.2", ftps_state="Disabled"))
web.WebAppDiagnosticLogsConfiguration(
    "portal-logs",
    name=app.name,
    resource_group_name="rg-web",
    http_logs=web.HttpLogsConfigArgs(azure_blob_storage=web.AzureBlobStorageHttpLogsConfigArgs(
        enabled=True, retention_in_days=30,
        sas_url="https://httplogseastus.blob.core.windows.net/logs?sv=2022-11-02&ss=b&sig=REDACTED")),
)
