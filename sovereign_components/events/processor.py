"""The regional processor, without the Functions host: decode, guard, append -- or dead-letter.

:func:`process_message` decides what happens to one message and returns a
:class:`Disposition`; the Functions app applies it. A message is never dropped: it is either
appended to the event store (``complete``) or dead-lettered with a reason (names.py) and a
description:

==========================  ===================================================================
``InvalidEvent``            not a contract event: not UTF-8/JSON, deeper or larger than the
                            bounds (jsonbounds), a field that fails validation, a MetadataEvent
``AttributeMismatch``       a CloudEvent attribute, a ``DataRegion``/``DataClassification``
                            property or the session id contradicts the body
``SovereigntyViolation``    data of another boundary (the guard)
``IdempotencyConflict``     the event id is already stored with other content
==========================  ===================================================================

Session ids: on the session queue the Service Bus session id must be the event's
``aggregateId`` (the plane's Event Grid delivery maps ``SessionId`` from the ``aggregateid``
attribute); a message without one, or with another, is dead-lettered as ``AttributeMismatch``
rather than processed in the wrong order. Where no session applies (the Event Grid trigger) no
session id is required, but one that is given must still match.

Redeliveries: an event whose id is already stored is compared with the stored document (system
properties such as Cosmos DB's ``_etag`` ignored); the same content completes as a redelivery
(``appended=False``), other content is an ``IdempotencyConflict`` -- the stored event is kept and
the newcomer goes to a person, never acknowledged silently. Store failures raise, so the host
retries the delivery (and Service Bus dead-letters it after ``maxDeliveryCount``), rather than
losing the event. Pure: no Pulumi, no Azure SDK (the store is a protocol).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Literal, Protocol

from pydantic import ValidationError

from .cloudevents_mapping import check_session_id, from_event_grid_event, from_service_bus
from .contract import AnyEvent, SovereignEvent, format_validation_error
from .errors import EventFormatError
from .guard import SovereigntyViolation, assert_processable
from .jsonbounds import plain_json, safe_text, shown
from .names import (
    IDEMPOTENCY_CONFLICT_REASON,
    INVALID_EVENT_REASON,
    SOVEREIGNTY_VIOLATION_REASON,
)
from .settings import ProcessorSettings

__all__ = [
    "DEAD_LETTER_CONTENT_TYPE",
    "INVALID_EVENT_REASON",
    "MAX_DESCRIPTION_CHARS",
    "Disposition",
    "EventStore",
    "EventStoreInconsistency",
    "InMemoryEventStore",
    "OriginalMessage",
    "dead_letter_record",
    "process_event",
    "process_event_grid_event",
    "process_message",
]

#: Content type of a dead-letter record forwarded to the compliance DLQ queue.
DEAD_LETTER_CONTENT_TYPE = "application/vnd.sovereign.dead-letter+json"
#: A description is cut to this many characters: it names the problem, the record keeps the
#: whole message; a 1 MB invalid value must not become a 1 MB description (or log line).
MAX_DESCRIPTION_CHARS = 1024
#: Keys a store adds to a stored document that are not the event's (Cosmos DB system
#: properties: ``_rid``, ``_self``, ``_etag``, ``_attachments``, ``_ts``).
_SYSTEM_KEY_PREFIX = "_"


class EventStore(Protocol):
    """Append-only event store (Cosmos DB container partitioned by ``/aggregateId``)."""

    def append(self, event: SovereignEvent) -> bool:
        """Store ``event``; True when new, False when that id was already stored."""
        ...

    def get(self, event_id: str, aggregate_id: str) -> Mapping[str, Any] | None:
        """The stored document with that id (in that aggregate's partition), or None."""
        ...


class EventStoreInconsistency(RuntimeError):
    """The store said an id exists but returns no document for it: raised so the host retries
    (a transient read-after-write gap), never resolved by guessing."""


class InMemoryEventStore:
    """An :class:`EventStore` in a dict (tests, local runs). Ids are unique store-wide."""

    def __init__(self) -> None:
        self.events: dict[str, SovereignEvent] = {}

    def append(self, event: SovereignEvent) -> bool:
        if event.id in self.events:
            return False
        self.events[event.id] = event
        return True

    def get(self, event_id: str, aggregate_id: str) -> Mapping[str, Any] | None:
        stored = self.events.get(event_id)
        return stored.to_wire() if stored is not None else None


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


def _dead_letter(event_id: Any, reason: str, description: str) -> Disposition:
    text = description if len(description) <= MAX_DESCRIPTION_CHARS else description[: MAX_DESCRIPTION_CHARS - 3] + "..."
    return Disposition("dead_letter", event_id if isinstance(event_id, str) else None, reason, text)


def _stored_differences(stored: Mapping[str, Any], event: SovereignEvent) -> list[str] | None:
    """Wire names of the fields in which ``stored`` differs from ``event`` (None: the stored
    document is not a valid event at all). Both sides are compared as validated events, so a
    number stored as ``150`` equals ``150.0`` and ``...Z`` equals ``...+00:00``."""
    document = {k: v for k, v in stored.items() if not str(k).startswith(_SYSTEM_KEY_PREFIX)}
    try:
        previous = SovereignEvent.model_validate(document).to_wire()
    except ValidationError:
        return None
    current = event.to_wire()
    return sorted(k for k in previous.keys() | current.keys() if previous.get(k) != current.get(k))


def process_event(event: SovereignEvent, settings: ProcessorSettings, store: EventStore) -> Disposition:
    """Guard, then append; a sovereignty violation is dead-lettered, never stored; an id stored
    with other content is an idempotency conflict (module doc)."""
    try:
        assert_processable(
            event, settings.deployment_region, settings.boundary,
            allowed_data_regions=settings.allowed_data_regions,
        )
    except SovereigntyViolation as violation:
        return _dead_letter(event.id, SOVEREIGNTY_VIOLATION_REASON, violation.description)
    if store.append(event):
        return Disposition("complete", event.id, appended=True)
    stored = store.get(event.id, event.aggregate_id)
    if stored is None:
        raise EventStoreInconsistency(
            f"the event store reports {event.id!r} as existing but returns no document for it"
        )
    differences = _stored_differences(stored, event)
    if differences == []:
        return Disposition("complete", event.id, appended=False)  # a redelivery: same content
    what = "is not a valid event" if differences is None else f"differs in {', '.join(differences)}"
    return _dead_letter(
        event.id, IDEMPOTENCY_CONFLICT_REASON,
        f"event id {event.id!r} is already stored and the stored event {what}; a redelivery carries "
        "the same content, so this is a second event under a used id. The stored event is kept.",
    )


def _failure(exc: Exception, message_id: Any) -> Disposition:
    """The dead-letter disposition of a decoding failure: the error's own reason (names.py)."""
    if isinstance(exc, ValidationError):
        return _dead_letter(message_id, INVALID_EVENT_REASON, format_validation_error(exc))
    if isinstance(exc, EventFormatError):
        return _dead_letter(message_id, exc.reason, str(exc))
    # Last resort, for an input no decoder anticipated: still a dead letter with a reason
    # (property tests assert the decoders raise only the two types above).
    return _dead_letter(message_id, INVALID_EVENT_REASON, f"undecodable message ({type(exc).__name__}: {shown(str(exc), 200)})")


def _process_decoded(event: AnyEvent, settings: ProcessorSettings, store: EventStore) -> Disposition:
    if not isinstance(event, SovereignEvent):
        return _dead_letter(
            event.id, INVALID_EVENT_REASON,
            "a MetadataEvent reached the regional processor; metadata channels have their own consumers",
        )
    return process_event(event, settings, store)


def process_message(
    body: bytes | str,
    *,
    content_type: str | None,
    application_properties: Mapping[str, Any] | None,
    settings: ProcessorSettings,
    store: EventStore,
    message_id: str | None = None,
    session_id: str | None = None,
    session_required: bool = False,
) -> Disposition:
    """Decode a Service Bus/Event Grid message into a :class:`SovereignEvent` and process it.

    On the RegionalEventPlane's default path the message is what Event Grid delivered to the
    session queue: the structured CloudEvent as body (content type ``application/json`` or
    ``application/cloudevents+json``), ``DataRegion``/``DataClassification`` application
    properties from the subscription's delivery mappings and ``SessionId`` = ``aggregateid``.
    ``session_required``: the message came from a session queue (module doc). Anything that
    cannot be decoded, or contradicts itself, is dead-lettered with its reason, never trusted."""
    try:
        event = from_service_bus(body, content_type=content_type, application_properties=application_properties)
        check_session_id(event, session_id, required=session_required)
    except Exception as exc:  # noqa: BLE001 - every decoding failure becomes a dead letter
        return _failure(exc, message_id)
    return _process_decoded(event, settings, store)


def process_event_grid_event(
    *,
    event_id: Any,
    event_type: Any,
    subject: Any,
    data: Any,
    settings: ProcessorSettings,
    store: EventStore,
) -> Disposition:
    """An Event Grid *schema* event (the Event Grid trigger's ``EventGridEvent``): ``data`` is
    the contract event, whose id and type must match the Event Grid event's."""
    try:
        event = from_event_grid_event(event_id=event_id, event_type=event_type, subject=subject, data=data)
    except Exception as exc:  # noqa: BLE001
        return _failure(exc, event_id)
    return _process_decoded(event, settings, store)


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
    and the original message intact (text when UTF-8, else base64). Every value is plain JSON
    (:func:`~.jsonbounds.plain_json`), so the record always serialises, whatever the message carried."""
    raw = bytes(original.body) if not isinstance(original.body, str) else original.body.encode("utf-8", "surrogatepass")
    try:
        body: dict[str, str] = {"body": raw.decode("utf-8")}
    except UnicodeDecodeError:
        body = {"bodyBase64": base64.b64encode(raw).decode("ascii")}
    properties = original.application_properties or {}
    return {
        "deadLetterReason": disposition.reason,
        "deadLetterErrorDescription": disposition.description,
        "deadLetteredAt": (now or datetime.now(timezone.utc)).isoformat().replace("+00:00", "Z"),
        "deploymentRegion": deployment_region,
        "source": source,
        "eventId": disposition.event_id,
        "originalMessage": {
            "messageId": plain_json(original.message_id),
            "sessionId": plain_json(original.session_id),
            "correlationId": plain_json(original.correlation_id),
            "contentType": plain_json(original.content_type),
            "applicationProperties": {safe_text(k): plain_json(v) for k, v in properties.items()},
            **body,
        },
    }
