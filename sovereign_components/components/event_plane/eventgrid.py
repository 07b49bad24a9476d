"""Event Grid: the regional custom topic, the processors' regional subscriptions, and -- when
metadata channels are declared -- the metadata topic and the channels that read from it.

Processor delivery (default ``ServiceBusQueue``): the source design's regional router ->
ordered processing path. Each processor subscription delivers, with the topic's system identity
(``deliveryWithResourceIdentity``), to the plane's session-enabled processing queue, and the
session trigger of the Function App consumes it. Why not straight to the app's Event Grid
function: the app has public network access disabled (F1) and Event Grid cannot deliver
through private endpoints, so in Azure no event would arrive. Event Grid is a Service Bus
*trusted Microsoft service*: with the topic identity holding "Azure Service Bus Data Sender" on
the queue and the namespace's network rule set allowing trusted services, it delivers although
the namespace's public network access is disabled (S1) - access is still decided by RBAC, and
no key is involved (E2/S2).
Dynamic delivery attribute mappings (defaults.QUEUE_DELIVERY_ATTRIBUTES) give every message
``SessionId`` = the CloudEvent's ``aggregateid`` (one session per aggregate: strict order, as
the source design's session processor needs; Event Grid requires a ``SessionId`` mapping for a
session-enabled queue) and the application properties ``DataRegion``/``DataClassification``
the processor reads (and checks against the body).
``AzureFunction`` stays available per processor (``ProcessorArgs.endpoint_type``) for apps
Event Grid can reach; it uses Event Grid's own access (Functions is not a managed-identity
destination). Dead-lettering uses the topic's identity (Storage Blob Data Contributor on the
dead-letter container).

Metadata channels (issue 10): never on the main topic. A stack that declares channels gets a
second topic with the same hardening, tagged ``names.TOPIC_KIND_TAG: names.METADATA_TOPIC_KIND``,
that only the metadata publisher's identity may send to; each channel subscribes to *that*
topic with a filter requiring ``sovereignkind`` StringIn ``[metadata]`` (an attribute only a
``MetadataEvent`` carries) AND ``dataclassification`` StringIn the non-regulated values, and
delivers with the metadata topic's identity. A full event is never published there, and
would not match if it were.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pulumi

from ...events.names import (
    CLASSIFICATION_ATTRIBUTE,
    EVENT_GRID_FUNCTION_NAME,
    KIND_ATTRIBUTE,
    METADATA_CHANNEL_LABEL,
    METADATA_KIND,
    METADATA_TOPIC_KIND,
    REGION_ATTRIBUTE,
    TOPIC_KIND_TAG,
)
from .context import PlaneContext
from .defaults import CONTAINERS, QUEUE_DELIVERY_ATTRIBUTES
from .validation import ChannelPlan, ProcessorPlan

CLOUD_EVENTS = "CloudEventSchemaV1_0"


def _hardened_topic(ctx: PlaneContext, logical: str, azure_name: str, tags: Any) -> pulumi.CustomResource:
    from pulumi_azure_native import eventgrid

    return eventgrid.Topic(
        logical,
        topic_name=azure_name,
        resource_group_name=ctx.resource_group_name,
        location=ctx.location,
        input_schema=CLOUD_EVENTS,
        data_residency_boundary="WithinRegion",
        public_network_access="Disabled",
        disable_local_auth=True,
        minimum_tls_version_allowed="1.2",
        identity=eventgrid.IdentityInfoArgs(type="SystemAssigned"),
        tags=tags,
        opts=ctx.opts(),
    )


def topic(ctx: PlaneContext) -> pulumi.CustomResource:
    """CloudEvents 1.0 input (the contract's extension attributes are filterable), data
    residency WithinRegion (E4/G1: subscription metadata is not replicated to the pair), public
    access and local (key/SAS) auth off (E1, E2), TLS 1.2 (E5), a system identity (E3) for
    identity-based delivery and dead-lettering."""
    return _hardened_topic(ctx, f"{ctx.name}-topic", ctx.names.topic, ctx.tags)


def metadata_topic(ctx: PlaneContext) -> pulumi.CustomResource:
    """The topic the metadata channels read from: the same hardening as :func:`topic`, tagged
    ``TOPIC_KIND_TAG: METADATA_TOPIC_KIND`` so the policy pack and ``sovereign route`` know it.
    Only the metadata publisher's identity gets "EventGrid Data Sender" on it (and with local
    auth off there is no key to send with), so full events never reach it."""
    tags = {**ctx.tags, TOPIC_KIND_TAG: METADATA_TOPIC_KIND}
    return _hardened_topic(ctx, f"{ctx.name}-metadata-topic", ctx.names.metadata_topic, tags)


def metadata_publisher_identity(ctx: PlaneContext) -> pulumi.CustomResource:
    """The user-assigned identity the metadata publisher runs as (in the plane's region), when
    the caller names none: a dedicated identity, so no other app's identity (above all the
    processor's) can send to the metadata topic."""
    from pulumi_azure_native import managedidentity

    return managedidentity.UserAssignedIdentity(
        f"{ctx.name}-metadata-publisher",
        resource_name_=ctx.names.metadata_publisher,
        resource_group_name=ctx.resource_group_name,
        location=ctx.location,
        tags=ctx.tags,
        opts=ctx.opts(),
    )


def regional_filter(values: Sequence[str], included_event_types: Sequence[str] | None) -> Any:
    """The source design's regional router: ``StringIn`` on the event's region attribute with
    the boundary code and its regions. Events of another boundary (or without the attribute:
    missing keys never match) are not delivered here."""
    from pulumi_azure_native import eventgrid

    return eventgrid.EventSubscriptionFilterArgs(
        included_event_types=list(included_event_types) if included_event_types else None,
        advanced_filters=[
            eventgrid.StringInAdvancedFilterArgs(operator_type="StringIn", key=REGION_ATTRIBUTE, values=list(values))
        ],
    )


def metadata_filter(classifications: Sequence[str]) -> Any:
    """What a metadata channel admits: ``sovereignkind`` StringIn ``[metadata]`` (only a
    ``MetadataEvent`` carries it) AND ``dataclassification`` StringIn the non-regulated values
    (issue 6). Both are CloudEvent *attributes* (never ``data.*`` keys: the body is not what
    Event Grid must route on); arrays are not matched element-wise, so an attribute that is an
    array with one allowed value does not pass."""
    from pulumi_azure_native import eventgrid

    return eventgrid.EventSubscriptionFilterArgs(
        enable_advanced_filtering_on_arrays=False,
        advanced_filters=[
            eventgrid.StringInAdvancedFilterArgs(operator_type="StringIn", key=KIND_ATTRIBUTE, values=[METADATA_KIND]),
            eventgrid.StringInAdvancedFilterArgs(
                operator_type="StringIn", key=CLASSIFICATION_ATTRIBUTE, values=list(classifications)
            ),
        ],
    )


def queue_destination(queue_id: pulumi.Input[str]) -> Any:
    """The processing queue as a destination, with the delivery attribute mappings that make
    each message a session message carrying its region and classification (module doc)."""
    from pulumi_azure_native import eventgrid

    return eventgrid.ServiceBusQueueEventSubscriptionDestinationArgs(
        endpoint_type="ServiceBusQueue",
        resource_id=queue_id,
        delivery_attribute_mappings=[
            eventgrid.DynamicDeliveryAttributeMappingArgs(type="Dynamic", name=name, source_field=field)
            for name, field in QUEUE_DELIVERY_ATTRIBUTES.items()
        ],
    )


def function_destination(function_app_id: pulumi.Input[str]) -> Any:
    """The app's Event Grid function (only reachable where Event Grid can reach the app)."""
    from pulumi_azure_native import eventgrid

    return eventgrid.AzureFunctionEventSubscriptionDestinationArgs(
        endpoint_type="AzureFunction",
        resource_id=pulumi.Output.concat(function_app_id, "/functions/", EVENT_GRID_FUNCTION_NAME),
        max_events_per_batch=1,
        preferred_batch_size_in_kilobytes=64,
    )


def processor_subscription(
    ctx: PlaneContext,
    topic_resource: pulumi.CustomResource,
    processor: ProcessorPlan,
    *,
    queue_id: pulumi.Input[str],
    function_app_id: pulumi.Input[str],
    storage_account_id: pulumi.Input[str],
    depends_on: Sequence[pulumi.Resource],
) -> pulumi.CustomResource:
    """One processor's subscription: regional filter, retry policy, CloudEvents delivery to the
    session processing queue with the topic's identity (or, when asked, to the app's Event Grid
    function), dead letters to the regional container with the topic identity."""
    from pulumi_azure_native import eventgrid

    plan = ctx.plan
    delivery: dict[str, Any]
    if processor.endpoint_type == "ServiceBusQueue":
        delivery = {"delivery_with_resource_identity": eventgrid.DeliveryWithResourceIdentityArgs(
            identity=eventgrid.EventSubscriptionIdentityArgs(type="SystemAssigned"),
            destination=queue_destination(queue_id),
        )}
    else:
        delivery = {"destination": function_destination(function_app_id)}
    return eventgrid.EventSubscription(
        f"{ctx.name}-{processor.name}",
        event_subscription_name=processor.name,
        scope=topic_resource.id,
        filter=regional_filter(plan.region_filter_values(), processor.included_event_types),
        event_delivery_schema=CLOUD_EVENTS,
        retry_policy=eventgrid.RetryPolicyArgs(
            max_delivery_attempts=plan.event_delivery_max_attempts,
            event_time_to_live_in_minutes=plan.event_time_to_live_minutes,
        ),
        **delivery,
        dead_letter_with_resource_identity=dead_letter(storage_account_id),
        opts=ctx.opts(depends_on=depends_on),
    )


def dead_letter(storage_account_id: pulumi.Input[str]) -> Any:
    """Undeliverable events go to the regional dead-letter container, written with the topic's
    identity (no SAS; the container stays in the region, G8)."""
    from pulumi_azure_native import eventgrid

    return eventgrid.DeadLetterWithResourceIdentityArgs(
        identity=eventgrid.EventSubscriptionIdentityArgs(type="SystemAssigned"),
        dead_letter_destination=eventgrid.StorageBlobDeadLetterDestinationArgs(
            endpoint_type="StorageBlob",
            resource_id=storage_account_id,
            blob_container_name=CONTAINERS["dead_letter"],
        ),
    )


def _channel_destination(channel: ChannelPlan, destination_id: pulumi.Input[str]) -> Any:
    from pulumi_azure_native import eventgrid

    kinds = {
        "ServiceBusTopic": eventgrid.ServiceBusTopicEventSubscriptionDestinationArgs,
        "ServiceBusQueue": eventgrid.ServiceBusQueueEventSubscriptionDestinationArgs,
        "EventHub": eventgrid.EventHubEventSubscriptionDestinationArgs,
    }
    return kinds[channel.endpoint_type](endpoint_type=channel.endpoint_type, resource_id=destination_id)


def metadata_channel(
    ctx: PlaneContext,
    metadata_topic_resource: pulumi.CustomResource,
    channel: ChannelPlan,
    destination_id: pulumi.Input[str],
    *,
    storage_account_id: pulumi.Input[str],
    depends_on: Sequence[pulumi.Resource],
) -> pulumi.CustomResource:
    """A declared cross-boundary channel on the *metadata* topic: labelled, filtered on the
    metadata kind and non-regulated classifications, delivered with the metadata topic's
    identity. It deliberately has no regional filter: metadata events cross boundaries by
    design and carry no payload (``MetadataEvent``)."""
    from pulumi_azure_native import eventgrid

    plan = ctx.plan
    return eventgrid.EventSubscription(
        f"{ctx.name}-{channel.name}",
        event_subscription_name=channel.name,
        scope=metadata_topic_resource.id,
        labels=[METADATA_CHANNEL_LABEL],
        filter=metadata_filter(channel.classifications),
        event_delivery_schema=CLOUD_EVENTS,
        retry_policy=eventgrid.RetryPolicyArgs(
            max_delivery_attempts=plan.event_delivery_max_attempts,
            event_time_to_live_in_minutes=plan.event_time_to_live_minutes,
        ),
        delivery_with_resource_identity=eventgrid.DeliveryWithResourceIdentityArgs(
            identity=eventgrid.EventSubscriptionIdentityArgs(type="SystemAssigned"),
            destination=_channel_destination(channel, destination_id),
        ),
        dead_letter_with_resource_identity=dead_letter(storage_account_id),
        opts=ctx.opts(depends_on=depends_on),
    )
