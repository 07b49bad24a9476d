"""Property tests of the routing what-if over the shipped stacks (issue 10, item 1): a full
SovereignEvent -- whatever its classification, region or type -- never reaches a metadata
channel, neither by topic nor by filter; a MetadataEvent reaches only the declared channel;
the regional processors take exactly the events of their boundary and types."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from event_strategies import PROPERTY, any_events
from hypothesis import given
from hypothesis import strategies as st

from sovereign_components.events.cloudevents_mapping import routing_view
from sovereign_components.events.contract import MetadataEvent, SovereignEvent
from sovereign_components.events.names import NON_REGULATED_CLASSIFICATIONS
from sovereign_components.events.routing import (
    EVENTS_TOPIC,
    METADATA_TOPIC,
    Subscription,
    evaluate_filter,
    fold,
    published_topic_kind,
    route,
    subscriptions_from_resources,
)
from sovereign_components.geo.boundary import get_boundary

ROOT = Path(__file__).resolve().parents[2]
#: Event types the shipped stacks' processors list, so generated events hit them too.
TYPES = ["OrderPlaced", "OrderConfirmed", "OrderCancelled", "CustomerRegistered", "CustomerUpdated",
         "InventoryReservationRequested"]


@pytest.fixture(scope="module")
def stacks() -> dict[str, list[Subscription]]:
    from sovereign_components.gate.pipeline import capture_program

    return {stack: subscriptions_from_resources(capture_program(ROOT, stack).resources) for stack in ("eu", "us")}


def _typed(event: Any, event_type: str) -> Any:
    return type(event).model_validate({**event.to_wire(), "eventType": event_type})


def _expected_processors(event: Any, stack: str, subscriptions: list[Subscription]) -> list[str]:
    values = {fold(v) for v in get_boundary(stack.upper()).filter_values()}
    return [s.name for s in subscriptions if not s.metadata_channel and fold(event.data_region) in values
            and fold(event.event_type) in {fold(t) for t in s.filter.get("includedEventTypes") or [event.event_type]}]


@PROPERTY
@given(any_events, st.sampled_from(TYPES), st.sampled_from(["eu", "us"]))
def test_full_events_never_reach_a_metadata_channel_and_metadata_events_reach_only_it(
    stacks: dict[str, list[Subscription]], event: Any, event_type: str, stack: str
) -> None:
    """A SovereignEvent -- any classification (Internal and Public included), region or type --
    is published to the event topic, reaches exactly the processors of its boundary and types,
    and never a metadata channel; the channel's own filter refuses it too (no ``sovereignkind``).
    A MetadataEvent is published to the metadata topic and reaches only the declared channel
    (``inventory-metadata`` on eu, nothing on us)."""
    event = _typed(event, event_type)
    document = routing_view(event)
    published = published_topic_kind(event)
    report = route(document, stacks[stack], published_to=published)
    delivered = [d.subscription for d in report.delivered]
    channels = [s for s in stacks[stack] if s.metadata_channel]
    if isinstance(event, SovereignEvent):
        assert published == EVENTS_TOPIC
        assert not [s for s in delivered if s.metadata_channel]
        assert [s.name for s in delivered] == _expected_processors(event, stack, stacks[stack])
        for channel in channels:
            assert channel.topic_kind == METADATA_TOPIC
            assert not evaluate_filter(channel.filter, document).matched
    else:
        assert published == METADATA_TOPIC and isinstance(event, MetadataEvent)
        assert event.data_classification in NON_REGULATED_CLASSIFICATIONS
        assert all(s.metadata_channel and s.topic_kind == METADATA_TOPIC for s in delivered)
        assert [s.name for s in delivered] == [s.name for s in channels]
