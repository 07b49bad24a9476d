"""Event Grid: the regional custom topic, the processors' regional subscriptions and the
declared metadata channels.

Delivery to the processor uses the ``AzureFunction`` endpoint with Event Grid's own
(first-party) access, not ``deliveryWithResourceIdentity``: Azure Functions is not among the
destinations Event Grid delivers to with a topic's managed identity (Service Bus, Event Hubs,
Storage; learn.microsoft.com/azure/event-grid/add-identity-roles), and there is no role the
topic's identity could hold on a function. Dead-lettering does use the topic's identity
(Storage Blob Data Contributor on the dead-letter container), and so do the metadata channels
(data-sender role on the destination).
Known limit (Azure): Event Grid cannot deliver through private endpoints, so with the Function
App's public access disabled (F1) the Event Grid path only works once the app is reachable by
Event Grid; the Service Bus session queue is the private ingestion path.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pulumi

from ..contract import CLASSIFICATION_ATTRIBUTE, EVENT_GRID_FUNCTION_NAME, METADATA_CHANNEL_LABEL, REGION_ATTRIBUTE
from .context import PlaneContext
from .defaults import CONTAINERS
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


def processor_subscription(
    ctx: PlaneContext,
    topic_resource: pulumi.CustomResource,
    processor: ProcessorPlan,
    *,
    function_app_id: pulumi.Input[str],
    storage_account_id: pulumi.Input[str],
    depends_on: Sequence[pulumi.Resource],
) -> pulumi.CustomResource:
    """One processor's subscription: regional filter, retry policy, CloudEvents delivery to the
    app's Event Grid function, dead letters to the regional container with the topic identity."""
    from pulumi_azure_native import eventgrid

    plan = ctx.plan
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
        destination=eventgrid.AzureFunctionEventSubscriptionDestinationArgs(
            endpoint_type="AzureFunction",
            resource_id=pulumi.Output.concat(function_app_id, "/functions/", EVENT_GRID_FUNCTION_NAME),
            max_events_per_batch=1,
            preferred_batch_size_in_kilobytes=64,
        ),
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
