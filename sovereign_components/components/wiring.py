"""Resource wiring shared by the components: diagnostic settings, private endpoints, role
assignments, locks, child options and tags.

Only components call these. azure-native service modules are imported inside the functions
(each costs 20-800 ms on first use; docs/sdk-notes.md, "Import cost"), so a stack that gives no
subnet never loads ``network``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from functools import cache
from importlib import resources
from typing import Any

import pulumi

from .args import DiagnosticSettingsArgs, LockArgs, PrivateEndpointArgs, RoleAssignmentArgs

#: Tags every component stamps on its children, so an auditor can find what the library made.
MANAGED_BY_TAG = {"managed-by": "sovereign-events"}

#: Private DNS zone per private-link group id (Azure "Private endpoint DNS zone values").
PRIVATE_DNS_ZONES: Mapping[str, str] = {
    "topic": "privatelink.eventgrid.azure.net",
    "namespace": "privatelink.servicebus.windows.net",  # Service Bus and Event Hubs share it
    "Sql": "privatelink.documents.azure.com",
    "blob": "privatelink.blob.core.windows.net",
    "sites": "privatelink.azurewebsites.net",
}


@cache
def _roles() -> Mapping[str, Mapping[str, str]]:
    text = resources.files(__package__).joinpath("data/roles.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def role_guid(role_name: str) -> str:
    """GUID of an Azure built-in role by its display name (``data/roles.toml``)."""
    return _roles()["control_plane"][role_name]


def cosmos_role_guid(role_name: str) -> str:
    """GUID of a Cosmos DB SQL built-in data-plane role by its display name."""
    return _roles()["cosmos_data_plane"][role_name]


def in_region_storage_sku(zone_redundant: bool) -> str:
    """ZRS where the region has zones, else LRS: every copy stays in the region. Never the GRS
    family, which replicates to the paired region, possibly outside the boundary (G3, T8)."""
    return "Standard_ZRS" if zone_redundant else "Standard_LRS"


def secure_storage_account_settings() -> dict[str, Any]:
    """The StorageAccount arguments every account of the library shares: reachable only through
    private endpoints (T1, T7: the explicit Deny rule set keeps a later re-opened endpoint
    closed), no anonymous blobs (T2), TLS 1.2 and HTTPS only (T3, T4), Entra identities only, no
    account keys (T5), no replication into another tenant (T6) and copies only within the tenant
    (G11)."""
    from pulumi_azure_native import storage

    return {
        "kind": "StorageV2",
        "public_network_access": "Disabled",
        "network_rule_set": storage.NetworkRuleSetArgs(default_action="Deny", bypass="AzureServices"),
        "allow_blob_public_access": False,
        "minimum_tls_version": "TLS1_2",
        "enable_https_traffic_only": True,
        "allow_shared_key_access": False,
        "default_to_o_auth_authentication": True,
        "allow_cross_tenant_replication": False,
        "allowed_copy_scope": "AAD",
    }


def child_opts(parent: pulumi.Resource, *, protect: bool | None = None, **extra: Any) -> pulumi.ResourceOptions:
    """Options for a component's child: parented (so URNs and the preview tree nest), optionally
    protected."""
    opts = pulumi.ResourceOptions(parent=parent, **extra)
    if protect is not None:
        opts.protect = protect
    return opts


def merge_tags(*layers: Mapping[str, pulumi.Input[str]] | None) -> dict[str, pulumi.Input[str]]:
    """Later layers win; the library's own tag comes first so users can see but not lose it."""
    merged: dict[str, pulumi.Input[str]] = dict(MANAGED_BY_TAG)
    for layer in layers:
        merged.update(layer or {})
    return merged


def role_definition_id(subscription_id: pulumi.Input[str], role: str) -> pulumi.Output[str]:
    """Full ARM id of a built-in role (a GUID or display name) in the subscription."""
    guid = role if role.count("-") == 4 else role_guid(role)
    return pulumi.Output.concat(
        "/subscriptions/", subscription_id, "/providers/Microsoft.Authorization/roleDefinitions/", guid
    )


