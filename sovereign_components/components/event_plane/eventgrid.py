"""Event Grid: the regional custom topic, the processors' regional subscriptions and the
declared metadata channels.

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
dead-letter container), and so do the metadata channels (data-sender role on the destination).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pulumi

from ...events.names import CLASSIFICATION_ATTRIBUTE, EVENT_GRID_FUNCTION_NAME, METADATA_CHANNEL_LABEL, REGION_ATTRIBUTE
from .context import PlaneContext
from .defaults import CONTAINERS, QUEUE_DELIVERY_ATTRIBUTES
from .validation import ChannelPlan, ProcessorPlan

CLOUD_EVENTS = "CloudEventSchemaV1_0"


def topic(ctx: PlaneContext) -> pulumi.CustomResource:
    """CloudEvents 1.0 input (the contract's extension attributes are filterable), data
    residency WithinRegion (E4/G1: subscription metadata is not replicated to the pair), public
    access and local (key/SAS) auth off (E1, E2), TLS 1.2 (E5), a system identity (E3) for
    identity-based dead-lettering and metadata channels."""
    from pulumi_azure_native import eventgrid

    return eventgrid.Topic(
        f"{ctx.name}-topic",
        topic_name=ctx.names.topic,
        resource_group_name=ctx.resource_group_name,
        location=ctx.location,
        input_schema=CLOUD_EVENTS,
        data_residency_boundary="WithinRegion",
        public_network_access="Disabled",
        disable_local_auth=True,
        minimum_tls_version_allowed="1.2",
        identity=eventgrid.IdentityInfoArgs(type="SystemAssigned"),
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
    """Only non-regulated classifications (issue 6): what the policy pack recognises as a
    metadata channel (``StringIn`` on the classification attribute, no array matching)."""
    from pulumi_azure_native import eventgrid

    return eventgrid.EventSubscriptionFilterArgs(
        enable_advanced_filtering_on_arrays=False,
        advanced_filters=[
            eventgrid.StringInAdvancedFilterArgs(
                operator_type="StringIn", key=CLASSIFICATION_ATTRIBUTE, values=list(classifications)
            )
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
    topic_resource: pulumi.CustomResource,
    channel: ChannelPlan,
    destination_id: pulumi.Input[str],
    *,
    storage_account_id: pulumi.Input[str],
    depends_on: Sequence[pulumi.Resource],
) -> pulumi.CustomResource:
    """A declared cross-boundary channel: labelled, filtered to non-regulated classifications,
    delivered with the topic's identity. It deliberately has no regional filter: metadata
    events cross boundaries by design and carry no payload (``MetadataEvent``)."""
    from pulumi_azure_native import eventgrid

    plan = ctx.plan
    return eventgrid.EventSubscription(
        f"{ctx.name}-{channel.name}",
        event_subscription_name=channel.name,
        scope=topic_resource.id,
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
