"""Issue 10, "Why" bullets of the event runtime, through the deployed Functions app and the
`sovereign route` CLI: a conflicting event is not acknowledged as a redelivery, a message
without its session id or with the wrong one is not processed, Event Grid data that is not JSON
and every malformed message become dead letters with a reason, and the archive keeps every
dead letter."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import azure.functions as func
import pytest
from azure.functions.servicebus import ServiceBusMessage
from runtime_events import event_grid_queue_message, make_event

from sovereign_components.events import names
from sovereign_components.events.archive import InMemoryArchive
from sovereign_components.events.cloudevents_mapping import routing_view
from sovereign_components.events.processor import InMemoryEventStore
from sovereign_components.events.settings import ProcessorSettings
from sovereign_components.gate.cli import main

APP_DIR = Path(__file__).resolve().parents[2] / "sovereign_components" / "events" / "functions_app"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "events"
ROUTING_PROGRAM = Path(__file__).resolve().parent / "routing_program"
ENV = {names.DEPLOYMENT_REGION_SETTING: "westeurope", names.BOUNDARY_SETTING: "EU",
       names.COMPLIANCE_DLQ_SETTING: "sovereignty-violations-dlq"}
WHEN = dt.datetime(2024, 1, 15, 10, 31, tzinfo=dt.timezone.utc)


class Out:
    def __init__(self) -> None:
        self.value: str | None = None

    def set(self, value: str) -> None:
        self.value = value


@pytest.fixture(scope="module")
def app() -> Any:
    sys.path.insert(0, str(APP_DIR))
    try:
        import function_app as module
    finally:
        sys.path.remove(str(APP_DIR))
    return module


@pytest.fixture
def runtime(app: Any) -> Iterator[Any]:
    rt = app.RUNTIME
    rt.settings = ProcessorSettings.from_env(ENV)
    rt.store = InMemoryEventStore()
    rt.archive = InMemoryArchive()
    yield rt
    rt.settings = rt.store = rt.archive = None


def queue_message(event: Any = None, *, body: bytes | None = None, session_id: Any = "default", **props: Any) -> ServiceBusMessage:
    if body is None:
        fields = event_grid_queue_message(event, **props)
    else:
        fields = {"body": body, "content_type": "application/json", "application_properties": dict(props),
                  "message_id": "m-1", "session_id": None}
    if session_id != "default":
        fields["session_id"] = session_id
    return ServiceBusMessage(**fields, user_properties={}, enqueued_time_utc=WHEN)


def dead_letter(app: Any, message: ServiceBusMessage) -> dict[str, Any] | None:
    out = Out()
    app.process_session_queue(message, out)
    return json.loads(out.value) if out.value else None


def test_same_id_different_payload_is_an_idempotency_conflict(app: Any, runtime: Any) -> None:
    first = make_event("EU", id="evt-dup", payload={"total": 10})
    second = make_event("EU", id="evt-dup", payload={"total": 99999})
    assert dead_letter(app, queue_message(first)) is None
    assert dead_letter(app, queue_message(first)) is None  # a redelivery: acknowledged, stored once
    record = dead_letter(app, queue_message(second))
    assert record is not None and record["deadLetterReason"] == names.IDEMPOTENCY_CONFLICT_REASON
    assert "payload" in record["deadLetterErrorDescription"]
    assert runtime.store.events == {"evt-dup": first}  # the stored event is kept, never replaced
    assert json.loads(record["originalMessage"]["body"])["data"]["payload"] == {"total": 99999}  # nothing lost


@pytest.mark.parametrize("session_id", [None, "", "order-2"])
def test_a_missing_or_mismatched_session_id_is_not_processed(app: Any, runtime: Any, session_id: Any) -> None:
    record = dead_letter(app, queue_message(make_event("EU"), session_id=session_id))
    assert record is not None and record["deadLetterReason"] == names.ATTRIBUTE_MISMATCH_REASON
    assert "session" in record["deadLetterErrorDescription"] and runtime.store.events == {}


@pytest.mark.parametrize("body", [
    b'{"a": ' + b"1" * 5000 + b"}", b"[" * 5000 + b"]" * 5000, b"\xff\xfe\x00", b"not json", b'"a string"', b"NaN",
])
def test_malformed_bodies_are_dead_lettered_with_a_reason(app: Any, runtime: Any, body: bytes) -> None:
    record = dead_letter(app, queue_message(body=body))
    assert record is not None and record["deadLetterReason"] == names.INVALID_EVENT_REASON
    assert record["deadLetterErrorDescription"]
    kept = record["originalMessage"]
    import base64
    assert (kept["body"].encode() if "body" in kept else base64.b64decode(kept["bodyBase64"])) == body


def test_a_superscript_event_version_is_dead_lettered(app: Any, runtime: Any) -> None:
    document = {**routing_view(make_event("EU")), "eventversion": "²"}
    record = dead_letter(app, queue_message(body=json.dumps(document).encode()))
    assert record["deadLetterReason"] == names.INVALID_EVENT_REASON and "eventVersion" in record["deadLetterErrorDescription"]


@pytest.mark.parametrize("value", ["EU\u2003", "West\u00a0Europe", "EU\x00"])
def test_a_region_property_with_a_unicode_space_or_control_character_is_refused(app: Any, runtime: Any, value: str) -> None:
    record = dead_letter(app, queue_message(make_event("EU"), **{names.SERVICE_BUS_REGION_PROPERTY: value}))
    assert record["deadLetterReason"] == names.ATTRIBUTE_MISMATCH_REASON and runtime.store.events == {}


def test_attribute_and_body_disagreement_is_dead_lettered_as_attribute_mismatch(app: Any, runtime: Any) -> None:
    document = routing_view(make_event("EU", data_classification="Confidential"))
    document[names.CLASSIFICATION_ATTRIBUTE] = "Internal"
    document["data"]["dataClassification"] = "Confidential"
    record = dead_letter(app, queue_message(body=json.dumps(document).encode(), session_id="order-1"))
    assert record["deadLetterReason"] == names.ATTRIBUTE_MISMATCH_REASON


@pytest.mark.parametrize("data", ["not json", 42, ["a", "list"], None])
def test_event_grid_data_that_is_not_an_event_object_is_dead_lettered(app: Any, runtime: Any, data: Any) -> None:
    out = Out()
    app.process_event_grid(func.EventGridEvent(id="eg-1", data=data, topic="/t", subject="Order/order-1",
                                               event_type="OrderPlaced", event_time=None, data_version="1"), out)
    record = json.loads(out.value)
    assert record["deadLetterReason"] == names.INVALID_EVENT_REASON and record["eventId"] == "eg-1"
    assert runtime.store.events == {}


def test_an_event_grid_event_whose_id_or_type_contradicts_its_data_is_refused(app: Any, runtime: Any) -> None:
    event = make_event("EU", id="evt-eg")
    for overrides in ({"id": "evt-other"}, {"event_type": "OrderCancelled"}, {"subject": "Order/someone-else"}):
        fields = {"id": event.id, "data": event.to_wire(), "topic": "/t", "subject": "Order/order-1",
                  "event_type": "OrderPlaced", "event_time": None, "data_version": "1", **overrides}
        out = Out()
        app.process_event_grid(func.EventGridEvent(**fields), out)
        assert json.loads(out.value)["deadLetterReason"] == names.ATTRIBUTE_MISMATCH_REASON
    assert runtime.store.events == {}


def test_event_grid_cloudevent_with_data_that_is_not_an_object_is_dead_lettered(app: Any, runtime: Any) -> None:
    doc = routing_view(make_event("EU"))
    extensions = {k: v for k, v in doc.items() if k not in {"specversion", "id", "source", "type", "time", "subject",
                                                            "datacontenttype", "dataschema", "data"}}
    out = Out()
    app.process_event_grid(func.CloudEvent(id=doc["id"], source=doc["source"], type=doc["type"], specversion="1.0",
                                           time=WHEN, subject=doc["subject"], data="not json", **extensions), out)
    assert json.loads(out.value)["deadLetterReason"] == names.INVALID_EVENT_REASON


@pytest.mark.parametrize("ids", [("order/1", "order?1"), ("order 1", "order-1"), ("evt-1", "evt-1"), (None, None)])
def test_the_archiver_keeps_both_dead_letters_whose_ids_collided(app: Any, runtime: Any, ids: tuple[Any, Any]) -> None:
    for sequence, (message_id, reason) in enumerate(zip(ids, ("MaxDeliveryCountExceeded", "MaxDeliveryCountExceeded"))):
        app.archive_dead_letters(ServiceBusMessage(
            body=f'{{"n": {sequence}}}'.encode(), content_type="application/json", application_properties={},
            message_id=message_id, user_properties={}, dead_letter_reason=reason, enqueued_time_utc=WHEN,
            sequence_number=100 + sequence,
        ))
    assert len(runtime.archive.blobs) == 2


# --- `sovereign route`: what it refuses to route ------------------------------------------------------


@pytest.mark.parametrize("tamper", ["mismatch", "kind", "unicode-space", "duplicate-key"])
def test_route_refuses_an_event_file_that_contradicts_itself(tamper: str, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    event = json.loads((EXAMPLES / "eu-order.json").read_text())
    document = routing_view(make_event("EU", data_classification="Confidential"))
    if tamper == "mismatch":
        document[names.CLASSIFICATION_ATTRIBUTE] = "Internal"
        document["data"]["dataClassification"] = "Confidential"
        text = json.dumps(document)
    elif tamper == "kind":
        text = json.dumps({**document, names.KIND_ATTRIBUTE: names.METADATA_KIND,
                           names.CLASSIFICATION_ATTRIBUTE: "Internal"})
    elif tamper == "unicode-space":
        text = json.dumps({**event, "dataRegion": "EU\u2003"})
    else:
        text = json.dumps(document)[:-1] + ', "dataclassification": "Public"}'
    path = tmp_path / "event.json"
    path.write_text(text, encoding="utf-8")
    assert main(["route", str(path), "--stack", "eu", "--cwd", str(ROUTING_PROGRAM)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err and str(path) in err
