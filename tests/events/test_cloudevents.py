"""CloudEvents 1.0 mapping: structured and Service Bus binary round trips, the attributes the
Event Grid filter matches, and messages whose properties contradict their content."""

from __future__ import annotations

import json
from typing import Any

import pytest
from cloudevents.core.bindings import amqp

from sovereign_components.events import names as contract
from sovereign_components.geo.boundary import get_boundary
from sovereign_components.events.cloudevents_mapping import (
    AttributeMismatchError,
    CloudEventMappingError,
    from_service_bus,
    from_structured_json,
    routing_view,
    to_cloudevent,
    to_service_bus,
    to_structured_json,
)
from sovereign_components.events.contract import SovereignEvent
from sovereign_components.events.projection import to_metadata
from sovereign_components.events.routing import evaluate_filter


@pytest.fixture
def event(seed: dict[str, Any]) -> SovereignEvent:
    return SovereignEvent.model_validate(seed)


def test_structured_round_trip(event: SovereignEvent) -> None:
    body = to_structured_json(event)
    document = json.loads(body)
    assert document["specversion"] == "1.0" and document["id"] == "evt-12345"
    assert document["type"] == "OrderPlaced" and document["time"] == "2024-01-15T10:30:00Z"
    assert from_structured_json(body) == event


def test_binary_service_bus_round_trip(event: SovereignEvent) -> None:
    parts = to_service_bus(event)
    props = parts.application_properties
    assert props[contract.SERVICE_BUS_REGION_PROPERTY] == "EU"
    assert props[contract.SERVICE_BUS_CLASSIFICATION_PROPERTY] == "Confidential"
    assert props[f"{amqp.CE_PREFIX_UNDERSCORE}{contract.REGION_ATTRIBUTE}"] == "EU"
    assert parts.session_id == event.aggregate_id and parts.message_id == event.id
    assert json.loads(parts.body)["payload"] == event.payload  # body = data
    back = from_service_bus(parts.body, content_type=parts.content_type, application_properties=props)
    assert back == event


def test_binary_accepts_the_colon_prefix(event: SovereignEvent) -> None:
    parts = to_service_bus(event)
    colon = {
        (k.replace(amqp.CE_PREFIX_UNDERSCORE, amqp.CE_PREFIX_COLON, 1) if k.startswith(amqp.CE_PREFIX_UNDERSCORE) else k): v
        for k, v in parts.application_properties.items()
    }
    assert from_service_bus(parts.body, content_type=parts.content_type, application_properties=colon) == event


def test_microseconds_survive_binary_mode(seed: dict[str, Any]) -> None:
    event = SovereignEvent.model_validate({**seed, "timestamp": "2024-01-15T10:30:00.123456Z"})
    parts = to_service_bus(event)
    back = from_service_bus(parts.body, content_type=parts.content_type, application_properties=parts.application_properties)
    assert back.timestamp == event.timestamp


def test_plain_event_json_is_accepted(event: SovereignEvent) -> None:
    assert from_service_bus(event.to_json(), content_type="application/json", application_properties={}) == event


def test_personal_fields_are_never_attributes(event: SovereignEvent) -> None:
    attributes = to_cloudevent(event).get_attributes()
    flat = json.dumps({k: str(v) for k, v in attributes.items()})
    assert "user-33333" not in flat and "10.0.0.1" not in flat and "cust-44444" not in flat


def test_metadata_event_round_trips(event: SovereignEvent) -> None:
    meta = to_metadata(event, references={"orderReference": "order-67890", "skus": ["A1", "B2"]})
    assert from_structured_json(to_structured_json(meta)) == meta
    parts = to_service_bus(meta)
    assert from_service_bus(parts.body, content_type=parts.content_type, application_properties=parts.application_properties) == meta


def test_contradicting_region_property_is_refused(event: SovereignEvent) -> None:
    parts = to_service_bus(event)
    props = {**parts.application_properties, contract.SERVICE_BUS_REGION_PROPERTY: "US"}
    with pytest.raises(CloudEventMappingError, match="DataRegion"):
        from_service_bus(parts.body, content_type=parts.content_type, application_properties=props)


