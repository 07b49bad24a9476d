"""The regional processor and the DLQ archiver (Azure Functions, Python v2 programming model).

- ``process_session_queue``: Service Bus *session* trigger on the processing queue. Sessions
  are per aggregate (the mapping sets ``session_id`` = ``aggregateId``) and the host processes
  one message per session at a time, so events of one aggregate are applied in order.
- ``process_event_grid``: the Event Grid trigger variant (CloudEvents 1.0 or Event Grid schema).
- ``archive_dead_letters``: Service Bus trigger on the compliance DLQ; every message becomes
  exactly one blob in the immutable archive container, written create-only and never
  overwritten (:mod:`~sovereign_components.events.archive`).

Both processors guard first (:func:`~sovereign_components.events.guard.assert_processable`)
and append to the Cosmos DB event store only what passes. A message of another boundary is
never processed and never dropped: its record (reason ``SovereigntyViolation`` and a
description) is forwarded to the compliance DLQ through a Service Bus output binding in the
same invocation, and the trigger message completes only if that output succeeds. (The plain
Python binding cannot dead-letter with a custom reason; the forwarded record carries it.) The
same holds for every other reason of :mod:`~sovereign_components.events.processor`: malformed
messages, attribute/body or session-id contradictions and idempotency conflicts.
Every connection is identity-based: ``ServiceBusConnection__fullyQualifiedNamespace``,
``ArchiveStorage__blobServiceUri`` and the Cosmos endpoint with ``DefaultAzureCredential``;
no key or connection string is read.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass, field
from typing import Any

import azure.functions as func

from sovereign_components.events import names as contract
from sovereign_components.events.contract import SovereignEvent
from sovereign_components.events.archive import ArchiveWriter, DeadLetteredMessage, archive_dead_letter
from sovereign_components.events.processor import (
    Disposition,
    EventStore,
    OriginalMessage,
    dead_letter_record,
    process_event_grid_event,
    process_message,
)
from sovereign_components.events.settings import ProcessorSettings

app = func.FunctionApp()
log = logging.getLogger("sovereign.processor")


class CosmosEventStore:
    """Appends to the Cosmos DB container (partition key ``/aggregateId``) by managed identity."""

    def __init__(self, endpoint: str, database: str, container: str) -> None:
        from azure.cosmos import CosmosClient
        from azure.identity import DefaultAzureCredential

        client = CosmosClient(endpoint, credential=DefaultAzureCredential())
        self._container = client.get_database_client(database).get_container_client(container)

    def append(self, event: SovereignEvent) -> bool:
        from azure.cosmos.exceptions import CosmosResourceExistsError

        try:
            self._container.create_item(event.to_wire())
        except CosmosResourceExistsError:
            return False  # the id exists in this aggregate's partition: the processor compares
        return True

    def get(self, event_id: str, aggregate_id: str) -> Any:
        """The stored document (partition key = aggregateId), or None. Cosmos DB ids are unique
        per logical partition, so an id reused in *another* aggregate is a second document
        (stored, not lost) rather than a detected conflict."""
        from azure.cosmos.exceptions import CosmosResourceNotFoundError

        try:
            return self._container.read_item(item=event_id, partition_key=aggregate_id)
        except CosmosResourceNotFoundError:
            return None


class BlobArchiveWriter:
    """Writes blobs once into the immutable archive container: ``upload_blob(overwrite=False)``
    sends ``If-None-Match: *``, so the service refuses to replace an existing blob (409
    ``BlobAlreadyExists``) whatever the container's immutability policy is at that moment."""

    def __init__(self, container_client: Any) -> None:
        self._container = container_client

    @classmethod
    def from_identity(cls, account_url: str, container: str) -> "BlobArchiveWriter":
        """The app's writer: the archive account by managed identity (no key, no SAS)."""
        from azure.identity import DefaultAzureCredential
        from azure.storage.blob import BlobServiceClient

        service = BlobServiceClient(account_url=account_url, credential=DefaultAzureCredential())
        return cls(service.get_container_client(container))

    def write(self, name: str, data: bytes) -> bool:
        from azure.core.exceptions import ResourceExistsError

        try:
            self._container.upload_blob(name, data, overwrite=False, content_type="application/json")
        except ResourceExistsError:
            return False  # the name exists: archive_dead_letter reads it back and compares
        return True

    def read(self, name: str) -> bytes | None:
        from azure.core.exceptions import ResourceNotFoundError

        try:
            return bytes(self._container.download_blob(name).readall())
        except ResourceNotFoundError:
            return None


@dataclass
class Runtime:
    """Lazily built dependencies; tests replace ``settings``, ``store`` and ``archive``."""

    settings: ProcessorSettings | None = None
    store: EventStore | None = None
    archive: ArchiveWriter | None = None
    env: dict[str, str] = field(default_factory=lambda: dict(os.environ))

    def get_settings(self) -> ProcessorSettings:
        if self.settings is None:
            self.settings = ProcessorSettings.from_env(self.env)
        return self.settings

    def get_store(self) -> EventStore:
        if self.store is None:
            s = self.get_settings()
            self.store = CosmosEventStore(s.cosmos_endpoint, s.event_store_database, s.event_store_container)
        return self.store

    def get_archive(self) -> ArchiveWriter:
        if self.archive is None:
            url = self.env[f"{contract.ARCHIVE_STORAGE_CONNECTION}__blobServiceUri"]
            self.archive = BlobArchiveWriter.from_identity(url, self.get_settings().archive_container)
        return self.archive


