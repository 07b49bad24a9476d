"""The DLQ archiver's logic: every dead-lettered message becomes one immutable blob.

The blob name is derived from the message alone (reason / date / message id), so a redelivered
DLQ message maps to the same name; the writer treats "already exists" as done, which is how a
write-once (WORM) container is written idempotently. Pure: the writer is a protocol.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Protocol

from .processor import DEAD_LETTER_CONTENT_TYPE, Disposition, OriginalMessage, dead_letter_record

__all__ = ["ArchiveWriter", "DeadLetteredMessage", "InMemoryArchive", "archive_dead_letter", "archive_blob_name"]

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


class ArchiveWriter(Protocol):
    """Writes a blob once; returns False (without error) when the name already exists."""

    def write(self, name: str, data: bytes) -> bool: ...


class InMemoryArchive:
    """An :class:`ArchiveWriter` in a dict that refuses overwrites like an immutable container."""

    def __init__(self) -> None:
        self.blobs: dict[str, bytes] = {}

    def write(self, name: str, data: bytes) -> bool:
        if name in self.blobs:
            return False
        self.blobs[name] = data
        return True


@dataclass(frozen=True)
class DeadLetteredMessage:
    """A message read from the compliance DLQ (a forwarded record or a native dead letter)."""

    body: bytes
    content_type: str | None
    message_id: str
    enqueued_time: datetime | None = None
    dead_letter_reason: str | None = None
    dead_letter_description: str | None = None
    session_id: str | None = None
    correlation_id: str | None = None
    application_properties: Mapping[str, Any] | None = None


def archive_blob_name(reason: str | None, when: datetime, message_id: str) -> str:
    """``<reason>/<yyyy>/<mm>/<dd>/<message id>.json`` with unsafe characters replaced."""
    safe_reason = _UNSAFE.sub("-", reason or "Unknown") or "Unknown"
    safe_id = _UNSAFE.sub("-", message_id) or "message"
    day = when.astimezone(timezone.utc)
    return f"{safe_reason}/{day:%Y/%m/%d}/{safe_id}.json"


def _forwarded_record(message: DeadLetteredMessage) -> dict[str, Any] | None:
    """The processor's record when ``message`` is one (an output binding cannot set a content
    type, so the record is recognised by its shape as well)."""
    try:
        record = json.loads(message.body)
    except (ValueError, UnicodeDecodeError):
        return None
    if isinstance(record, dict) and {"deadLetterReason", "originalMessage"} <= record.keys():
        return record
    if (message.content_type or "").startswith(DEAD_LETTER_CONTENT_TYPE):
        return record if isinstance(record, dict) else None
    return None


def archive_dead_letter(message: DeadLetteredMessage, writer: ArchiveWriter, *, deployment_region: str, source: str) -> str:
    """Archive one DLQ message; returns the blob name. Records forwarded by the processor are
    stored as they are; native dead letters (``MaxDeliveryCountExceeded`` ...) are wrapped in
    the same record shape so one query reads the whole archive."""
    when = message.enqueued_time or datetime.now(timezone.utc)
    record = _forwarded_record(message)
    if record is not None:
        reason = record.get("deadLetterReason")
    else:
        reason = message.dead_letter_reason
        record = dead_letter_record(
            Disposition("dead_letter", None, reason, message.dead_letter_description),
            OriginalMessage(
                body=message.body, content_type=message.content_type, message_id=message.message_id,
                session_id=message.session_id, correlation_id=message.correlation_id,
                application_properties=dict(message.application_properties or {}),
            ),
            deployment_region=deployment_region, source=source, now=when,
        )
    name = archive_blob_name(reason, when, message.message_id)
    writer.write(name, json.dumps(record, sort_keys=True).encode("utf-8"))
    return name
