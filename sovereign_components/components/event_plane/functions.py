"""The processor Function App (Linux, Python) and its package.

Plan: **Elastic Premium EP1** rather than Flex Consumption, because
- it runs from a package URL read with the app's managed identity
  (``WEBSITE_RUN_FROM_PACKAGE`` + ``WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID``), so no key
  or SAS ever appears in the app settings, and the storage account keeps shared keys off (T5);
- it needs no Azure Files content share (whose connection string is key-based): on Linux
  Premium the share may be omitted when the app runs from a package URL;
- it supports both private endpoints (inbound, F1) and regional VNet integration with all
  outbound traffic routed through the VNet (F6) - what a plane whose data planes are reachable
  only privately needs - and it is available in every region of the catalog, whereas Flex
  Consumption is offered in a subset of regions and deploys through its own
  ``functionAppConfig`` container instead of a package URL.
Known limits (documented, not hidden): the azure-native ``storage.Blob`` upload uses the account
key (pulumi-azure-native#2015, open), which ``allowSharedKeyAccess=false`` refuses, and the
account is not publicly reachable; give ``function_package_url`` (a blob published by CI with
``az storage blob upload --auth-mode login`` from inside the network) to skip the upload.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pulumi

from ...events import names as contract
from ...geo.boundary import SovereigntyBoundary
from .context import PlaneContext
from .defaults import (
    BLOB_DNS_SUFFIX,
    CONTAINERS,
    COSMOS_DNS_SUFFIX,
    FUNCTION_LINUX_FX_VERSION,
    FUNCTION_PACKAGE_BLOB,
    FUNCTION_PLAN,
    SERVICE_BUS_DNS_SUFFIX,
)


def package_url(storage_account_name: str) -> str:
    """Blob URL of the package: no query string, so no SAS (read with the app identity)."""
    return f"https://{storage_account_name}.{BLOB_DNS_SUFFIX}/{CONTAINERS['package']}/{FUNCTION_PACKAGE_BLOB}"


def cosmos_endpoint(account_name: str) -> str:
    return f"https://{account_name}.{COSMOS_DNS_SUFFIX}:443/"


def app_settings(
    *,
    location: pulumi.Input[str],
    boundary: SovereigntyBoundary,
    storage_account_name: str,
    service_bus_namespace: str,
    processing_queue: str,
    compliance_dlq_queue: pulumi.Input[str],
    archive_blob_endpoint: pulumi.Input[str],
    archive_container: pulumi.Input[str],
    package: pulumi.Input[str],
    event_store: Mapping[str, str] | None,
) -> list[tuple[str, pulumi.Input[str]]]:
    """The app's settings, in order. Identity-based connections only (``<prefix>__accountName``,
    ``__fullyQualifiedNamespace``, ``__blobServiceUri``): local auth is off on every data plane
    (S2, T5, C2), and a connection string would be a secret in configuration."""
    settings: list[tuple[str, pulumi.Input[str]]] = [
        ("FUNCTIONS_EXTENSION_VERSION", "~4"),
        ("FUNCTIONS_WORKER_RUNTIME", "python"),
        ("AzureWebJobsStorage__accountName", storage_account_name),
        (f"{contract.SERVICE_BUS_CONNECTION}__fullyQualifiedNamespace", f"{service_bus_namespace}.{SERVICE_BUS_DNS_SUFFIX}"),
        (f"{contract.ARCHIVE_STORAGE_CONNECTION}__blobServiceUri", archive_blob_endpoint),
        (contract.DEPLOYMENT_REGION_SETTING, location),
        (contract.BOUNDARY_SETTING, boundary.code),
        (contract.ALLOWED_DATA_REGIONS_SETTING, ",".join(boundary.filter_values())),
        (contract.PROCESSING_QUEUE_SETTING, processing_queue),
        (contract.COMPLIANCE_DLQ_SETTING, compliance_dlq_queue),
        (contract.ARCHIVE_CONTAINER_SETTING, archive_container),
        ("WEBSITE_RUN_FROM_PACKAGE", package),
        # "SystemAssigned" is what Azure uses when the setting is absent; written out so the
        # identity that reads the package is visible in the configuration.
        ("WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID", "SystemAssigned"),
    ]
    if event_store:
        settings += [
            (contract.COSMOS_ENDPOINT_SETTING, cosmos_endpoint(event_store["account_name"])),
            (contract.EVENT_STORE_DATABASE_SETTING, event_store["database_name"]),
            (contract.EVENT_STORE_CONTAINER_SETTING, event_store["container_name"]),
        ]
    return settings


def package_blob(ctx: PlaneContext, container: pulumi.Resource) -> pulumi.CustomResource:
    """Upload the Functions archive (``function_package`` or the project's ``functions/``)."""
    from pulumi_azure_native import storage

    source = ctx.args.get("function_package")
    if source is None:
        from ..functions_package import functions_archive

        source = functions_archive()
    return storage.Blob(
        f"{ctx.name}-function-package",
        account_name=ctx.names.storage_account,
        container_name=CONTAINERS["package"],
        blob_name=FUNCTION_PACKAGE_BLOB,
        resource_group_name=ctx.resource_group_name,
        type="Block",
        content_type="application/zip",
        source=source,
        opts=ctx.opts(depends_on=[container]),
    )


def app_service_plan(ctx: PlaneContext) -> pulumi.CustomResource:
    from pulumi_azure_native import web

    return web.AppServicePlan(
        f"{ctx.name}-plan",
        name=ctx.names.app_service_plan,
        resource_group_name=ctx.resource_group_name,
        location=ctx.location,
        kind=FUNCTION_PLAN["kind"],
        reserved=True,  # Linux
        sku=web.SkuDescriptionArgs(name=FUNCTION_PLAN["sku_name"], tier=FUNCTION_PLAN["sku_tier"]),
        maximum_elastic_worker_count=FUNCTION_PLAN["maximum_elastic_worker_count"],
        tags=ctx.tags,
        opts=ctx.opts(),
    )


def function_app(
    ctx: PlaneContext,
    plan: pulumi.CustomResource,
    settings: Sequence[tuple[str, pulumi.Input[str]]],
    depends_on: Sequence[pulumi.Resource],
) -> pulumi.CustomResource:
    """Public access off (F1), HTTPS only (F2), TLS 1.2 for the app and SCM (F3), FTPS off
    (F4), a system identity (F5); outbound through the VNet when a subnet is given (F6)."""
    from pulumi_azure_native import web

    subnet = ctx.args.get("function_subnet_id")
    return web.WebApp(
        f"{ctx.name}-functions",
        name=ctx.names.function_app,
        resource_group_name=ctx.resource_group_name,
        location=ctx.location,
        kind="functionapp,linux",
        reserved=True,
        server_farm_id=plan.id,
        https_only=True,
        public_network_access="Disabled",
        identity=web.ManagedServiceIdentityArgs(type="SystemAssigned"),
        virtual_network_subnet_id=subnet,
        site_config=web.SiteConfigArgs(
            linux_fx_version=FUNCTION_LINUX_FX_VERSION,
            min_tls_version="1.2",
            scm_min_tls_version="1.2",
            ftps_state="Disabled",
            vnet_route_all_enabled=True if subnet is not None else None,
            app_settings=[web.NameValuePairArgs(name=k, value=v) for k, v in settings],
        ),
        tags=ctx.tags,
        opts=ctx.opts(depends_on=depends_on),
    )


def disable_basic_publishing(ctx: PlaneContext, app: pulumi.CustomResource) -> list[pulumi.CustomResource]:
    """Basic (user/password) publishing credentials off for FTP and SCM: the app's local auth,
    the Functions analogue of E2/S2 (Azure Policy "App Service apps should have local
    authentication methods disabled for SCM/FTP deployments")."""
    from pulumi_azure_native import web

    common: dict[str, Any] = {"name": ctx.names.function_app, "resource_group_name": ctx.resource_group_name, "allow": False}
    return [
        web.WebAppFtpAllowed(f"{ctx.name}-ftp-basic-auth", **common, opts=ctx.opts(depends_on=[app])),
        web.WebAppScmAllowed(f"{ctx.name}-scm-basic-auth", **common, opts=ctx.opts(depends_on=[app])),
    ]
