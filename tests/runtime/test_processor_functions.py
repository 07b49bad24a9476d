"""The processor as the Functions host calls it: azure.functions message objects in, store
appends or compliance-DLQ records out. Never processed, never dropped."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import azure.functions as func
import pytest
from azure.functions.servicebus import ServiceBusMessage  # the class the host builds
from runtime_events import event_grid_queue_message, make_event

from sovereign_components.events import names as contract
from sovereign_components.events.cloudevents_mapping import routing_view, to_service_bus
from sovereign_components.errors import ConfigError
from sovereign_components.events.contract import SovereignEvent
from sovereign_components.events.archive import InMemoryArchive
from sovereign_components.events.processor import INVALID_EVENT_REASON, InMemoryEventStore
from sovereign_components.events.settings import ProcessorSettings

APP_DIR = Path(__file__).resolve().parents[2] / "sovereign_components" / "events" / "functions_app"
ENV = {
    contract.DEPLOYMENT_REGION_SETTING: "westeurope",
    contract.BOUNDARY_SETTING: "EU",
    contract.PROCESSING_QUEUE_SETTING: "sovereign-events",
    contract.COMPLIANCE_DLQ_SETTING: "sovereignty-violations-dlq",
    contract.ARCHIVE_CONTAINER_SETTING: "compliance-archive",
}


class Out:
    """A stand-in for func.Out[str] (what the host hands an output binding)."""

    def __init__(self) -> None:
        self.value: str | None = None

    def set(self, value: str) -> None:
        self.value = value

    def get(self) -> str | None:
        return self.value


@pytest.fixture(scope="module")
def function_app() -> Any:
    sys.path.insert(0, str(APP_DIR))
    try:
        import function_app as module
    finally:
        sys.path.remove(str(APP_DIR))
    return module


@pytest.fixture
def runtime(function_app: Any) -> Iterator[Any]:
    rt = function_app.RUNTIME
    rt.settings = ProcessorSettings.from_env(ENV)
    rt.store = InMemoryEventStore()
    rt.archive = InMemoryArchive()
    yield rt
    rt.settings = rt.store = rt.archive = None


def sb_message(event: SovereignEvent, **overrides: Any) -> ServiceBusMessage:
    parts = to_service_bus(event)
    fields: dict[str, Any] = dict(
        body=parts.body, content_type=parts.content_type, application_properties=parts.application_properties,
        message_id=parts.message_id, session_id=parts.session_id, correlation_id=parts.correlation_id,
        user_properties={}, enqueued_time_utc=dt.datetime(2024, 1, 15, 10, 31, tzinfo=dt.timezone.utc),
    )
    fields.update(overrides)
    return ServiceBusMessage(**fields)


def test_functions_are_declared_with_contract_names(function_app: Any) -> None:
    functions = {f.get_function_name(): f.get_bindings_dict()["bindings"] for f in function_app.app.get_functions()}
    assert set(functions) == {
        contract.SESSION_QUEUE_FUNCTION_NAME, contract.EVENT_GRID_FUNCTION_NAME, contract.DLQ_ARCHIVER_FUNCTION_NAME,
    }
    trigger = next(b for b in functions[contract.SESSION_QUEUE_FUNCTION_NAME] if b["type"] == "serviceBusTrigger")
    assert trigger["isSessionsEnabled"] is True
    assert trigger["queueName"] == f"%{contract.PROCESSING_QUEUE_SETTING}%"
    assert trigger["connection"] == contract.SERVICE_BUS_CONNECTION  # identity-based prefix, no key
    archiver = functions[contract.DLQ_ARCHIVER_FUNCTION_NAME][0]
    assert archiver["queueName"] == f"%{contract.COMPLIANCE_DLQ_SETTING}%"


def test_in_boundary_event_is_appended(function_app: Any, runtime: Any) -> None:
    dlq = Out()
    event = make_event("EU")
    function_app.process_session_queue(sb_message(event), dlq)
    assert runtime.store.events == {event.id: event}
    assert dlq.value is None


def test_redelivery_is_idempotent(function_app: Any, runtime: Any) -> None:
    event = make_event("northeurope")
    for _ in range(2):
        function_app.process_session_queue(sb_message(event), Out())
    assert list(runtime.store.events) == [event.id]


def test_foreign_event_is_dead_lettered_not_processed(function_app: Any, runtime: Any) -> None:
    dlq = Out()
    event = make_event("US", id="evt-us")
    function_app.process_session_queue(sb_message(event), dlq)
    assert runtime.store.events == {}  # never processed
    record = json.loads(dlq.value)     # never dropped
    assert record["deadLetterReason"] == contract.SOVEREIGNTY_VIOLATION_REASON
    assert "evt-us" in record["deadLetterErrorDescription"] and "westeurope" in record["deadLetterErrorDescription"]
    assert record["originalMessage"]["messageId"] == "evt-us"
    assert json.loads(record["originalMessage"]["body"])["payload"] == event.payload


def test_invalid_message_is_dead_lettered(function_app: Any, runtime: Any) -> None:
    dlq = Out()
    msg = ServiceBusMessage(body=b"not json", content_type="application/json", application_properties={},
                                 message_id="m-1", user_properties={})
    function_app.process_session_queue(msg, dlq)
    record = json.loads(dlq.value)
    assert record["deadLetterReason"] == INVALID_EVENT_REASON and record["originalMessage"]["body"] == "not json"


def test_property_contradicting_content_is_dead_lettered(function_app: Any, runtime: Any) -> None:
    """A US message relabelled DataRegion=EU must not pass the guard on the label."""
    event = make_event("US")
    msg = sb_message(event)
    props = {**msg.application_properties, contract.SERVICE_BUS_REGION_PROPERTY: "EU"}
    dlq = Out()
    function_app.process_session_queue(sb_message(event, application_properties=props), dlq)
    assert runtime.store.events == {}
    assert json.loads(dlq.value)["deadLetterReason"] == contract.ATTRIBUTE_MISMATCH_REASON


def eg_message(event: SovereignEvent, **property_overrides: Any) -> ServiceBusMessage:
    return ServiceBusMessage(**event_grid_queue_message(event, **property_overrides), user_properties={},
                             enqueued_time_utc=dt.datetime(2024, 1, 15, 10, 31, tzinfo=dt.timezone.utc))


def test_event_grid_delivery_to_the_session_queue_is_processed(function_app: Any, runtime: Any) -> None:
    """The plane's default path: Event Grid -> processing queue (structured CloudEvent body,
    application/json, SessionId/DataRegion/DataClassification from the delivery mappings)."""
    event = make_event("EU", id="evt-eg-queue")
    msg = eg_message(event)
    assert msg.session_id == event.aggregate_id  # one session per aggregate: strict order
    assert msg.application_properties == {contract.SERVICE_BUS_REGION_PROPERTY: "EU",
                                          contract.SERVICE_BUS_CLASSIFICATION_PROPERTY: "Confidential"}
    dlq = Out()
    function_app.process_session_queue(msg, dlq)
    assert runtime.store.events == {event.id: event}
    assert dlq.value is None


def test_event_grid_delivery_relabelled_is_refused(function_app: Any, runtime: Any) -> None:
    """A US event whose DataRegion property says EU: the label contradicts the body."""
    event = make_event("US", id="evt-relabelled")
    dlq = Out()
    function_app.process_session_queue(eg_message(event, **{contract.SERVICE_BUS_REGION_PROPERTY: "EU"}), dlq)
    assert runtime.store.events == {}
    record = json.loads(dlq.value)
    assert record["deadLetterReason"] == contract.ATTRIBUTE_MISMATCH_REASON
    assert contract.SERVICE_BUS_REGION_PROPERTY in record["deadLetterErrorDescription"]


def test_event_grid_delivery_of_a_foreign_event_is_a_sovereignty_violation(function_app: Any, runtime: Any) -> None:
    dlq = Out()
    function_app.process_session_queue(eg_message(make_event("eastus", id="evt-eg-us")), dlq)
    assert runtime.store.events == {}
    assert json.loads(dlq.value)["deadLetterReason"] == contract.SOVEREIGNTY_VIOLATION_REASON


def test_store_failure_raises_so_the_host_retries(function_app: Any, runtime: Any) -> None:
    class Broken:
        def append(self, event: SovereignEvent) -> bool:
            raise ConnectionError("cosmos unavailable")

    runtime.store = Broken()
    with pytest.raises(ConnectionError):
        function_app.process_session_queue(sb_message(make_event("EU")), Out())


def cloud_event(event: SovereignEvent) -> func.CloudEvent:
    doc = routing_view(event)
    known = {"specversion", "id", "source", "type", "time", "subject", "datacontenttype", "dataschema", "data"}
    return func.CloudEvent(
        id=doc["id"], source=doc["source"], type=doc["type"], specversion=doc["specversion"],
        time=dt.datetime.fromisoformat(doc["time"].replace("Z", "+00:00")), subject=doc["subject"],
        datacontenttype=doc["datacontenttype"], dataschema=doc["dataschema"], data=doc["data"],
        **{k: v for k, v in doc.items() if k not in known},
    )


def test_event_grid_cloudevent_variant(function_app: Any, runtime: Any) -> None:
    eu, us = make_event("EU", id="evt-eu"), make_event("eastus", id="evt-us")
    function_app.process_event_grid(cloud_event(eu), Out())
    dlq = Out()
    function_app.process_event_grid(cloud_event(us), dlq)
    assert list(runtime.store.events) == ["evt-eu"]
    assert runtime.store.events["evt-eu"] == eu
    assert json.loads(dlq.value)["deadLetterReason"] == contract.SOVEREIGNTY_VIOLATION_REASON


def test_event_grid_schema_variant(function_app: Any, runtime: Any) -> None:
    event = make_event("EU", id="evt-eg")
    eg = func.EventGridEvent(id=event.id, data=event.to_wire(), topic="/topics/eu-events", subject="Order/order-1",
                             event_type="OrderPlaced", event_time=None, data_version="1")
    function_app.process_event_grid(eg, Out())
    assert runtime.store.events["evt-eg"] == event


def test_dlq_archiver_writes_one_blob_per_message(function_app: Any, runtime: Any) -> None:
    dlq = Out()
    function_app.process_session_queue(sb_message(make_event("US", id="evt-x")), dlq)
    forwarded = ServiceBusMessage(
        body=dlq.value.encode(), content_type=None, application_properties={}, message_id="dlq-1", user_properties={},
        enqueued_time_utc=dt.datetime(2024, 1, 15, 10, 32, tzinfo=dt.timezone.utc), sequence_number=41,
    )
    function_app.archive_dead_letters(forwarded)
    function_app.archive_dead_letters(forwarded)  # redelivery: same name, found, no second blob
    (name,) = runtime.archive.blobs
    assert name.startswith(f"{contract.SOVEREIGNTY_VIOLATION_REASON}/2024/01/15/{41:020d}-")
    stored = json.loads(runtime.archive.blobs[name])
    assert stored["eventId"] == "evt-x"
    assert {k: stored["complianceDlqMessage"][k] for k in ("messageId", "sequenceNumber", "enqueuedTime")} == {
        "messageId": "dlq-1", "sequenceNumber": 41, "enqueuedTime": "2024-01-15T10:32:00Z"}


def test_native_dead_letter_is_archived_with_its_reason(function_app: Any, runtime: Any) -> None:
    msg = ServiceBusMessage(
        body=b"{}", content_type="application/json", application_properties={}, message_id="m/7", user_properties={},
        dead_letter_reason="MaxDeliveryCountExceeded", dead_letter_error_description="10 attempts",
        enqueued_time_utc=dt.datetime(2024, 2, 1, tzinfo=dt.timezone.utc), sequence_number=7,
    )
    function_app.archive_dead_letters(msg)
    (name,) = runtime.archive.blobs
    assert name.startswith(f"MaxDeliveryCountExceeded/2024/02/01/{7:020d}-") and "m/7" not in name
    record = json.loads(runtime.archive.blobs[name])
    assert record["deadLetterErrorDescription"] == "10 attempts"
    assert record["originalMessage"]["messageId"] == "m/7" and record["deadLetteredAt"] == "2024-02-01T00:00:00Z"


@pytest.mark.parametrize(
    ("env", "key"),
    [
        ({}, contract.DEPLOYMENT_REGION_SETTING),
        ({contract.DEPLOYMENT_REGION_SETTING: "atlantis"}, contract.DEPLOYMENT_REGION_SETTING),
        ({contract.DEPLOYMENT_REGION_SETTING: "eastus", contract.BOUNDARY_SETTING: "EU"}, contract.BOUNDARY_SETTING),
        ({contract.DEPLOYMENT_REGION_SETTING: "eastus", contract.BOUNDARY_SETTING: "Mars"}, contract.BOUNDARY_SETTING),
    ],
)
def test_bad_settings_name_the_key(env: dict[str, str], key: str) -> None:
    with pytest.raises(ConfigError) as info:
        ProcessorSettings.from_env(env)
    assert info.value.key == key
