"""RegionalEventPlane: one region's event infrastructure (issue 3), sovereign by default."""


from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Optional

import pulumi

from .. import wiring
from ..args import PrivateEndpointArgs
from ...geo.regions import canonical_region
from . import access
from . import eventgrid
from . import functions
from . import messaging
from . import monitoring
from . import storage
from .access import Grant, principal_of
from .args import RegionalEventPlaneArgs
from .context import PlaneContext
from .defaults import METADATA_ENDPOINT_ROLES, SERVICE_BUS_DNS_SUFFIX
from .naming import plane_names
from .validation import validate_plane_args

TYPE_TOKEN = "sovereign:index:RegionalEventPlane"


@dataclass(frozen=True)
class _MetadataPlane:
    """What the metadata channels need: their topic and who may publish to it."""

    topic: pulumi.CustomResource
    publisher_principal_id: pulumi.Output[str]
    publisher_identity: pulumi.CustomResource | None


class RegionalEventPlane(pulumi.ComponentResource):
    """Event Grid topic, Service Bus, Event Hubs, the processor Function App, a regional storage
    account, Log Analytics and the ComplianceDLQ, all in one region inside one boundary; with
    metadata channels, also the metadata topic they read from and the metadata publisher's
    identity (the only sender on that topic).

    Every argument is validated before anything registers (a bad argument never leaves a half
    plane in a preview). Children are named ``<name>-<suffix>``; Azure names are derived from
    the name and a hash of project/stack/name (see :mod:`.naming`).
    """

    workspace_id: pulumi.Output[str]
    """Log Analytics workspace every diagnostic setting of the plane sends to."""
    topic_id: pulumi.Output[str]
    """ARM id of the Event Grid topic."""
    topic_endpoint: pulumi.Output[str]
    """Publishing endpoint of the topic (Entra auth only: local auth is disabled)."""
    topic_name: pulumi.Output[str]
    """Azure name of the topic."""
    service_bus_namespace_id: pulumi.Output[str]
    """ARM id of the Service Bus namespace."""
    service_bus_namespace_name: pulumi.Output[str]
    """Azure name of the Service Bus namespace."""
    service_bus_fqdn: pulumi.Output[str]
    """Fully qualified namespace for identity-based Service Bus clients."""
    processing_queue_name: pulumi.Output[str]
    """Session-enabled processing queue."""
    event_hub_namespace_name: pulumi.Output[str]
    """Azure name of the Event Hubs namespace."""
    event_hub_name: pulumi.Output[str]
    """Name of the ingestion event hub."""
    function_app_name: pulumi.Output[str]
    """Azure name of the processor Function App."""
    function_app_id: pulumi.Output[str]
    """ARM id of the processor Function App."""
    processor_principal_id: pulumi.Output[str]
    """Object id of the Function App's system identity (grant it further data roles)."""
    storage_account_name: pulumi.Output[str]
    """Regional storage account: Event Grid dead letters, Capture files, the function package."""
    metadata_topic_id: pulumi.Output[Optional[str]]
    """ARM id of the metadata topic (``None`` without metadata channels)."""
    metadata_topic_endpoint: pulumi.Output[Optional[str]]
    """Publishing endpoint of the metadata topic, for the metadata publisher only (Entra auth;
    ``None`` without metadata channels)."""
    metadata_publisher_principal_id: pulumi.Output[Optional[str]]
    """Object id of the identity allowed to publish to the metadata topic (``None`` without
    metadata channels)."""
    metadata_publisher_identity_id: pulumi.Output[Optional[str]]
    """ARM id of the user-assigned identity the plane created for the metadata publisher
    (attach it to the app that publishes ``MetadataEvent`` events); ``None`` when the caller named
    its own principal or there are no metadata channels."""
    metadata_publisher_client_id: pulumi.Output[Optional[str]]
    """Client id of that identity (``DefaultAzureCredential(managed_identity_client_id=...)``);
    ``None`` when the plane created none."""

    def __init__(self, name: str, args: RegionalEventPlaneArgs, opts: pulumi.ResourceOptions | None = None) -> None:
        plan = validate_plane_args(args)
        super().__init__(TYPE_TOKEN, name, {}, opts)

        location = args["location"]
        if isinstance(location, str):
            location = canonical_region(location)
        ctx = PlaneContext(
            name=name,
            parent=self,
            plan=plan,
            names=plane_names(name, f"{pulumi.get_project()}/{pulumi.get_stack()}/{name}", storage_account=plan.storage_account_name),
            location=location,
            resource_group_name=args["resource_group_name"],
            tags=wiring.merge_tags({"sovereignty-boundary": plan.boundary.code}, args.get("tags")),
            subscription_id=wiring.client_config().apply(lambda c: c.subscription_id),
            args=args,
        )

        diagnostics = args.get("diagnostic_settings")
        if diagnostics is None:
            workspace_id: pulumi.Input[str] = monitoring.workspace(ctx).id
            diagnostics = {"workspace_id": workspace_id}
        workspace_id = diagnostics["workspace_id"]
        endpoints = self._with_shared_zones(ctx, args.get("private_endpoints"))

        regional = storage.regional_storage(ctx)
        topic = eventgrid.topic(ctx)
        namespace = messaging.service_bus_namespace(ctx)
        network_rules = messaging.service_bus_network_rules(ctx, namespace)
        dlq = self._compliance_dlq(ctx, namespace, diagnostics, endpoints)
        queue = messaging.processing_queue(ctx, namespace, dlq.queue_name)

        hub_namespace = messaging.event_hub_namespace(ctx)
        capture_roles = []
        if plan.capture_enabled:
            capture_roles.append(access.grant(ctx, Grant(
                "eventhubs-capture-writer", "Storage Blob Data Contributor", regional.container_scope("capture"),
                principal_of(hub_namespace), "Event Hubs Capture writes Avro files to the regional capture container",
            )))
        hub = messaging.event_hub(ctx, hub_namespace, regional.account.id, depends_on=capture_roles)

        package_url = args.get("function_package_url")
        package_deps: list[pulumi.Resource] = []
        if package_url is None:
            package_deps.append(functions.package_blob(ctx, regional.containers["package"]))
            package_url = functions.package_url(ctx.names.storage_account)
        settings = functions.app_settings(
            location=location,
            boundary=plan.boundary,
            storage_account_name=ctx.names.storage_account,
            service_bus_namespace=ctx.names.service_bus_namespace,
            processing_queue=plan.processing_queue_name,
            compliance_dlq_queue=dlq.queue_name,
            archive_blob_endpoint=dlq.archive_blob_endpoint,
            archive_container=dlq.archive_container_name,
            package=package_url,
            event_store=plan.event_store,
        )
        app_plan = functions.app_service_plan(ctx)
        app = functions.function_app(ctx, app_plan, settings, depends_on=[queue, *package_deps])
        functions.disable_basic_publishing(ctx, app)
        processor = principal_of(app)
        app_roles = self._function_roles(ctx, processor, queue, dlq, regional)

        dead_letter_role = access.grant(ctx, Grant(
            "topic-deadletter-writer", "Storage Blob Data Contributor", regional.container_scope("dead_letter"),
            principal_of(topic), "Event Grid writes undeliverable events to the regional dead-letter container",
        ))
        queue_deps: list[pulumi.Resource] = []
        if plan.queue_delivery:
            queue_deps = [network_rules, access.grant(ctx, Grant(
                "topic-queue-sender", "Azure Service Bus Data Sender", queue.id, principal_of(topic),
                "Event Grid delivers this region's events to the session processing queue with the topic identity",
            ))]
        for processor_plan in plan.processors:
            # The queue path needs the sender role and the trusted-services rule before the
            # first delivery; the function path needs the deployed app and its roles.
            deps = (
                [queue, dead_letter_role, *queue_deps]
                if processor_plan.endpoint_type == "ServiceBusQueue"
                else [app, dead_letter_role, *app_roles, *package_deps]
            )
            eventgrid.processor_subscription(
                ctx, topic, processor_plan, queue_id=queue.id, function_app_id=app.id,
                storage_account_id=regional.account.id, depends_on=deps,
            )
        metadata = self._metadata_plane(ctx, regional) if plan.channels else None

        diagnostic_targets: dict[str, pulumi.Input[str]] = {
            "topic": topic.id,
            "servicebus": namespace.id,
            "eventhubs": hub_namespace.id,
            "blob": pulumi.Output.concat(regional.account.id, "/blobServices/default"),
            "functions": app.id,
        }
        endpoint_targets: dict[str, tuple[pulumi.Input[str], str]] = {
            "topic": (topic.id, "topic"),
            "servicebus": (namespace.id, "namespace"),
            "eventhubs": (hub_namespace.id, "namespace"),
            "blob": (regional.account.id, "blob"),
            "functions": (app.id, "sites"),
        }
        if metadata is not None:
            diagnostic_targets["metadata-topic"] = metadata.topic.id
            endpoint_targets["metadata-topic"] = (metadata.topic.id, "topic")
        monitoring.diagnostics(ctx, diagnostics, diagnostic_targets)
        if endpoints is not None:
            self._private_endpoints(ctx, endpoints, endpoint_targets)
            if args.get("function_subnet_id") is None:
                pulumi.log.warn(
                    f"{name}: private_endpoints without function_subnet_id - the Function App has no "
                    "outbound VNet integration and cannot reach the private data planes (F6)", resource=self,
                )
        lock = args.get("lock")
        if lock is not None:
            for suffix, resource in (("storage", regional.account), ("servicebus", namespace), ("eventhubs", hub_namespace)):
                wiring.management_lock(f"{name}-{suffix}-lock", scope=resource.id, lock=lock, parent=self)
        wiring.extra_role_assignments(
            name, scope=topic.id, assignments=args.get("role_assignments"), subscription_id=ctx.subscription_id, parent=self
        )

        self.compliance_dlq = dlq
        self.workspace_id = pulumi.Output.from_input(workspace_id)
        self.topic_id = topic.id
        self.topic_endpoint = topic.endpoint  # type: ignore[attr-defined]
        self.topic_name = pulumi.Output.from_input(ctx.names.topic)
        self.service_bus_namespace_id = namespace.id
        self.service_bus_namespace_name = pulumi.Output.from_input(ctx.names.service_bus_namespace)
        self.service_bus_fqdn = pulumi.Output.from_input(f"{ctx.names.service_bus_namespace}.{SERVICE_BUS_DNS_SUFFIX}")
        self.processing_queue_name = pulumi.Output.from_input(plan.processing_queue_name)
        self.event_hub_namespace_name = pulumi.Output.from_input(ctx.names.event_hub_namespace)
        self.event_hub_name = pulumi.Output.from_input(plan.event_hub_name)
        self.function_app_name = pulumi.Output.from_input(ctx.names.function_app)
        self.function_app_id = app.id
        self.processor_principal_id = processor
        self.storage_account_name = pulumi.Output.from_input(ctx.names.storage_account)
        none: pulumi.Output[Optional[str]] = pulumi.Output.from_input(None)
        identity = metadata.publisher_identity if metadata is not None else None
        self.metadata_topic_id = metadata.topic.id if metadata is not None else none
        self.metadata_topic_endpoint = metadata.topic.endpoint if metadata is not None else none  # type: ignore[attr-defined]
        self.metadata_publisher_principal_id = metadata.publisher_principal_id if metadata is not None else none
        self.metadata_publisher_identity_id = identity.id if identity is not None else none
        self.metadata_publisher_client_id = identity.client_id if identity is not None else none  # type: ignore[attr-defined]
        self.register_outputs({key: getattr(self, key) for key in self.__class__.__annotations__})

    # --- pieces ------------------------------------------------------------------------------

    def _compliance_dlq(
        self, ctx: PlaneContext, namespace: pulumi.CustomResource, diagnostics: Mapping[str, Any],
        endpoints: PrivateEndpointArgs | None,
    ) -> Any:
        """The ComplianceDLQ child, in the plane's namespace (Service Bus forwards dead letters
        only within a namespace), created before the processing queue that forwards to it."""
        from ..dlq import ComplianceDLQ

        args = ctx.args
        dlq_args: dict[str, Any] = {
            "location": ctx.location,
            "resource_group_name": ctx.resource_group_name,
            "boundary": args["boundary"],
            "service_bus_namespace_name": ctx.names.service_bus_namespace,
            "service_bus_namespace_id": namespace.id,
            "alert_email": args["alert_email"],
            "diagnostic_settings": diagnostics,
            **ctx.plan.dlq_settings,
        }
        for key in ("allowed_regions", "tags", "lock", "protect", "customer_managed_key"):
            if args.get(key) is not None:
                dlq_args[key] = args[key]
        if endpoints is not None:
            dlq_args["private_endpoints"] = endpoints
        return ComplianceDLQ(f"{ctx.name}-dlq", dlq_args, pulumi.ResourceOptions(parent=self, depends_on=[namespace]))  # type: ignore[arg-type]

    def _function_roles(
        self, ctx: PlaneContext, processor: pulumi.Output[str], queue: pulumi.CustomResource, dlq: Any,
        regional: storage.RegionalStorage,
    ) -> list[pulumi.Resource]:
        """What the processor app's identity needs, and nothing more. No Event Hubs role: no
        function consumes the hub (the hub feeds Capture and external stream readers)."""
        grants = [
            Grant("functions-queue-receiver", "Azure Service Bus Data Receiver", queue.id, processor,
                  "session trigger on the processing queue (receive, complete, dead-letter)"),
            Grant("functions-dlq-receiver", "Azure Service Bus Data Receiver", dlq.queue_id, processor,
                  "DLQ archiver trigger on the compliance dead-letter queue"),
            Grant("functions-storage-owner", "Storage Blob Data Owner", regional.account.id, processor,
                  "AzureWebJobsStorage host state (leases need Owner) and reading the run-from-package blob"),
            Grant("functions-archive-writer", "Storage Blob Data Contributor", dlq.archive_account_id, processor,
                  "DLQ archiver writes dead-lettered messages to the immutable archive"),
        ]
        roles: list[pulumi.Resource] = [access.grant(ctx, g) for g in grants]
        store = ctx.plan.event_store
        if store is not None and store["grant_data_access"]:
            # Opt-in (EventStoreReferenceArgs.grant_data_access): the SovereignEventStore grants
            # its writers; this grant is for a store managed elsewhere, and depends on its id.
            account_id = ctx.args["event_store"]["account_id"]
            roles.append(access.cosmos_data_contributor(
                ctx, processor, account_id=account_id, account_name=store["account_name"], database_name=store["database_name"],
            ))
        return roles

    def _metadata_plane(self, ctx: PlaneContext, regional: storage.RegionalStorage) -> _MetadataPlane:
        """The metadata topic, its one sender and the channels that read from it (issue 10).

        Sender: the caller's ``metadata_publisher_principal_id`` or a user-assigned identity
        created here; it alone gets "EventGrid Data Sender" on the metadata topic (the processor,
        which handles full events, gets no role there). The metadata topic's own identity
        dead-letters into the regional container and delivers to each channel's destination."""
        topic = eventgrid.metadata_topic(ctx)
        given = ctx.args.get("metadata_publisher_principal_id")
        identity = None
        if given is None:
            identity = eventgrid.metadata_publisher_identity(ctx)
            publisher = identity.principal_id  # type: ignore[attr-defined]
        else:
            publisher = pulumi.Output.from_input(given)
        access.grant(ctx, Grant(
            "metadata-publisher-sender", "EventGrid Data Sender", topic.id, publisher,
            "the metadata publisher (MetadataEvent only) is the one sender on the metadata topic",
        ))
        dead_letter_role = access.grant(ctx, Grant(
            "metadata-topic-deadletter-writer", "Storage Blob Data Contributor", regional.container_scope("dead_letter"),
            principal_of(topic), "the metadata topic writes undeliverable metadata events to the regional dead-letter container",
        ))
        raw = ctx.args.get("metadata_channels") or []
        for channel in ctx.plan.channels:
            destination = raw[channel.index]["destination_resource_id"]
            deps: list[pulumi.Resource] = [dead_letter_role]
            if channel.grant_sender_role:
                deps.append(access.grant(ctx, Grant(
                    f"{channel.name}-sender", METADATA_ENDPOINT_ROLES[channel.endpoint_type], destination,
                    principal_of(topic), f"metadata channel {channel.name}: the metadata topic delivers with its identity",
                )))
            eventgrid.metadata_channel(ctx, topic, channel, destination, storage_account_id=regional.account.id, depends_on=deps)
        return _MetadataPlane(topic, publisher, identity)

    def _with_shared_zones(self, ctx: PlaneContext, endpoints: PrivateEndpointArgs | None) -> PrivateEndpointArgs | None:
        """Create each private DNS zone the plane needs once (Service Bus and Event Hubs share
        ``privatelink.servicebus.windows.net``; the DLQ archive shares the blob zone), then hand
        the ids to every private endpoint, the DLQ's included. Zones are ``global`` (G10)."""
        if endpoints is None:
            return None
        from pulumi_azure_native import privatedns

        zones = dict(endpoints.get("private_dns_zone_ids") or {})
        vnet_id = endpoints.get("virtual_network_id")
        for group in ("topic", "namespace", "blob", "sites"):
            zone_name = wiring.PRIVATE_DNS_ZONES[group]
            if zone_name in zones:
                continue
            if vnet_id is None:
                raise ValueError(
                    f"private_endpoints: no zone for {zone_name!r} in private_dns_zone_ids and no "
                    "virtual_network_id to link a created zone to; give one of them"
                )
            suffix = group if group != "namespace" else "servicebus"
            zone = privatedns.PrivateZone(
                f"{ctx.name}-{suffix}-zone", private_zone_name=zone_name, location="global",
                resource_group_name=ctx.resource_group_name, tags=ctx.tags, opts=ctx.opts(),
            )
            privatedns.VirtualNetworkLink(
                f"{ctx.name}-{suffix}-zone-link", private_zone_name=zone_name, location="global",
                resource_group_name=ctx.resource_group_name, virtual_network=privatedns.SubResourceArgs(id=vnet_id),
                registration_enabled=False, tags=ctx.tags, opts=ctx.opts(depends_on=[zone]),
            )
            zones[zone_name] = zone.id
        return {**endpoints, "private_dns_zone_ids": zones}

    def _private_endpoints(
        self, ctx: PlaneContext, endpoints: PrivateEndpointArgs, targets: Mapping[str, tuple[pulumi.Input[str], str]]
    ) -> None:
        for suffix, (resource_id, group) in targets.items():
            wiring.private_endpoint(
                f"{ctx.name}-{suffix}-pe", resource_id=resource_id, group_id=group, location=ctx.location,
                resource_group_name=ctx.resource_group_name, endpoints=endpoints, parent=self, tags=ctx.tags,
            )
