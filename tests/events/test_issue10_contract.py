"""Issue 10, "Why" bullets of the event runtime, one regression test each, at the library level
(the Functions app and the CLI have theirs in tests/runtime): the exact inputs the issue names."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pydantic import ValidationError

from sovereign_components.events import names
from sovereign_components.events.archive import DeadLetteredMessage, InMemoryArchive, archive_dead_letter
from sovereign_components.events.cloudevents_mapping import (
    from_service_bus,
    from_structured_json,
    routing_view,
    to_structured_json,
)
from sovereign_components.events.contract import SovereignEvent, event_from_json, format_validation_error
from sovereign_components.events.errors import AttributeMismatchError, CloudEventMappingError, EventFormatError
from sovereign_components.events.processor import InMemoryEventStore, process_message
from sovereign_components.events.settings import ProcessorSettings

SETTINGS = ProcessorSettings.from_env({names.DEPLOYMENT_REGION_SETTING: "westeurope", names.BOUNDARY_SETTING: "EU"})


@pytest.fixture
def event(seed: dict[str, Any]) -> SovereignEvent:
    return SovereignEvent.model_validate(seed)


# --- routing attributes and body can disagree ---------------------------------------------------


def test_attribute_internal_body_confidential_is_refused_not_won_by_the_body(event: SovereignEvent) -> None:
    document = routing_view(event)
    document[names.CLASSIFICATION_ATTRIBUTE] = "Internal"
    document["data"]["dataClassification"] = "Confidential"
    with pytest.raises(AttributeMismatchError, match="dataclassification='Internal'"):
        from_structured_json(json.dumps(document))
    disposition = process_message(json.dumps(document), content_type="application/cloudevents+json",
                                  application_properties={}, settings=SETTINGS, store=InMemoryEventStore())
    assert disposition.reason == names.ATTRIBUTE_MISMATCH_REASON


@pytest.mark.parametrize(("attribute", "field", "value"), [
    (names.REGION_ATTRIBUTE, "dataRegion", "US"), ("id", "id", "evt-other"), ("type", "eventType", "OrderCancelled"),
])
def test_region_id_and_type_attributes_must_agree_with_the_body(
    event: SovereignEvent, attribute: str, field: str, value: str
) -> None:
    document = routing_view(event)
    document["data"][field] = value
    with pytest.raises(AttributeMismatchError, match=attribute):
        from_structured_json(json.dumps(document))


def test_a_subject_naming_another_aggregate_is_refused(event: SovereignEvent) -> None:
    document = {**routing_view(event), "subject": "Order/someone-else"}
    with pytest.raises(AttributeMismatchError, match="subject"):
        from_structured_json(json.dumps(document))


def test_a_full_event_marked_as_metadata_is_refused(event: SovereignEvent) -> None:
    document = {**routing_view(event), names.KIND_ATTRIBUTE: names.METADATA_KIND}
    with pytest.raises(AttributeMismatchError, match=names.KIND_ATTRIBUTE):
        from_structured_json(json.dumps(document))


def test_duplicate_keys_are_refused_not_resolved_to_the_last(event: SovereignEvent) -> None:
    text = to_structured_json(event).decode()
    twice = text[:-1] + f', "{names.REGION_ATTRIBUTE}": "US"}}'
    with pytest.raises(CloudEventMappingError, match="appears twice"):
        from_structured_json(twice)


# --- malformed messages raise raw exceptions ------------------------------------------------------


@pytest.mark.parametrize(("body", "fragment"), [
    ("eventversion²", "eventVersion"),
    ('{"a": ' + "1" * 5000 + "}", "at most 100"),
    ("[" * 5000 + "]" * 5000, "deeper than 128"),
    (b"\xff\xfe{", "not UTF-8"),
    ("not json", "not JSON"),
    ('"a string"', "valid dictionary"),
    ("NaN", "NaN"),
])
def test_malformed_input_is_a_validation_error(event: SovereignEvent, body: Any, fragment: str) -> None:
    if body == "eventversion²":
        body = json.dumps({**routing_view(event), "eventversion": "²"})
        parse: Any = from_structured_json
    else:
        parse = event_from_json
    with pytest.raises((ValidationError, EventFormatError)) as info:
        parse(body)
    message = format_validation_error(info.value) if isinstance(info.value, ValidationError) else str(info.value)
    assert fragment in message
    disposition = process_message(body, content_type="application/json", application_properties={},
                                  settings=SETTINGS, store=InMemoryEventStore(), message_id="m-1")
    assert disposition.reason == names.INVALID_EVENT_REASON and disposition.description


def test_a_missing_time_is_not_invented(event: SovereignEvent) -> None:
    """The CloudEvents SDK fills a missing ``time`` (and ``id``) with now (a fresh uuid): the
    contract's timestamp would be made up."""
    document = routing_view(event)
    del document["time"]
    with pytest.raises(CloudEventMappingError, match="time"):
        from_structured_json(json.dumps(document))


