"""A regional event topic and a metadata topic with subscriptions filtered the way the
RegionalEventPlane filters them:

- on the event topic: the in-boundary processor (StringIn on the region attribute with
  boundary.filter_values()) and a subscription of the *other* boundary (must never receive this
  boundary's data);
- on the metadata topic (tagged as one): a declared metadata channel to the other boundary,
  filtered on the metadata kind and non-regulated classifications;
- on the event topic again: a *legacy* channel filtered on classification alone (the design
  issue 10 replaced), so the what-if can show what it would let through.
"""

import pulumi
from pulumi_azure_native import eventgrid

from sovereign_components.events import names as contract
from sovereign_components.geo.boundary import get_boundary

cfg = pulumi.Config()
home = get_boundary(cfg.require("boundary"))
remote = get_boundary(cfg.require("remote"))
sub_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/events-rg/providers"
location = sorted(home.regions)[0]


def topic(name, tags=None):
    return eventgrid.Topic(
        name, topic_name=name, resource_group_name="events-rg", location=location,
        input_schema="CloudEventSchemaV1_0", public_network_access="Disabled", disable_local_auth=True,
        data_residency_boundary="WithinRegion", tags=tags,
    )


events_topic = topic(f"{home.code.lower()}-events")
metadata_topic = topic(f"{home.code.lower()}-metadata", {contract.TOPIC_KIND_TAG: contract.METADATA_TOPIC_KIND})


def region_filter(boundary):
    return eventgrid.StringInAdvancedFilterArgs(
        operator_type="StringIn", key=contract.REGION_ATTRIBUTE, values=boundary.filter_values()
    )


def classification_filter():
    return eventgrid.StringInAdvancedFilterArgs(
        operator_type="StringIn", key=contract.CLASSIFICATION_ATTRIBUTE,
        values=list(contract.NON_REGULATED_CLASSIFICATIONS),
    )


def queue(boundary, name):
    return eventgrid.ServiceBusQueueEventSubscriptionDestinationArgs(
        endpoint_type="ServiceBusQueue",
        resource_id=f"{sub_id}/Microsoft.ServiceBus/namespaces/{boundary.code.lower()}-bus/queues/{name}",
    )


def processor(name, boundary):
    return eventgrid.TopicEventSubscription(
        name,
        resource_group_name="events-rg",
        topic_name=events_topic.name,
        event_subscription_name=name,
        event_delivery_schema="CloudEventSchemaV1_0",
        destination=queue(boundary, "sovereign-events"),
        filter=eventgrid.EventSubscriptionFilterArgs(advanced_filters=[region_filter(boundary)]),
    )


processor(f"{home.code.lower()}-processor", home)
processor(f"{remote.code.lower()}-processor", remote)

eventgrid.EventSubscription(
    f"{home.code.lower()}-to-{remote.code.lower()}-metadata",
    scope=metadata_topic.id,
    event_subscription_name=f"{home.code.lower()}-to-{remote.code.lower()}-metadata",
    event_delivery_schema="CloudEventSchemaV1_0",
    labels=[contract.METADATA_CHANNEL_LABEL],
    destination=queue(remote, "metadata-events"),
    filter=eventgrid.EventSubscriptionFilterArgs(
        enable_advanced_filtering_on_arrays=False,
        advanced_filters=[
            eventgrid.StringInAdvancedFilterArgs(
                operator_type="StringIn", key=contract.KIND_ATTRIBUTE, values=[contract.METADATA_KIND]
            ),
            classification_filter(),
        ],
    ),
)

eventgrid.TopicEventSubscription(
    "legacy-channel",
    resource_group_name="events-rg",
    topic_name=events_topic.name,
    event_subscription_name="legacy-channel",
    event_delivery_schema="CloudEventSchemaV1_0",
    labels=[contract.METADATA_CHANNEL_LABEL],
    destination=queue(remote, "legacy-metadata"),
    filter=eventgrid.EventSubscriptionFilterArgs(advanced_filters=[region_filter(home), classification_filter()]),
)
