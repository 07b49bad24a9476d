"""A regional topic with three subscriptions, filtered the way the RegionalEventPlane filters:
the in-boundary processor (StringIn on the region attribute with boundary.filter_values()), a
subscription of the *other* boundary (must never receive this boundary's data), and a declared
metadata channel to the other boundary (non-regulated classifications only)."""

import pulumi
from pulumi_azure_native import eventgrid

from sovereign_components.events import names as contract
from sovereign_components.geo.boundary import get_boundary

cfg = pulumi.Config()
home = get_boundary(cfg.require("boundary"))
remote = get_boundary(cfg.require("remote"))
sub_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/events-rg/providers"


def region_filter(boundary):
    return eventgrid.StringInAdvancedFilterArgs(
        operator_type="StringIn", key=contract.REGION_ATTRIBUTE, values=boundary.filter_values()
    )


def subscription(name, boundary, queue, extra_filters=(), labels=None, routed=None):
    return eventgrid.TopicEventSubscription(
        name,
        resource_group_name="events-rg",
        topic_name=f"{home.code.lower()}-events",
        event_subscription_name=name,
        event_delivery_schema="CloudEventSchemaV1_0",
        labels=labels,
        destination=eventgrid.ServiceBusQueueEventSubscriptionDestinationArgs(
            endpoint_type="ServiceBusQueue",
            resource_id=f"{sub_id}/Microsoft.ServiceBus/namespaces/{boundary.code.lower()}-bus/queues/{queue}",
        ),
        filter=eventgrid.EventSubscriptionFilterArgs(advanced_filters=[region_filter(routed or boundary), *extra_filters]),
    )


subscription(f"{home.code.lower()}-processor", home, "sovereign-events")
subscription(f"{remote.code.lower()}-processor", remote, "sovereign-events")
subscription(
    f"{home.code.lower()}-to-{remote.code.lower()}-metadata",
    remote,
    "metadata-events",
    extra_filters=[eventgrid.StringInAdvancedFilterArgs(
        operator_type="StringIn",
        key=contract.CLASSIFICATION_ATTRIBUTE,
        values=list(contract.NON_REGULATED_CLASSIFICATIONS),
    )],
    labels=[contract.METADATA_CHANNEL_LABEL],
    routed=home,  # this boundary's events, non-regulated only, delivered to the other boundary
)