# --- Unicode spaces and control characters in region/classification codes -------------------------


@pytest.mark.parametrize(("field", "value"), [
    ("dataRegion", "EU\u2003"), ("dataRegion", "West\u00a0Europe"), ("dataRegion", "EU\x00"), ("dataRegion", " EU"),
    ("dataRegion", "West Europe"), ("dataClassification", "Internal\u2003"), ("dataClassification", "Public\n"),
])
def test_codes_with_spaces_or_control_characters_are_refused(seed: dict[str, Any], field: str, value: str) -> None:
    with pytest.raises(ValidationError) as info:
        event_from_json({**seed, field: value})
    assert format_validation_error(info.value).startswith(field)


def test_a_display_name_is_refused_with_the_spelling_event_grid_matches(seed: dict[str, Any]) -> None:
    with pytest.raises(ValidationError, match="write it as 'westeurope'"):
        event_from_json({**seed, "dataRegion": "West Europe"})
    assert event_from_json({**seed, "dataRegion": "WESTEUROPE"}).data_region == "westeurope"


def test_a_relabelled_region_property_with_a_unicode_space_is_refused(event: SovereignEvent) -> None:
    with pytest.raises(AttributeMismatchError, match="DataRegion"):
        from_service_bus(to_structured_json(event), content_type="application/json",
                         application_properties={names.SERVICE_BUS_REGION_PROPERTY: "EU\u2003"})


# --- the compliance archive loses messages ------------------------------------------------------


@pytest.mark.parametrize("ids", [("order/1", "order?1"), ("order 1", "order-1"), ("evt-1", "evt-1")])
def test_ids_that_collided_on_the_same_day_become_two_blobs(ids: tuple[str, str]) -> None:
    from datetime import datetime, timezone

    writer = InMemoryArchive()
    day = datetime(2024, 1, 15, 10, tzinfo=timezone.utc)
    for sequence, (message_id, body) in enumerate(zip(ids, (b'{"n": 1}', b'{"n": 2}'))):
        archive_dead_letter(DeadLetteredMessage(body=body, content_type="application/json", message_id=message_id,
                                                enqueued_time=day, dead_letter_reason="MaxDeliveryCountExceeded",
                                                sequence_number=sequence),
                            writer, deployment_region="westeurope", source="servicebus:dlq")
    assert len(writer.blobs) == 2


@pytest.mark.parametrize(("message_id", "reason"), [(None, "MaxDeliveryCountExceeded"), ("m-1", 42), (None, None)])
def test_a_missing_id_or_a_numeric_reason_is_archived(message_id: str | None, reason: Any) -> None:
    writer = InMemoryArchive()
    name = archive_dead_letter(
        DeadLetteredMessage(body=b"x", content_type=None, message_id=message_id, dead_letter_reason=reason),
        writer, deployment_region="westeurope", source="servicebus:dlq")
    assert name.startswith(f"{reason if reason is not None else 'Unknown'}/undated/noseq-")
    assert json.loads(writer.blobs[name])["deadLetterReason"] == reason


def test_a_forwarded_record_with_a_numeric_or_path_like_reason_is_archived_in_a_safe_folder() -> None:
    writer = InMemoryArchive()
    for reason in (7, "../../../etc", "a/b\\c"):
        record = {"deadLetterReason": reason, "originalMessage": {"body": "{}"}}
        name = archive_dead_letter(DeadLetteredMessage(body=json.dumps(record).encode(), content_type=None,
                                                       message_id="m"), writer,
                                   deployment_region="westeurope", source="servicebus:dlq")
        folder = name.split("/")[0]
        assert folder.replace("-", "").isalnum() and ".." not in name and "\\" not in name
    assert len(writer.blobs) == 3
