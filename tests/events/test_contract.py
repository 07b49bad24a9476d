"""The event contract: the seed validates and round-trips; invalid events fail with errors
that name the field; MetadataEvent cannot hold payload or personal fields."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pydantic import ValidationError

from sovereign_components.events.names import CLASSIFICATIONS
from sovereign_components.events.contract import (
    MetadataEvent,
    SovereignEvent,
    event_from_json,
    event_json_schema,
    format_validation_error,
    metadata_event_json_schema,
)

from events_seed import EXAMPLES, SEED_JSON


def test_seed_validates_with_snake_case_names() -> None:
    event = SovereignEvent.model_validate_json(SEED_JSON)
    assert event.aggregate_id == "order-67890"
    assert event.data_region == "EU"
    assert event.metadata.user_id == "user-33333"
    assert str(event.metadata.client_ip) == "10.0.0.1"
    assert event.timestamp.utcoffset().total_seconds() == 0


def test_seed_round_trips_to_the_same_json(seed: dict[str, Any]) -> None:
    event = SovereignEvent.model_validate(seed)
    assert event.to_wire() == seed  # camelCase keys, same values (150.00 == 150.0)
    assert SovereignEvent.model_validate_json(event.to_json()) == event


def test_populate_by_python_name() -> None:
    event = SovereignEvent(
        id="e1", aggregate_id="a1", aggregate_type="Order", event_type="OrderPlaced", event_version=2,
        timestamp="2024-01-15T10:30:00+00:00", data_region="WestEurope", data_classification="Public",
        causation_id="c1", correlation_id="k1", payload={},
    )
    wire = event.to_wire()
    assert wire["dataRegion"] == "westeurope"  # the case Event Grid ignores is normalised away
    assert wire["timestamp"] == "2024-01-15T10:30:00Z"
    assert "metadata" in wire and wire["metadata"] == {}


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("timestamp", "2024-01-15T10:30:00", "RFC 3339"),            # naive
        ("timestamp", "2024-01-15T11:30:00+01:00", "UTC"),            # other offset
        ("timestamp", "15/01/2024 10:30", "RFC 3339"),                # not RFC 3339
        ("dataRegion", "Atlantis", "neither a sovereignty boundary"),  # unknown region
        ("dataClassification", "Secret", "'Public'"),                 # not a classification
        ("dataClassification", "confidential", "'Confidential'"),     # exact spelling only
        ("eventVersion", 0, "greater than 0"),
        ("eventVersion", "1", "valid integer"),                        # strict: no coercion
        ("eventVersion", True, "valid integer"),
        ("id", "", "at least 1 character"),
        ("id", "evt/1", "pattern"),                                    # Cosmos id forbids '/'
        ("aggregateId", "x" * 129, "at most 128"),                     # Service Bus session id limit
    ],
)
def test_invalid_field_is_named(seed: dict[str, Any], field: str, value: Any, fragment: str) -> None:
    with pytest.raises(ValidationError) as info:
        SovereignEvent.model_validate({**seed, field: value})
    message = format_validation_error(info.value)
    assert message.startswith(f"{field}:"), message
    assert fragment in message


def test_invalid_client_ip(seed: dict[str, Any]) -> None:
    seed["metadata"]["clientIp"] = "10.0.0.300"
    with pytest.raises(ValidationError) as info:
        SovereignEvent.model_validate(seed)
    assert "metadata.clientIp" in format_validation_error(info.value)


def test_unknown_top_level_field_is_refused(seed: dict[str, Any]) -> None:
    seed["dataRegoin"] = seed.pop("dataRegion")
    with pytest.raises(ValidationError) as info:
        SovereignEvent.model_validate(seed)
    text = format_validation_error(info.value)
    assert "dataRegion: Field required" in text and "dataRegoin: Extra inputs" in text


@pytest.mark.parametrize("missing", ["id", "causationId", "correlationId", "payload", "dataClassification"])
def test_required_fields(seed: dict[str, Any], missing: str) -> None:
    del seed[missing]
    with pytest.raises(ValidationError):
        SovereignEvent.model_validate(seed)


def test_metadata_extras_are_kept(seed: dict[str, Any]) -> None:
    seed["metadata"]["userAgent"] = "curl/8"
    event = SovereignEvent.model_validate(seed)
    assert event.to_wire()["metadata"]["userAgent"] == "curl/8"


# --- MetadataEvent ------------------------------------------------------------------------

METADATA_ARGS: dict[str, Any] = dict(
    id="m1", aggregate_id="order-1", aggregate_type="Order", event_type="InventoryReservationRequested",
    event_version=1, timestamp="2024-01-15T10:30:00Z", data_region="EU", causation_id="evt-1",
    correlation_id="corr-1",
)
PERSONAL = {"payload", "metadata", "user_id", "client_ip", "userId", "clientIp"}


def test_metadata_event_has_no_payload_or_personal_fields() -> None:
    assert PERSONAL.isdisjoint(MetadataEvent.model_fields)
    schema = metadata_event_json_schema()
    assert PERSONAL.isdisjoint(schema["properties"]) and schema["additionalProperties"] is False


@pytest.mark.parametrize("extra", [{"payload": {"customerId": "c"}}, {"metadata": {"userId": "u"}}, {"user_id": "u"}])
def test_metadata_event_refuses_personal_content(extra: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        MetadataEvent(**METADATA_ARGS, **extra)
    with pytest.raises(ValidationError):
        MetadataEvent.model_validate({**MetadataEvent(**METADATA_ARGS).to_wire(), **extra})


@pytest.mark.parametrize("classification", [c for c in CLASSIFICATIONS if c not in ("Public", "Internal")])
def test_metadata_event_refuses_regulated_classification(classification: str) -> None:
    with pytest.raises(ValidationError):
        MetadataEvent(**METADATA_ARGS, data_classification=classification)


@pytest.mark.parametrize("value", ["alice@example.com", "free text with spaces"])
def test_references_must_be_opaque_ids(value: str) -> None:
    with pytest.raises(ValidationError):
        MetadataEvent(**METADATA_ARGS, references={"orderReference": value})


def test_event_from_json_picks_the_kind() -> None:
    assert isinstance(event_from_json(SEED_JSON), SovereignEvent)
    assert isinstance(event_from_json((EXAMPLES / "metadata-order.json").read_text()), MetadataEvent)


@pytest.mark.parametrize("name", ["eu-order.json", "us-order.json", "metadata-order.json"])
def test_examples_validate(name: str) -> None:
    event = event_from_json((EXAMPLES / name).read_text())
    assert event.to_wire() == json.loads((EXAMPLES / name).read_text())


def test_json_schema_accepts_the_seed_and_rejects_a_bad_region(seed: dict[str, Any]) -> None:
    import jsonschema

    schema = event_json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    assert list(validator.iter_errors(seed)) == []
    assert list(validator.iter_errors({**seed, "dataRegion": "Atlantis"}))
    assert list(validator.iter_errors({**seed, "dataClassification": "Secret"}))
