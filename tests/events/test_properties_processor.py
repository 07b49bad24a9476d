"""Property tests of the processor (issue 10, item 2) and of the decoding it relies on: every
message decodes to an event or a validation error (never a raw exception), and gets a
disposition -- a
completion only for a valid in-boundary SovereignEvent whose attributes, properties and session
id agree with its body, otherwise a dead letter with a reason from names.py and a record that
keeps the message whole; redeliveries complete, a reused id with other content is an
IdempotencyConflict, never acknowledged silently."""

from __future__ import annotations

import base64
import json
from typing import Any

from event_strategies import PROPERTY, messages
from events_seed import SEED_JSON
from hypothesis import given
from hypothesis import strategies as st

from pydantic import ValidationError

from sovereign_components.events import names
from sovereign_components.events.cloudevents_mapping import from_service_bus
from sovereign_components.events.contract import SovereignEvent, normalize_data_region
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
    # the mapping: an event, or a validation error -- never another exception type; what it
    # accepts agrees with the properties it was routed on
    try:
        decoded = from_service_bus(**message)
    except (ValidationError, EventFormatError):
        decoded = None
    if decoded is not None:
        props = message["application_properties"]
        if names.SERVICE_BUS_REGION_PROPERTY in props:
            assert normalize_data_region(props[names.SERVICE_BUS_REGION_PROPERTY]) == decoded.data_region
        if names.SERVICE_BUS_CLASSIFICATION_PROPERTY in props:
            assert props[names.SERVICE_BUS_CLASSIFICATION_PROPERTY] == decoded.data_classification
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


#: Deliveries built from the seed: ids from a pool of three (so they collide), a payload, region
#: and aggregate from small sets (so the same content recurs as redeliveries do).
SEED = SovereignEvent.model_validate(json.loads(SEED_JSON))
deliveries = st.lists(
    st.tuples(st.sampled_from(["evt-a", "evt-b", "evt-c"]), st.integers(0, 2),
              st.sampled_from(["EU", "westeurope", "northeurope", "US"]), st.sampled_from(["order-1", "order-2"])),
    min_size=1, max_size=8,
)


@PROPERTY
@given(deliveries)
def test_redeliveries_complete_and_a_reused_id_with_other_content_is_a_conflict(
    sequence: list[tuple[str, int, str, str]],
) -> None:
    """The store keeps the first in-boundary event per id; a later delivery with that id and the
    same content completes as a redelivery; other content is an IdempotencyConflict, and
    nothing else is stored or acknowledged silently."""
    store = InMemoryEventStore()
    first: dict[str, SovereignEvent] = {}
    for event_id, total, region, aggregate in sequence:
        event = SovereignEvent.model_validate({**SEED.to_wire(), "id": event_id, "payload": {"total": total},
                                               "dataRegion": region, "aggregateId": aggregate})
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