def test_region_property_in_another_letter_case_agrees(seed: dict[str, Any]) -> None:
    """Event Grid compares case-insensitively, so a property that differs only in case names
    the same region; a display name with a space would match no filter and is refused."""
    event = SovereignEvent.model_validate({**seed, "dataRegion": "westeurope"})
    props = {contract.SERVICE_BUS_REGION_PROPERTY: "WestEurope"}
    assert from_service_bus(event.to_json(), content_type="application/json", application_properties=props) == event
    for spelling in ("West Europe", "westeurope ", "west\u00a0europe", "westeurope\x00"):
        with pytest.raises(AttributeMismatchError, match="DataRegion"):
            from_service_bus(event.to_json(), content_type="application/json",
                             application_properties={contract.SERVICE_BUS_REGION_PROPERTY: spelling})


def test_missing_extension_is_an_error(event: SovereignEvent) -> None:
    document = json.loads(to_structured_json(event))
    del document[contract.REGION_ATTRIBUTE]
    with pytest.raises(CloudEventMappingError, match=contract.REGION_ATTRIBUTE):
        from_structured_json(json.dumps(document))


@pytest.mark.parametrize("code", ["EU", "US"])
def test_event_plane_filter_and_mapping_agree(seed: dict[str, Any], code: str) -> None:
    """The filter the RegionalEventPlane configures (StringIn on REGION_ATTRIBUTE with the
    boundary's filter_values) admits the seed exactly when the boundary is the event's."""
    plane_filter = {"advancedFilters": [{
        "operatorType": "StringIn", "key": contract.REGION_ATTRIBUTE, "values": get_boundary(code).filter_values(),
    }]}
    result = evaluate_filter(plane_filter, routing_view(SovereignEvent.model_validate(seed)))
    assert result.matched is (code == "EU")


# --- what Event Grid delivers to the processing queue (RegionalEventPlane's default path) ------


@pytest.mark.parametrize(
    "content_type",
    ["application/json", "application/json; charset=utf-8", None, "application/cloudevents+json; charset=UTF-8",
     "Application/CloudEvents+JSON"],
)
def test_structured_body_is_recognised_by_specversion_whatever_the_content_type(
    event: SovereignEvent, content_type: str | None
) -> None:
    body = to_structured_json(event)
    props = {contract.SERVICE_BUS_REGION_PROPERTY: "EU", contract.SERVICE_BUS_CLASSIFICATION_PROPERTY: "Confidential"}
    assert from_service_bus(body, content_type=content_type, application_properties=props) == event


def test_structured_body_with_application_json_is_not_read_as_a_plain_event(event: SovereignEvent) -> None:
    """Without the specversion check the CloudEvent would be validated as a plain contract
    event and fail (its fields are CloudEvents attributes, not the envelope's names)."""
    body = to_structured_json(event)
    assert "aggregateId" not in json.loads(body)
    assert from_service_bus(body, content_type="application/json", application_properties={}).aggregate_id == "order-67890"


def test_structured_body_relabelled_by_the_delivery_mapping_is_refused(event: SovereignEvent) -> None:
    body = to_structured_json(event)
    for name, value in ((contract.SERVICE_BUS_REGION_PROPERTY, "US"), (contract.SERVICE_BUS_CLASSIFICATION_PROPERTY, "Public")):
        with pytest.raises(CloudEventMappingError, match=name):
            from_service_bus(body, content_type="application/json", application_properties={name: value})


def test_invalid_structured_body_is_a_mapping_error(event: SovereignEvent) -> None:
    document = json.loads(to_structured_json(event))
    del document[contract.REGION_ATTRIBUTE]  # an event without a region cannot be guarded
    with pytest.raises(CloudEventMappingError, match=contract.REGION_ATTRIBUTE):
        from_service_bus(json.dumps(document), content_type="application/json", application_properties={})
