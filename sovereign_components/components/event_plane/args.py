"""Arguments of :class:`~sovereign_components.components.event_plane.RegionalEventPlane`.

TypedDicts of ``pulumi.Input[...]`` (what the multi-language component host reads; no unions,
no ``Literal``: docs/sdk-notes.md, "Component provider"). Each member's docstring says why
its default is what it is and which control (docs/controls.md) it
serves. ``int`` members may arrive as ``float`` through the component host (pulumi 3.272
int-as-float bug); :mod:`.validation` converts them.
"""


from collections.abc import Sequence
from typing import NotRequired, TypedDict

import pulumi

from ..args import CommonArgs


class ProcessorArgs(TypedDict):
    """One Event Grid subscription that delivers this region's events to the processor (through
    the session processing queue by default)."""

    name: str
    """Subscription name (3-64 letters, digits, hyphens); unique among processors and
    metadata channels, because all of them are subscriptions of the same topic."""
    included_event_types: NotRequired[Sequence[str]]
    """CloudEvents ``type`` values to deliver (all types when absent). Narrows the regional
    filter, never widens it: Event Grid ANDs the two."""
    endpoint_type: NotRequired[str]
    """How the subscription delivers: ``ServiceBusQueue`` (default) or ``AzureFunction``.

    ``ServiceBusQueue`` is the source design's regional router -> ordered processing path: the
    topic delivers with its managed identity to the plane's session-enabled processing queue
    (one session per aggregate, strict order), as a trusted Microsoft service, so it works with
    the namespace's public network access disabled (S1) and the app's too (F1).
    ``AzureFunction`` delivers straight to the app's Event Grid function; Event Grid cannot
    deliver through private endpoints, so with the app's public network access disabled (F1,
    the plane's default) no event arrives: use it only where the app is reachable by Event Grid."""


class EventStoreReferenceArgs(TypedDict):
    """The regional event store the processor appends to (built after the plane, so it is
    referenced by plain names: no dependency cycle with SovereignEventStore)."""

    account_name: str
    """Cosmos DB account name; the endpoint is ``https://<account>.documents.azure.com:443/``."""
    database_name: str
    """SQL database holding the event-store container."""
    container_name: str
    """Event-store container the processor appends to."""
    grant_data_access: NotRequired[bool]
    """Grant the processor identity Cosmos DB Built-in Data Contributor on the database (local
    auth is disabled, C2, so this role is the only way in). Default False: the
    SovereignEventStore grants its writers itself (``writer_principal_ids=[plane.processor_principal_id]``),
    after its account exists; a second grant here would duplicate it. Set True only when the
    store is managed elsewhere (another program or team), and then give ``account_id``."""
    account_id: NotRequired[pulumi.Input[str]]
    """ARM id of the Cosmos DB account (required with ``grant_data_access``). Pass the account's
    ``id`` output so the grant waits for the account (a name alone would not: on a first deploy
    the grant would race the account and fail)."""


class ComplianceDLQSettingsArgs(TypedDict):
    """Settings forwarded to the ComplianceDLQ child (its own defaults apply when absent)."""

    queue_name: NotRequired[str]
    """Dead-letter queue name (ComplianceDLQ default ``sovereignty-violations-dlq``)."""
    retention_days: NotRequired[int]
    """Days dead-lettered messages and archives are kept (ComplianceDLQ default 90)."""
    alert_threshold: NotRequired[int]
    """Dead-lettered messages that fire the alert (ComplianceDLQ default 1: the first one)."""
    archive_account_name: NotRequired[str]
    """Name of the immutable archive storage account (ComplianceDLQ derives one when absent)."""


class MetadataChannelArgs(TypedDict):
    """A declared cross-boundary metadata channel (issue 6, issue 10): a subscription on the
    plane's dedicated *metadata topic* that delivers only payload-free, non-regulated
    ``MetadataEvent`` events to another region's destination.

    Why a topic of its own: a filter on ``dataClassification`` alone lets a full
    ``SovereignEvent`` classified ``Internal`` or ``Public`` -- payload, ``userId``, ``clientIp`` --
    cross the boundary. The metadata topic receives only what the metadata publisher's identity
    sends (the only identity with "EventGrid Data Sender" on it, and the publisher accepts only
    ``MetadataEvent``), and the channel's filter also requires the CloudEvent attribute
    ``sovereignkind`` = ``metadata`` that only a ``MetadataEvent`` carries. A full event, whatever
    its classification and wherever it is published, can never match."""

    name: str
    """Subscription name (3-64 letters, digits, hyphens), unique among the plane's
    subscriptions."""
    destination_resource_id: pulumi.Input[str]
    """ARM id of the destination (a Service Bus topic/queue or an event hub), usually in another
    boundary; the policy pack allows it only because of the label, the filter and the metadata
    topic it reads from (and an allow-list entry with the destination's region)."""
    endpoint_type: NotRequired[str]
    """``ServiceBusTopic`` (default: fan-out to the other region's subscribers),
    ``ServiceBusQueue`` or ``EventHub``."""
    classifications: NotRequired[Sequence[str]]
    """``dataClassification`` values the channel admits (default
    ``contract.NON_REGULATED_CLASSIFICATIONS``). Regulated values are rejected: regulated data
    never crosses the boundary (L1 applied to events)."""
    grant_sender_role: NotRequired[bool]
    """Grant the metadata topic's identity the data-sender role on the destination (default
    True), so delivery uses the identity and no key (E2). Set False when another team owns the
    destination's role assignments."""