def client_config() -> pulumi.Output[Any]:
    """The deploying identity's tenant and subscription (an invoke; emulated offline)."""
    from pulumi_azure_native import authorization

    return authorization.get_client_config_output()


def assign_role(
    name: str,
    *,
    scope: pulumi.Input[str],
    principal_id: pulumi.Input[str],
    role_definition: pulumi.Input[str],
    parent: pulumi.Resource,
    principal_type: pulumi.Input[str] = "ServicePrincipal",
    description: pulumi.Input[str] | None = None,
) -> pulumi.CustomResource:
    """One least-privilege role assignment. ``principal_type`` defaults to ServicePrincipal
    because the SDK's injected ``User`` is wrong for managed identities."""
    from pulumi_azure_native import authorization

    return authorization.RoleAssignment(
        name,
        scope=scope,
        principal_id=principal_id,
        principal_type=principal_type,
        role_definition_id=role_definition,
        description=description,
        opts=child_opts(parent),
    )


def extra_role_assignments(
    prefix: str,
    *,
    scope: pulumi.Input[str],
    assignments: Sequence[RoleAssignmentArgs] | None,
    subscription_id: pulumi.Input[str],
    parent: pulumi.Resource,
) -> list[pulumi.CustomResource]:
    """The ``role_assignments`` argument of any component, applied to its main resource."""
    created = []
    for index, item in enumerate(assignments or []):
        role = item["role_definition_id"]
        definition = role if not isinstance(role, str) or role.startswith("/") else role_definition_id(subscription_id, role)
        created.append(
            assign_role(
                f"{prefix}-role-{index}",
                scope=scope,
                principal_id=item["principal_id"],
                role_definition=definition,
                principal_type=item.get("principal_type", "ServicePrincipal"),
                description=item.get("description"),
                parent=parent,
            )
        )
    return created


def diagnostic_setting(
    name: str,
    *,
    resource_id: pulumi.Input[str],
    settings: DiagnosticSettingsArgs,
    parent: pulumi.Resource,
    metrics: bool = True,
) -> pulumi.CustomResource:
    """All logs (category group ``allLogs``) and metrics to the in-region workspace only (D1, G9)."""
    from pulumi_azure_native import monitor

    return monitor.DiagnosticSetting(
        name,
        name=settings.get("name", "sovereign-diagnostics"),
        resource_uri=resource_id,
        workspace_id=settings["workspace_id"],
        logs=[monitor.DiagnosticsLogSettingsArgs(category_group="allLogs", enabled=True)],
        metrics=[monitor.DiagnosticsMetricSettingsArgs(category="AllMetrics", enabled=True)] if metrics else None,
        opts=child_opts(parent),
    )


def private_endpoint(
    name: str,
    *,
    resource_id: pulumi.Input[str],
    group_id: str,
    location: pulumi.Input[str],
    resource_group_name: pulumi.Input[str],
    endpoints: PrivateEndpointArgs,
    parent: pulumi.Resource,
    tags: Mapping[str, pulumi.Input[str]] | None = None,
) -> pulumi.CustomResource:
    """A private endpoint for one data plane plus its DNS zone group (control PL).

    The DNS zone comes from ``private_dns_zone_ids`` or is created (``global`` is the only
    location a private DNS zone has, G10) and linked to ``virtual_network_id``.
    """
    from pulumi_azure_native import network

    zone_name = PRIVATE_DNS_ZONES[group_id]
    endpoint = network.PrivateEndpoint(
        name,
        location=location,
        resource_group_name=resource_group_name,
        subnet=network.SubnetArgs(id=endpoints["subnet_id"]),
        private_link_service_connections=[
            network.PrivateLinkServiceConnectionArgs(
                name=f"{name}-connection",
                private_link_service_id=resource_id,
                group_ids=[group_id],
            )
        ],
        tags=tags,
        opts=child_opts(parent),
    )
    zone_id = (endpoints.get("private_dns_zone_ids") or {}).get(zone_name)
    if zone_id is None:
        zone_id = _private_dns_zone(name, zone_name, resource_group_name, endpoints, parent, tags).id
    network.PrivateDnsZoneGroup(
        f"{name}-dns",
        private_endpoint_name=endpoint.name,
        resource_group_name=resource_group_name,
        private_dns_zone_configs=[network.PrivateDnsZoneConfigArgs(name=zone_name.replace(".", "-"), private_dns_zone_id=zone_id)],
        opts=child_opts(parent),
    )
    return endpoint


