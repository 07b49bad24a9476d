"""Property tests of the event contract (issue 10, item 2): every valid event round-trips;
every other input is a validation error -- never a raw ValueError, RecursionError,
JSONDecodeError or UnicodeDecodeError; region codes are accepted exactly when Event Grid would
match them to the same filter value."""

from __future__ import annotations

import json
from typing import Any

import pytest
from event_strategies import (
    CANONICAL_CODES,
    INVISIBLE,
    PROPERTY,
    any_events,
    code_spellings,
    corrupted_codes,
    hostile_bodies,
    hostile_scalars,
    json_values,
    mutate,
    to_text,
)
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from sovereign_components.events.contract import (
    MetadataEvent,
    SovereignEvent,
    event_from_json,
    normalize_data_region,
)
from sovereign_components.events.errors import EventFormatError
from sovereign_components.events.jsonbounds import MAX_DEPTH, load_json
from sovereign_components.events.names import CLASSIFICATIONS
from sovereign_components.events.routing import fold

#: What a decoder may raise for bad input: the library's validation errors, nothing else.
VALIDATION_ERRORS = (ValidationError, EventFormatError)
ENVELOPE_KEYS = ["id", "aggregateId", "aggregateType", "eventType", "eventVersion", "timestamp", "dataRegion",
                 "dataClassification", "causationId", "correlationId", "metadata", "payload", "references"]


@PROPERTY
@given(st.data())
def test_valid_events_round_trip_and_any_mutation_is_valid_or_a_validation_error(data: st.DataObject) -> None:
    """Every valid event round-trips through its wire form (text, bytes, dict); the same
    document with one field replaced by a hostile value, removed or added is either still an
    event -- then with canonical routing values -- or a validation error, never another
    exception."""
    event = data.draw(any_events)
    text = event.to_json()
    assert event_from_json(text) == event
    assert event_from_json(text.encode("utf-8")) == event
    assert type(event_from_json(json.loads(text))) is type(event)
    assert event.data_region in CANONICAL_CODES
    assert load_json(text) == event.to_wire()  # within the runtime's bounds

    document = mutate(event.to_wire(), data.draw, ENVELOPE_KEYS)
    for form in (document, to_text(document).encode("utf-8", "surrogatepass")):
        try:
            parsed = event_from_json(form)
        except VALIDATION_ERRORS:
            continue
        assert parsed.data_region in CANONICAL_CODES
        assert parsed.data_classification in CLASSIFICATIONS
        assert isinstance(parsed, (SovereignEvent, MetadataEvent))


@PROPERTY
@given(st.one_of(hostile_bodies, json_values.map(lambda v: to_text(v).encode("utf-8", "surrogatepass"))))
def test_arbitrary_bytes_are_an_event_or_a_validation_error(body: bytes) -> None:
    try:
        event_from_json(body)
    except VALIDATION_ERRORS:
        pass


@PROPERTY
@given(st.one_of(st.text(max_size=24), hostile_scalars, corrupted_codes(), code_spellings.map(lambda pair: pair[1])))
def test_a_region_value_is_accepted_only_as_event_grid_would_match_it(value: Any) -> None:
    """Accepted <=> it equals a canonical code up to letter case (Event Grid's comparison);
    then the canonical value is that code. A space, separator, control or format character
    anywhere (``EU\\u2003``, ``West\\u00a0Europe``) is refused. Refusals are ValueErrors with
    a message, never another exception type."""
    matches = [code for code in CANONICAL_CODES if isinstance(value, str) and value.isascii() and fold(value) == fold(code)]
    try:
        canonical = normalize_data_region(value)
    except ValueError as exc:
        assert matches == [] and str(exc)
        return
    assert matches == [canonical]
    assert value.isalnum() and value.isascii()


@PROPERTY
@given(st.integers(1, 6000), st.sampled_from(["[", '{"a":']))
def test_nesting_is_bounded_whatever_the_depth(depth: int, opener: str) -> None:
    closer = "]" if opener == "[" else "}"
    text = opener * depth + "1" + closer * depth
    if depth <= MAX_DEPTH:
        assert load_json(text) is not None
    else:
        with pytest.raises(EventFormatError, match="deeper"):
            load_json(text)


@PROPERTY
@given(st.integers(MAX_DEPTH, 3 * MAX_DEPTH), st.sampled_from(["payload", "metadata"]))
def test_a_deep_payload_built_in_python_is_a_validation_error(depth: int, field: str) -> None:
    nested: Any = 1
    for _ in range(depth):
        nested = {"x": nested}
    with pytest.raises(ValidationError, match="deeper"):
        SovereignEvent.model_validate({**_seed(), field: {"deep": nested}})


@PROPERTY
@given(st.sampled_from(["eventVersion", "dataRegion", "dataClassification", "id", "aggregateId"]), INVISIBLE)
def test_invisible_characters_never_pass_in_routing_or_identity_fields(field: str, char: str) -> None:
    seed = json.loads(SovereignEvent.model_validate(_seed()).to_json())
    value = seed[field]
    with pytest.raises(ValidationError):
        SovereignEvent.model_validate({**seed, field: f"{value}{char}"})


def _seed() -> dict[str, Any]:
    from events_seed import SEED_JSON

    return json.loads(SEED_JSON)
