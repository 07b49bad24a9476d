"""Property tests of the CloudEvents mapping (issue 10, item 2): both event kinds round-trip in
every transport form; whatever a message is routed on (attributes, Service Bus properties) and
what its body says never disagree in an accepted event; the metadata kind marks exactly the
MetadataEvents. (That every malformed message is a validation error, never another exception,
is checked on the same generated messages as the processor's property, in
test_properties_processor.py, so the 2,000 messages are generated once.)"""

from __future__ import annotations

import json
from typing import Any

import pytest
from cloudevents.core.bindings import amqp
from event_strategies import (
    delivered_by_event_grid,
    CANONICAL_CODES,
    PROPERTY,
    any_events,
    code_spellings,
    corrupted_codes,
    hostile_bodies,
    hostile_scalars,
    identifiers,
    mutate,
    to_text,
    type_names,
)
from hypothesis import assume, given
from hypothesis import strategies as st
from pydantic import ValidationError

from sovereign_components.events import names
from sovereign_components.events.cloudevents_mapping import (
    ENVELOPE,
    from_service_bus,
    from_structured_json,
    routing_view,
    to_service_bus,
    to_structured_json,
)
from sovereign_components.events.contract import MetadataEvent, normalize_data_region
from sovereign_components.events.errors import AttributeMismatchError, CloudEventMappingError, EventFormatError

VALIDATION_ERRORS = (ValidationError, EventFormatError)


def _other_value(draw: st.DrawFn, field: str, event: Any) -> Any:
    """A valid value of ``field`` that means something else than the event's."""
    if field == "dataRegion":
        value = draw(st.sampled_from(CANONICAL_CODES))
        assume(normalize_data_region(value) != event.data_region)
    elif field == "dataClassification":
        allowed = names.NON_REGULATED_CLASSIFICATIONS if isinstance(event, MetadataEvent) else names.CLASSIFICATIONS
        value = draw(st.sampled_from(allowed))
        assume(value != event.data_classification)
    elif field == "id":
        value = draw(identifiers)
        assume(value != event.id)
    else:
        value = draw(type_names)
        assume(value != event.event_type)
    return value


@PROPERTY
@given(st.data(), st.sampled_from(["dataRegion", "dataClassification", "id", "eventType"]), st.booleans(),
       st.sampled_from(["metadata", "METADATA", "Metadata"]),
       st.sampled_from([names.SERVICE_BUS_REGION_PROPERTY, names.SERVICE_BUS_CLASSIFICATION_PROPERTY]),
       st.sampled_from([names.REGION_ATTRIBUTE, names.CLASSIFICATION_ATTRIBUTE, "id", "aggregateid"]))
def test_events_round_trip_and_what_they_are_routed_on_never_disagrees_with_the_body(
    data: st.DataObject, field: str, attribute_wins: bool, kind: str, property_name: str, amqp_attribute: str
) -> None:
    """For one generated event of either kind:

    - it round-trips in every transport form (structured, binary, as Event Grid delivers it);
    - the metadata kind marks exactly the MetadataEvents, and only the metadata kind (any
      letter case, as Event Grid compares) makes one; a full event claiming it is refused;
    - an attribute that contradicts the body -- whichever side carries the other value -- is an
      AttributeMismatch (issue 10: attribute dataclassification=Internal, body Confidential was
      accepted and the body won);
    - the DataRegion/DataClassification properties Service Bus rules and the processor read
      agree with the event (the region in any letter case Event Grid would match), and one
      attribute given under both AMQP prefixes has one value -- or the message is refused."""
    event = data.draw(any_events)
    is_metadata = isinstance(event, MetadataEvent)
    assert from_structured_json(to_structured_json(event)) == event
    parts = to_service_bus(event)
    assert from_service_bus(parts.body, content_type=parts.content_type,
                            application_properties=parts.application_properties) == event
    assert from_service_bus(**delivered_by_event_grid(event)) == event
    view = routing_view(event)
    assert (names.KIND_ATTRIBUTE in view) is is_metadata
    assert (f"{amqp.CE_PREFIX_UNDERSCORE}{names.KIND_ATTRIBUTE}" in parts.application_properties) is is_metadata
    assert not {"metadata", "payload", "references"} & {k for k in view if k != "data"}  # personal data stays in data

    # attribute vs body
    contradiction = routing_view(event)
    other = _other_value(data.draw, field, event)
    attribute = ENVELOPE[field]
    if attribute_wins:
        contradiction[attribute] = other
        contradiction["data"][field] = event.to_wire()[field]
    else:
        contradiction["data"][field] = other
    with pytest.raises(AttributeMismatchError, match=attribute):
        from_structured_json(json.dumps(contradiction))

    # the metadata kind
    if not is_metadata:
        claimed = {**view, names.KIND_ATTRIBUTE: kind}
        if attribute_wins:
            del claimed["dataschema"]
        with pytest.raises(AttributeMismatchError, match=names.KIND_ATTRIBUTE):
            from_structured_json(json.dumps(claimed))
    else:
        other_kind = data.draw(st.one_of(st.none(), hostile_scalars))
        marked = dict(view)
        if other_kind is None:
            del marked[names.KIND_ATTRIBUTE]  # dataschema still says MetadataEvent
        else:
            marked[names.KIND_ATTRIBUTE] = other_kind
        try:
            parsed = from_structured_json(json.dumps(marked))
        except VALIDATION_ERRORS:
            parsed = None
        if parsed is not None:
            assert isinstance(parsed, MetadataEvent)
            assert isinstance(other_kind, str) and other_kind.lower() == names.METADATA_KIND

    # Service Bus properties
    message = delivered_by_event_grid(event)
    if property_name == names.SERVICE_BUS_REGION_PROPERTY:
        value = data.draw(st.one_of(code_spellings.map(lambda pair: pair[1]), corrupted_codes(), hostile_scalars))
        agrees = isinstance(value, str) and value.isascii() and value.isalnum() and value.upper() == event.data_region.upper()
    else:
        value = data.draw(st.one_of(st.sampled_from(names.CLASSIFICATIONS), hostile_scalars))
        agrees = value == event.data_classification
    message["application_properties"][property_name] = value
    if agrees:
        assert from_service_bus(**message) == event
    else:
        with pytest.raises(AttributeMismatchError, match=property_name):
            from_service_bus(**message)

    # one attribute under both AMQP prefixes
    props = dict(parts.application_properties)
    second = data.draw(hostile_scalars)
    props[f"{amqp.CE_PREFIX_COLON}{amqp_attribute}"] = second
    if props[f"{amqp.CE_PREFIX_UNDERSCORE}{amqp_attribute}"] == second:
        assert from_service_bus(parts.body, content_type=parts.content_type, application_properties=props) == event
    else:
        with pytest.raises(AttributeMismatchError):
            from_service_bus(parts.body, content_type=parts.content_type, application_properties=props)


def test_a_mapping_error_is_a_validation_error_of_the_library() -> None:
    assert issubclass(AttributeMismatchError, CloudEventMappingError)
    assert issubclass(CloudEventMappingError, EventFormatError) and issubclass(EventFormatError, ValueError)
    assert AttributeMismatchError.reason == names.ATTRIBUTE_MISMATCH_REASON
    assert EventFormatError.reason == names.INVALID_EVENT_REASON