class RegionalEventPlaneArgs(CommonArgs):
    """Arguments of one region's event plane (issue 3); see :class:`CommonArgs` for the rest."""

    alert_email: pulumi.Input[str]
    """E-mail receiver of the compliance dead-letter alert (source design: security team)."""
    processors: NotRequired[Sequence[ProcessorArgs]]
    """Event Grid subscriptions that feed the processor (default one, ``processor``, delivering
    to the session processing queue)."""
    event_store: NotRequired[EventStoreReferenceArgs]
    """Event store the processor appends to (app settings); without it the app gets no Cosmos
    settings. Data access is granted by the store (or here, with ``grant_data_access``)."""
    compliance_dlq: NotRequired[ComplianceDLQSettingsArgs]
    """Settings of the ComplianceDLQ child (always created: the processing queue forwards its
    dead letters there)."""
    metadata_channels: NotRequired[Sequence[MetadataChannelArgs]]
    """Cross-boundary metadata channels (none by default: nothing leaves the region). With at
    least one, the plane also creates the metadata topic the channels read from (hardened like
    the main topic, tagged ``sovereign-topic-kind: metadata``) and the metadata publisher's
    identity (see ``metadata_publisher_principal_id``)."""
    metadata_publisher_principal_id: NotRequired[pulumi.Input[str]]
    """Object (principal) id of the identity that publishes ``MetadataEvent`` events, the only one
    granted "EventGrid Data Sender" on the metadata topic. Default: the plane creates a
    user-assigned managed identity for it (outputs ``metadata_publisher_identity_id`` and
    ``metadata_publisher_client_id``: attach it to the app that runs the metadata publisher).
    Never the processor's identity: the processor handles full events and must have no way to
    put one on the metadata topic. Only with ``metadata_channels``."""
    service_bus_sku: NotRequired[str]
    """``Premium`` (default: private endpoints, zone redundancy and CMK need it, S4/PL) or
    ``Standard`` (sessions, duplicate detection and forwarding work; no private endpoints).
    ``Basic`` is rejected: it has no sessions."""
    service_bus_capacity: NotRequired[int]
    """Premium messaging units (default 1, the smallest Premium namespace)."""
    processing_queue_name: NotRequired[str]
    """Session-enabled processing queue (default ``sovereign-events``, the source design's name)."""
    max_delivery_count: NotRequired[int]
    """Deliveries before a message is dead-lettered (default 3, the source design's value)."""
    event_hub_name: NotRequired[str]
    """Event hub for streaming ingestion (default ``events``)."""
    event_hub_partition_count: NotRequired[int]
    """Event hub partitions, 1-32 (default 2; Standard allows up to 32 and the count cannot be
    lowered later)."""
    capture_enabled: NotRequired[bool]
    """Event Hubs Capture to the regional storage account (default True: the stream is kept in
    the region, G7, instead of in a consumer somewhere else)."""
    zone_redundant: NotRequired[bool]
    """Zone redundancy for Service Bus, Event Hubs and storage (ZRS). Default: True where the
    region has availability zones. Zones stay inside the region, unlike GRS (G3)."""
    log_retention_days: NotRequired[int]
    """Log Analytics retention, 30-730 days (default 30: the free tier of retention)."""
    event_delivery_max_attempts: NotRequired[int]
    """Event Grid delivery attempts before dead-lettering, 1-30 (default 10)."""
    event_time_to_live_minutes: NotRequired[int]
    """Event Grid event TTL before dead-lettering, 1-1440 minutes (default 1440, one day)."""
    function_subnet_id: NotRequired[pulumi.Input[str]]
    """Subnet (delegated to Microsoft.Web/serverFarms) for the Function App's outbound VNet
    integration; all outbound traffic is then routed through it (F6). Needed, with
    ``private_endpoints``, for the app to reach the private data planes."""
    function_package: NotRequired[pulumi.Archive]
    """The Functions app archive (default ``functions_package.functions_archive()``), uploaded
    to the regional account's package container."""
    function_package_url: NotRequired[pulumi.Input[str]]
    """Blob URL of a package published out of band (no SAS: read with the app's identity).
    When given, nothing is uploaded: use it where the deployer cannot upload with Entra auth
    into the private account (the azure-native Blob upload uses account keys, which T5 refuses)."""
    storage_account_name: NotRequired[str]
    """Name of the regional storage account (default: derived from the component name, unique
    per project/stack)."""
