"""The DLQ archiver's logic: every message read from the compliance DLQ becomes exactly one
immutable blob, and no blob is ever overwritten.

Blob name: ``<reason>/<yyyy>/<mm>/<dd>/<sequence>-<digest>.json``

- ``reason``: the dead-letter reason reduced to ASCII letters, digits and ``-`` (at most 64
  characters; ``Unknown`` when absent, empty or not text). A folder for people to browse; it is
  never what makes a name unique, so two reasons that reduce alike cannot collide.
- ``yyyy/mm/dd``: the day the broker enqueued the DLQ message (UTC); ``undated`` when it gave
  none -- never the wall clock, or a retry on another day would look for another name.
- ``sequence``: the broker's sequence number of the DLQ message, 20 digits (``noseq`` when
  absent). Service Bus assigns it at enqueue, unique within the entity and unchanged across
  redeliveries of that message
  (https://learn.microsoft.com/azure/service-bus-messaging/message-sequencing).
- ``digest``: the first 32 hex digits (128 bits) of the SHA-256 of the archived record, which
  holds the whole message -- its id (or its absence), sequence number, enqueued time, reason,
  properties and body. Two different dead letters therefore get different names even when their
  ids differ only in ``/`` vs ``?`` or are equal; the message id never reaches the name as text.

The record is a pure function of the message (no wall clock), so a retried archive of the same
message computes the same name and the same bytes. The blob is written create-only
(``If-None-Match: *``, azure-storage-blob's ``overwrite=False``). When the name exists, the
existing blob is read back: the same bytes mean an earlier attempt archived this message (done);
other bytes raise :class:`ArchiveConflict` -- nothing is overwritten, the message stays in the
queue (and is dead-lettered natively after ``maxDeliveryCount``), and the error names the blob.
Pure: the writer is a protocol.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Protocol

from .errors import EventFormatError
from .jsonbounds import load_json, plain_json, safe_text
from .processor import DEAD_LETTER_CONTENT_TYPE, Disposition, OriginalMessage, dead_letter_record

__all__ = [
    "ArchiveConflict",
    "ArchiveWriter",
    "DeadLetteredMessage",
    "InMemoryArchive",
    "archive_blob_name",
    "archive_dead_letter",
    "archive_record",
    "reason_folder",
]

#: Characters a reason folder keeps; everything else becomes one ``-``.
_UNSAFE = re.compile(r"[^A-Za-z0-9]+")
MAX_REASON_FOLDER_CHARS = 64
UNKNOWN_REASON_FOLDER = "Unknown"
#: Hex digits of the record digest in the name (128 bits: collisions are not a practical
#: concern, and a collision could still never overwrite - see ArchiveConflict).
DIGEST_HEX_DIGITS = 32


class ArchiveWriter(Protocol):
    """Writes a blob once; never replaces one."""

    def write(self, name: str, data: bytes) -> bool:
        """Create ``name`` with ``data``; False (without error) when ``name`` already exists."""
        ...

    def read(self, name: str) -> bytes | None:
        """The content of ``name``, or None when it does not exist."""
        ...


class ArchiveConflict(RuntimeError):
    """The blob name of a dead letter exists with other content. Nothing is overwritten; the
    archiver fails so the message stays in the queue for a person."""


class InMemoryArchive:
    """An :class:`ArchiveWriter` in a dict that refuses overwrites like an immutable container."""

    def __init__(self) -> None:
        self.blobs: dict[str, bytes] = {}

    def write(self, name: str, data: bytes) -> bool:
        if name in self.blobs:
            return False
        self.blobs[name] = bytes(data)
        return True

    def read(self, name: str) -> bytes | None:
        return self.blobs.get(name)


@dataclass(frozen=True)
class DeadLetteredMessage:
    """A message read from the compliance DLQ (a forwarded record or a native dead letter)."""

    body: bytes
    content_type: str | None
    message_id: str | None
    enqueued_time: datetime | None = None
    dead_letter_reason: Any = None
    dead_letter_description: Any = None
    session_id: str | None = None
    correlation_id: str | None = None
    application_properties: Mapping[str, Any] | None = None
    sequence_number: int | None = None


def reason_folder(reason: Any) -> str:
    """The folder a reason is filed under: ASCII letters, digits and ``-`` only (no ``/``,
    ``.`` or ``..`` segment can reach the blob path), at most 64 characters. A number is
    written as its digits; anything else that is not text is ``Unknown``."""
    if isinstance(reason, bool) or reason is None:
        return UNKNOWN_REASON_FOLDER
    if isinstance(reason, (int, float)):
        reason = safe_text(reason)
    if not isinstance(reason, str):
        return UNKNOWN_REASON_FOLDER
    folder = _UNSAFE.sub("-", reason).strip("-")[:MAX_REASON_FOLDER_CHARS].strip("-")
    return folder or UNKNOWN_REASON_FOLDER


def _utc(when: Any) -> datetime | None:
    if not isinstance(when, datetime):
        return None
    return when.replace(tzinfo=timezone.utc) if when.tzinfo is None else when.astimezone(timezone.utc)


def _sequence(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def archive_blob_name(reason: Any, when: datetime | None, sequence_number: int | None, record: bytes) -> str:
    """``<reason>/<yyyy>/<mm>/<dd>/<sequence>-<digest>.json`` (module doc)."""
    day = _utc(when)
    date = f"{day:%Y/%m/%d}" if day is not None else "undated"
    seq = _sequence(sequence_number)
    sequence = f"{seq:020d}" if seq is not None else "noseq"
    digest = hashlib.sha256(record).hexdigest()[:DIGEST_HEX_DIGITS]
    return f"{reason_folder(reason)}/{date}/{sequence}-{digest}.json"


def _forwarded_record(message: DeadLetteredMessage) -> dict[str, Any] | None:
    """The processor's record when ``message`` is one (an output binding cannot set a content
    type, so the record is recognised by its shape as well). A body that is not bounded JSON is
    not a record; it is archived as a native dead letter, whole."""
    try:
        record = load_json(message.body, what="dead letter", max_bytes=None)
    except EventFormatError:
        return None
    if not isinstance(record, dict):
        return None
    if {"deadLetterReason", "originalMessage"} <= record.keys():
        return record
    content_type = message.content_type if isinstance(message.content_type, str) else ""
    if content_type.startswith(DEAD_LETTER_CONTENT_TYPE):
        return record
    return None


def _iso(when: datetime | None) -> str | None:
    return when.isoformat().replace("+00:00", "Z") if when is not None else None


def archive_record(message: DeadLetteredMessage, *, deployment_region: str, source: str) -> tuple[Any, dict[str, Any]]:
    """(reason, record) for ``message``: the processor's forwarded record as it is, or a native
    dead letter (``MaxDeliveryCountExceeded`` ...) wrapped in the same shape so one query reads
    the whole archive; both get ``complianceDlqMessage`` (every broker field of the DLQ message
    itself: id, sequence number, enqueued time, session, correlation, content type, its own
    dead-letter reason and description, properties), so two messages that differ in anything
    are two records -- and two blob names. A pure function of the message."""
    enqueued = _utc(message.enqueued_time)
    record = _forwarded_record(message)
    if record is not None:
        reason = record.get("deadLetterReason")
    else:
        reason = message.dead_letter_reason
        record = dead_letter_record(
            Disposition("dead_letter", None, plain_json(reason), plain_json(message.dead_letter_description)),
            OriginalMessage(
                body=message.body, content_type=message.content_type, message_id=message.message_id,
                session_id=message.session_id, correlation_id=message.correlation_id,
                application_properties=dict(message.application_properties or {}),
            ),
            deployment_region=deployment_region, source=source,
        )
        record["deadLetteredAt"] = _iso(enqueued)  # the broker's time, never the wall clock
    record["complianceDlqMessage"] = {
        "messageId": plain_json(message.message_id),
        "sequenceNumber": _sequence(message.sequence_number),
        "enqueuedTime": _iso(enqueued),
        "sessionId": plain_json(message.session_id),
        "correlationId": plain_json(message.correlation_id),
        "contentType": plain_json(message.content_type),
        "deadLetterReason": plain_json(message.dead_letter_reason),
        "deadLetterErrorDescription": plain_json(message.dead_letter_description),
        "applicationProperties": {safe_text(k): plain_json(v) for k, v in (message.application_properties or {}).items()},
    }
    return reason, record


def archive_dead_letter(message: DeadLetteredMessage, writer: ArchiveWriter, *, deployment_region: str, source: str) -> str:
    """Archive one DLQ message create-only; return its blob name (module doc). Raises
    :class:`ArchiveConflict` when the name holds other content; writer errors propagate (the
    host retries the message)."""
    reason, record = archive_record(message, deployment_region=deployment_region, source=source)
    data = json.dumps(record, sort_keys=True, ensure_ascii=True).encode("ascii")
    name = archive_blob_name(reason, message.enqueued_time, message.sequence_number, data)
    if writer.write(name, data):
        return name
    existing = writer.read(name)
    if existing == data:
        return name  # archived by an earlier attempt at this same message
    raise ArchiveConflict(
        f"archive blob {name!r} already exists with other content "
        f"({'unreadable' if existing is None else f'{len(existing):,} bytes'}); nothing was overwritten"
    )
