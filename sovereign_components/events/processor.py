"""The regional processor, without the Functions host: decode, guard, append -- or dead-letter.

:func:`process_message` decides what happens to one message and returns a
:class:`Disposition`; the Functions app applies it. A message is never dropped: it is either
appended to the event store (``complete``) or dead-lettered with a reason and a description.
Store failures raise, so the host retries the delivery (and Service Bus dead-letters it after
``maxDeliveryCount``), rather than losing the event.
Pure: no Pulumi, no Azure SDK (the store is a protocol).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Literal, Protocol

from pydantic import ValidationError

from .cloudevents_mapping import CloudEventMappingError, from_service_bus
from .names import SOVEREIGNTY_VIOLATION_REASON
from .contract import SovereignEvent, format_validation_error
from .guard import SovereigntyViolation, assert_processable
from .settings import ProcessorSettings

__all__ = [
    "DEAD_LETTER_CONTENT_TYPE",
    "INVALID_EVENT_REASON",
    "Disposition",
    "EventStore",
    "InMemoryEventStore",
    "dead_letter_record",
    "process_event",
    "process_message",
]

#: Dead-letter reason for a message that is not a valid contract event (it cannot be routed,
#: guarded or stored, so it goes to the DLQ for a person, never to the bin).
INVALID_EVENT_REASON = "InvalidEvent"
#: Content type of a dead-letter record forwarded to the compliance DLQ queue.
DEAD_LETTER_CONTENT_TYPE = "application/vnd.sovereign.dead-letter+json"


class EventStore(Protocol):
    """Append-only event store (Cosmos DB container partitioned by ``/aggregateId``)."""

    def append(self, event: SovereignEvent) -> bool:
        """Store ``event``; True when new, False when that id was already stored (redelivery)."""
        ...


class InMemoryEventStore:
    """An :class:`EventStore` in a dict (tests, local runs)."""

    def __init__(self) -> None:
        self.events: dict[str, SovereignEvent] = {}

    def append(self, event: SovereignEvent) -> bool:
        if event.id in self.events:
            return False
        self.events[event.id] = event
        return True


@dataclass(frozen=True)
class Disposition:
    """What to do with a message: ``complete`` it, or ``dead_letter`` it with a reason."""

    action: Literal["complete", "dead_letter"]
    event_id: str | None = None
    reason: str | None = None
    description: str | None = None
    appended: bool = False

    @property
    def dead_lettered(self) -> bool:
        return self.action == "dead_letter"


def process_event(event: SovereignEvent, settings: ProcessorSettings, store: EventStore) -> Disposition:
    """Guard, then append; a sovereignty violation is dead-lettered, never stored."""
    try:
        assert_processable(
            event, settings.deployment_region, settings.boundary,
            allowed_data_regions=settings.allowed_data_regions,
        )
    except SovereigntyViolation as violation:
        return Disposition("dead_letter", event.id, SOVEREIGNTY_VIOLATION_REASON, violation.description)
    appended = store.append(event)
    return Disposition("complete", event.id, appended=appended)


def process_message(
    body: bytes | str,
    *,
    content_type: str | None,
    application_properties: Mapping[str, Any] | None,
    settings: ProcessorSettings,
    store: EventStore,
    message_id: str | None = None,
) -> Disposition:
    """Decode a Service Bus/Event Grid message into a :class:`SovereignEvent` and process it.

    On the RegionalEventPlane's default path the message is what Event Grid delivered to the
    session queue: the structured CloudEvent as body (content type ``application/json`` or
    ``application/cloudevents+json``), ``DataRegion``/``DataClassification`` application
    properties from the subscription's delivery mappings. Properties that contradict the body
    are dead-lettered as an invalid event (fail closed), never trusted over it."""
    try:
        event = from_service_bus(body, content_type=content_type, application_properties=application_properties)
    except ValidationError as exc:
        return Disposition("dead_letter", message_id, INVALID_EVENT_REASON, format_validation_error(exc))
    except CloudEventMappingError as exc:
        return Disposition("dead_letter", message_id, INVALID_EVENT_REASON, str(exc))
    if not isinstance(event, SovereignEvent):
        return Disposition(
            "dead_letter", event.id, INVALID_EVENT_REASON,
            "a MetadataEvent reached the regional processor; metadata channels have their own consumers",
        )
    return process_event(event, settings, store)


@dataclass(frozen=True)
class OriginalMessage:
    """The parts of the dead-lettered message a record keeps, body included (it stays in the
    region where it arrived: the compliance DLQ and its archive are in-boundary resources)."""

    body: bytes
    content_type: str | None = None
    message_id: str | None = None
    session_id: str | None = None
    correlation_id: str | None = None
    application_properties: Mapping[str, Any] = field(default_factory=dict)


def dead_letter_record(
    disposition: Disposition,
    original: OriginalMessage,
    *,
    deployment_region: str,
    source: str,
    now: datetime | None = None,
) -> dict[str, Any]:
    """The JSON record forwarded to the compliance DLQ: reason, description, where and when,
    and the original message intact (text when UTF-8, else base64)."""
    try:
        body: dict[str, str] = {"body": original.body.decode("utf-8")}
    except UnicodeDecodeError:
        body = {"bodyBase64": base64.b64encode(original.body).decode("ascii")}
    return {
        "deadLetterReason": disposition.reason,
        "deadLetterErrorDescription": disposition.description,
        "deadLetteredAt": (now or datetime.now(timezone.utc)).isoformat().replace("+00:00", "Z"),
        "deploymentRegion": deployment_region,
        "source": source,
        "eventId": disposition.event_id,
        "originalMessage": {
            "messageId": original.message_id,
            "sessionId": original.session_id,
            "correlationId": original.correlation_id,
            "contentType": original.content_type,
            "applicationProperties": {str(k): _jsonable(v) for k, v in original.application_properties.items()},
            **body,
        },
    }


def _jsonable(value: Any) -> Any:
    try:
        json.dumps(value)
    except TypeError:
        return str(value)
    return value
