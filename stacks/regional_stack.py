"""Composition of one regional stack from its validated config: a resource group, the
RegionalEventPlane (which builds the ComplianceDLQ as its child) and the SovereignEventStore.

The argument builders are pure functions of :class:`StackConfig` (tested without Pulumi);
:func:`build` creates the resources and returns what the stack exports.

Why the store is built after the plane: the store grants the processor identity data access
(``writer_principal_ids``), so it needs the plane's output; the plane only needs the store's
*names* (for its app settings), which are plain values computed here. No cycle.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sovereign_components.components.validation import derive_cosmos_account_name
from sovereign_components.stack_config.models import StackConfig
from sovereign_components.components.event_store import DEFAULT_CONTAINER_NAME, DEFAULT_DATABASE_NAME

#: Config fields of ``sovereign:eventPlane`` that are not RegionalEventPlane arguments: they
#: form the private-endpoint settings every component of the stack shares.
_ENDPOINT_FIELDS = ("private_endpoint_subnet_id", "virtual_network_id", "private_dns_zone_ids")


@dataclass(frozen=True)
class StackNames:
    """Logical (Pulumi) and Azure names of the stack's top-level resources."""

    resource_group: str
    resource_group_azure: str
    plane: str
    store: str
    store_account: str
    store_database: str
    store_container: str


def stack_names(config: StackConfig, project: str, stack: str) -> StackNames:
    """Names from the prefix and region; the Cosmos account name (global DNS) is hashed with
    project/stack exactly as SovereignEventStore would derive it, and computed here because the
    plane needs it as a plain value."""
    store = f"{config.prefix}-store"
    return StackNames(
        resource_group=f"{config.prefix}-rg",
        resource_group_azure=f"rg-{config.prefix}-{config.region}",
        plane=f"{config.prefix}-plane",
        store=store,
        store_account=config.event_store.account_name or derive_cosmos_account_name(store, f"{project}/{stack}/{store}"),
        store_database=config.event_store.database_name or DEFAULT_DATABASE_NAME,
        store_container=config.event_store.container_name or DEFAULT_CONTAINER_NAME,
    )


def stack_tags(config: StackConfig) -> dict[str, str]:
    """The configured tags plus where and under which jurisdiction the resources live (an
    auditor's first two questions); configured tags win."""
    return {"sovereignty-boundary": config.boundary.code, "region": config.region, **config.tags}


def private_endpoints(config: StackConfig) -> dict[str, Any] | None:
    """``CommonArgs.private_endpoints`` when a subnet is configured, else None."""
    plane = config.event_plane
    if plane.private_endpoint_subnet_id is None:
        return None
    endpoints: dict[str, Any] = {"subnet_id": plane.private_endpoint_subnet_id}
    if plane.virtual_network_id is not None:
        endpoints["virtual_network_id"] = plane.virtual_network_id
    if plane.private_dns_zone_ids:
        endpoints["private_dns_zone_ids"] = dict(plane.private_dns_zone_ids)
    return endpoints


def common_args(config: StackConfig, resource_group_name: Any) -> dict[str, Any]:
    """The CommonArgs both components get: region, boundary, tags, private endpoints."""
    args: dict[str, Any] = {
        "location": config.region,
        "resource_group_name": resource_group_name,
        "boundary": config.boundary.code,
        "tags": stack_tags(config),
    }
    regions = config.component_regions()
    if regions:
        args["allowed_regions"] = regions
    endpoints = private_endpoints(config)
    if endpoints is not None:
        args["private_endpoints"] = endpoints
    return args


def _snake(model: Any, exclude: tuple[str, ...] = ()) -> dict[str, Any]:
    """A config model as component arguments: field names, unset fields dropped."""
    return model.model_dump(by_alias=False, exclude_none=True, exclude=set(exclude))


def plane_args(config: StackConfig, names: StackNames, resource_group_name: Any) -> dict[str, Any]:
    """RegionalEventPlaneArgs from the config (the plane's own defaults fill what is unset)."""
    args = common_args(config, resource_group_name)
    args.update(_snake(config.event_plane, exclude=_ENDPOINT_FIELDS))
    args["alert_email"] = config.alert_email
    args["event_store"] = {
        "account_name": names.store_account,
        "database_name": names.store_database,
        "container_name": names.store_container,
    }
    dlq = _snake(config.dlq)
    if dlq:
        args["compliance_dlq"] = dlq
    return args


def store_args(
    config: StackConfig, names: StackNames, resource_group_name: Any, *, workspace_id: Any, writer_principal_id: Any
) -> dict[str, Any]:
    """SovereignEventStoreArgs: the same names the plane was given, diagnostics to the plane's
    in-region workspace (D1, G9) and data access for the processor identity."""
    store = config.event_store
    args = common_args(config, resource_group_name)
    args.update(_snake(store, exclude=("ttl_days", "default_ttl_seconds", "account_name", "database_name", "container_name")))
    args.update(
        account_name=names.store_account,
        database_name=names.store_database,
        container_name=names.store_container,
        diagnostic_settings={"workspace_id": workspace_id},
        writer_principal_ids=[writer_principal_id],
    )
    ttl = store.ttl_seconds()
    if ttl is not None:
        args["default_ttl_seconds"] = ttl
    return args


def build(config: StackConfig) -> Mapping[str, Any]:
    """Create the region's resources; return the stack outputs (nothing secret)."""
    import pulumi
    from pulumi_azure_native import resources

    from sovereign_components.components.event_plane import RegionalEventPlane
    from sovereign_components.components.event_store import SovereignEventStore

    names = stack_names(config, pulumi.get_project(), pulumi.get_stack())
    group = resources.ResourceGroup(
        names.resource_group,
        resource_group_name=names.resource_group_azure,
        # L2: the resource group's metadata lives in its region too.
        location=config.region,
        tags=stack_tags(config),
    )
    plane = RegionalEventPlane(names.plane, plane_args(config, names, group.name))  # type: ignore[arg-type]
    store = SovereignEventStore(
        names.store,
        store_args(  # type: ignore[arg-type]
            config, names, group.name, workspace_id=plane.workspace_id, writer_principal_id=plane.processor_principal_id
        ),
    )
    dlq = plane.compliance_dlq
    metadata: dict[str, Any] = {}
    if config.event_plane.metadata_channels:
        # Where the metadata publisher sends (and as whom): the only way onto the channels.
        metadata = {
            "metadataTopicEndpoint": plane.metadata_topic_endpoint,
            "metadataPublisherIdentityId": plane.metadata_publisher_identity_id,
            "metadataPublisherClientId": plane.metadata_publisher_client_id,
        }
    return {
        **metadata,
        "region": config.region,
        "boundary": config.boundary.code,
        "resourceGroupName": group.name,
        "topicEndpoint": plane.topic_endpoint,
        "serviceBusFqdn": plane.service_bus_fqdn,
        "processingQueueName": plane.processing_queue_name,
        "eventStoreEndpoint": store.endpoint,
        "eventStoreDatabase": store.database_name,
        "eventStoreContainer": store.container_name,
        "complianceDlqQueueName": dlq.queue_name,
        "complianceArchiveContainer": dlq.archive_container_name,
        "functionAppName": plane.function_app_name,
    }
