"""Property tests of the processor (issue 10, item 2): every message gets a disposition -- a
completion only for a valid in-boundary SovereignEvent whose attributes, properties and session
id agree with its body, otherwise a dead letter with a reason from names.py and a record that
keeps the message whole; redeliveries complete, a reused id with other content is an
IdempotencyConflict, never acknowledged silently."""

from __future__ import annotations

import base64
import json
from typing import Any

from event_strategies import PROPERTY, messages, sovereign_events
from hypothesis import given
from hypothesis import strategies as st

from pydantic import ValidationError

from sovereign_components.events import names
from sovereign_components.events.cloudevents_mapping import from_service_bus
from sovereign_components.events.contract import SovereignEvent
from sovereign_components.events.errors import EventFormatError
from sovereign_components.events.processor import (
    MAX_DESCRIPTION_CHARS,
    InMemoryEventStore,
    OriginalMessage,
    dead_letter_record,
    process_message,
)
from sovereign_components.events.settings import ProcessorSettings
from sovereign_components.geo.boundary import get_boundary

SETTINGS = ProcessorSettings.from_env({names.DEPLOYMENT_REGION_SETTING: "westeurope", names.BOUNDARY_SETTING: "EU"})
EU_VALUES = {v.lower() for v in get_boundary("EU").filter_values()}


@PROPERTY
@given(messages(), st.sampled_from(["aggregate", "none", "other"]), st.booleans())
def test_every_message_gets_a_disposition_and_nothing_is_lost(
    message: dict[str, Any], session: str, session_required: bool
) -> None:
    source_event = message.pop("event")
    session_id = {"aggregate": source_event.aggregate_id, "none": None, "other": f"{source_event.aggregate_id}-x"}[session]
    store = InMemoryEventStore()
    disposition = process_message(**message, settings=SETTINGS, store=store, message_id="m-1",
                                  session_id=session_id, session_required=session_required)
    if disposition.action == "complete":
        # only a valid, in-boundary full event whose session id is its aggregate id
        (stored,) = store.events.values()
        assert isinstance(stored, SovereignEvent) and disposition.appended
        assert stored.data_region.lower() in EU_VALUES
        assert session_id == stored.aggregate_id or (session_id is None and not session_required)
        return
    assert store.events == {}  # a dead letter is never stored
    assert disposition.reason in names.DEAD_LETTER_REASONS
    assert disposition.reason != names.IDEMPOTENCY_CONFLICT_REASON  # a fresh store has no conflict
    assert disposition.description and len(disposition.description) <= MAX_DESCRIPTION_CHARS
    try:
        decoded = from_service_bus(**message)
    except (ValidationError, EventFormatError):
        decoded = None
    if decoded is not None and isinstance(decoded, SovereignEvent) and session_id != decoded.aggregate_id and (
            session_id is not None or session_required):
        # a decodable event on the wrong (or, on a session queue, no) session: never processed
        assert disposition.reason == names.ATTRIBUTE_MISMATCH_REASON and "session id" in disposition.description
    # the record forwarded to the compliance DLQ is strict JSON and keeps the message whole
    original = OriginalMessage(body=message["body"], content_type=message["content_type"] if isinstance(
        message["content_type"], str) else None, message_id="m-1", session_id=session_id,
        application_properties=message["application_properties"])
    record = json.loads(json.dumps(dead_letter_record(disposition, original, deployment_region="westeurope",
                                                      source="servicebus:q"), allow_nan=False))
    kept = record["originalMessage"]
    body = kept["body"].encode("utf-8") if "body" in kept else base64.b64decode(kept["bodyBase64"])
    assert body == message["body"]
    assert record["deadLetterReason"] == disposition.reason


def _eu(event: SovereignEvent, region: str) -> SovereignEvent:
    return SovereignEvent.model_validate({**event.to_wire(), "dataRegion": region})


@PROPERTY
@given(st.lists(st.tuples(st.sampled_from(["evt-a", "evt-b", "evt-c"]), sovereign_events(),
                          st.sampled_from(["EU", "westeurope", "northeurope", "US"]), st.booleans()),
                min_size=1, max_size=6))
def test_redeliveries_complete_and_a_reused_id_with_other_content_is_a_conflict(
    deliveries: list[tuple[str, SovereignEvent, str, bool]],
) -> None:
    """Ids come from a pool of three, so they collide; a delivery is either a redelivery of an
    earlier event with that id (same content) or a new event. The store keeps the first
    in-boundary event per id; nothing else is stored or acknowledged silently."""
    store = InMemoryEventStore()
    first: dict[str, SovereignEvent] = {}
    for event_id, generated, region, redeliver in deliveries:
        event = SovereignEvent.model_validate({**_eu(generated, region).to_wire(), "id": event_id})
        if redeliver and event_id in first:
            event = first[event_id]
        message = {"body": event.to_json().encode("utf-8"), "content_type": "application/json",
                   "application_properties": {}}
        disposition = process_message(**message, settings=SETTINGS, store=store, session_id=event.aggregate_id,
                                      session_required=True)
        if event.data_region == "US":
            assert disposition.reason == names.SOVEREIGNTY_VIOLATION_REASON
        elif event_id not in first:
            assert disposition.action == "complete" and disposition.appended
            first[event_id] = event
        elif event.to_wire() == first[event_id].to_wire():
            assert disposition.action == "complete" and not disposition.appended  # a redelivery
        else:
            assert disposition.reason == names.IDEMPOTENCY_CONFLICT_REASON
            assert event_id in disposition.description
        assert store.events == first