RUNTIME = Runtime()


def _apply(disposition: Disposition, original: OriginalMessage, dlq: func.Out[str], source: str) -> None:
    """Log a completion, or forward the dead-letter record to the compliance DLQ."""
    settings = RUNTIME.get_settings()
    if disposition.dead_lettered:
        record = dead_letter_record(disposition, original, deployment_region=settings.deployment_region, source=source)
        dlq.set(json.dumps(record))
        log.warning("dead-lettered %s: %s: %s", disposition.event_id, disposition.reason, disposition.description)
    else:
        log.info("appended %s (new=%s)", disposition.event_id, disposition.appended)


@app.function_name(contract.SESSION_QUEUE_FUNCTION_NAME)
@app.service_bus_queue_trigger(
    arg_name="msg",
    connection=contract.SERVICE_BUS_CONNECTION,
    queue_name=f"%{contract.PROCESSING_QUEUE_SETTING}%",
    is_sessions_enabled=True,
)
@app.service_bus_queue_output(
    arg_name="dlq",
    connection=contract.SERVICE_BUS_CONNECTION,
    queue_name=f"%{contract.COMPLIANCE_DLQ_SETTING}%",
)
def process_session_queue(msg: func.ServiceBusMessage, dlq: func.Out[str]) -> None:
    properties = dict(msg.application_properties or {})
    disposition = process_message(
        msg.get_body(),
        content_type=msg.content_type,
        application_properties=properties,
        settings=RUNTIME.get_settings(),
        store=RUNTIME.get_store(),
        message_id=msg.message_id,
        session_id=msg.session_id,
        session_required=True,
    )
    original = OriginalMessage(
        body=msg.get_body(), content_type=msg.content_type, message_id=msg.message_id,
        session_id=msg.session_id, correlation_id=msg.correlation_id, application_properties=properties,
    )
    _apply(disposition, original, dlq, source=f"servicebus:{RUNTIME.get_settings().processing_queue}")


def _event_grid_cloud_event_body(event: Any) -> bytes:
    """A delivered CloudEvent as the structured JSON the processor decodes (what the topic
    received). Any value that does not serialise is written as text: the decoder then refuses
    the event with a reason instead of this function raising."""
    document: dict[str, Any] = {
        "specversion": event.specversion, "id": event.id, "source": event.source, "type": event.type,
        "time": event.time.isoformat().replace("+00:00", "Z") if event.time else None,
        "subject": event.subject, "datacontenttype": event.datacontenttype,
        "dataschema": event.dataschema, **event.extension_attrs, "data": event.get_json(),
    }
    document = {k: v for k, v in document.items() if v is not None}
    return json.dumps(document, default=str).encode("utf-8", "surrogatepass")


@app.function_name(contract.EVENT_GRID_FUNCTION_NAME)
@app.event_grid_trigger(arg_name="event")
@app.service_bus_queue_output(
    arg_name="dlq",
    connection=contract.SERVICE_BUS_CONNECTION,
    queue_name=f"%{contract.COMPLIANCE_DLQ_SETTING}%",
)
def process_event_grid(event: func.EventGridEvent, dlq: func.Out[str]) -> None:
    """CloudEvents 1.0 events are decoded as structured CloudEvents (attributes checked
    against the body); Event Grid schema events carry the contract event as ``data``, whose id
    and type must match the Event Grid event's. Data that is not a JSON object (a string, a
    number) is dead-lettered as an invalid event."""
    settings = RUNTIME.get_settings()
    if isinstance(event, func.CloudEvent):
        body = _event_grid_cloud_event_body(event)
        content_type = "application/cloudevents+json"
        disposition = process_message(
            body, content_type=content_type, application_properties={},
            settings=settings, store=RUNTIME.get_store(), message_id=event.id,
        )
    else:
        data = event.get_json()
        body = json.dumps(data, default=str).encode("utf-8", "surrogatepass")
        content_type = "application/json"
        disposition = process_event_grid_event(
            event_id=event.id, event_type=event.event_type, subject=event.subject, data=data,
            settings=settings, store=RUNTIME.get_store(),
        )
    original = OriginalMessage(body=body, content_type=content_type, message_id=event.id)
    _apply(disposition, original, dlq, source="eventgrid")


@app.function_name(contract.DLQ_ARCHIVER_FUNCTION_NAME)
@app.service_bus_queue_trigger(
    arg_name="msg",
    connection=contract.SERVICE_BUS_CONNECTION,
    queue_name=f"%{contract.COMPLIANCE_DLQ_SETTING}%",
)
def archive_dead_letters(msg: func.ServiceBusMessage) -> None:
    settings = RUNTIME.get_settings()
    name = archive_dead_letter(
        DeadLetteredMessage(
            body=msg.get_body(), content_type=msg.content_type, message_id=msg.message_id,
            enqueued_time=msg.enqueued_time_utc, dead_letter_reason=msg.dead_letter_reason,
            dead_letter_description=msg.dead_letter_error_description, session_id=msg.session_id,
            correlation_id=msg.correlation_id, application_properties=dict(msg.application_properties or {}),
            sequence_number=msg.sequence_number,
        ),
        RUNTIME.get_archive(),
        deployment_region=settings.deployment_region,
        source=f"servicebus:{settings.compliance_dlq}",
    )
    log.info("archived %s as %s", msg.message_id, name)