def _private_dns_zone(
    name: str,
    zone_name: str,
    resource_group_name: pulumi.Input[str],
    endpoints: PrivateEndpointArgs,
    parent: pulumi.Resource,
    tags: Mapping[str, pulumi.Input[str]] | None,
) -> pulumi.CustomResource:
    from pulumi_azure_native import privatedns

    vnet_id = endpoints.get("virtual_network_id")
    if vnet_id is None:
        raise ValueError(
            f"private_endpoints: no zone for {zone_name!r} in private_dns_zone_ids and no "
            "virtual_network_id to link a created zone to; give one of them"
        )
    zone = privatedns.PrivateZone(
        f"{name}-zone",
        private_zone_name=zone_name,
        location="global",
        resource_group_name=resource_group_name,
        tags=tags,
        opts=child_opts(parent),
    )
    privatedns.VirtualNetworkLink(
        f"{name}-zone-link",
        private_zone_name=zone.name,
        resource_group_name=resource_group_name,
        location="global",
        virtual_network=privatedns.SubResourceArgs(id=vnet_id),
        registration_enabled=False,
        tags=tags,
        opts=child_opts(parent),
    )
    return zone


def management_lock(name: str, *, scope: pulumi.Input[str], lock: LockArgs, parent: pulumi.Resource) -> pulumi.CustomResource:
    """An Azure management lock (``CanNotDelete``/``ReadOnly``) on a data-holding resource."""
    from pulumi_azure_native import authorization

    return authorization.ManagementLockByScope(
        name,
        scope=scope,
        level=lock["kind"],
        notes=lock.get("notes", "sovereign-events: data-holding resource"),
        opts=child_opts(parent),
    )


def attach_data_plane(
    name: str,
    *,
    resource_id: pulumi.Input[str],
    group_id: str,
    args: Mapping[str, Any],
    location: pulumi.Input[str],
    resource_group_name: pulumi.Input[str],
    parent: pulumi.Resource,
    tags: Mapping[str, pulumi.Input[str]] | None = None,
    diagnostics_resource_id: pulumi.Input[str] | None = None,
    metrics: bool = True,
) -> None:
    """Apply a component's common arguments to one data-holding resource: ``diagnostic_settings``
    (in-region workspace only, D1/G9), ``private_endpoints`` (PL) and ``lock``.

    Children are named ``<name>-diagnostics``, ``<name>-pe`` and ``<name>-lock``.
    ``diagnostics_resource_id`` targets a sub-resource when the logs live there (blob logs live
    on ``<account>/blobServices/default``, not the account).
    """
    diagnostics = args.get("diagnostic_settings")
    if diagnostics:
        diagnostic_setting(
            f"{name}-diagnostics",
            resource_id=diagnostics_resource_id if diagnostics_resource_id is not None else resource_id,
            settings=diagnostics,
            parent=parent,
            metrics=metrics,
        )
    endpoints = args.get("private_endpoints")
    if endpoints:
        private_endpoint(
            f"{name}-pe",
            resource_id=resource_id,
            group_id=group_id,
            location=location,
            resource_group_name=resource_group_name,
            endpoints=endpoints,
            parent=parent,
            tags=tags,
        )
    lock = args.get("lock")
    if lock:
        management_lock(f"{name}-lock", scope=resource_id, lock=lock, parent=parent)


def subscription_role_assignments(
    prefix: str, *, scope: pulumi.Input[str], assignments: Sequence[RoleAssignmentArgs] | None, parent: pulumi.Resource
) -> list[pulumi.CustomResource]:
    """:func:`extra_role_assignments` in the deploying subscription (looked up only when needed:
    the client-config invoke is skipped for components without ``role_assignments``)."""
    if not assignments:
        return []
    subscription_id = client_config().apply(lambda c: c.subscription_id)
    return extra_role_assignments(prefix, scope=scope, assignments=assignments, subscription_id=subscription_id, parent=parent)
