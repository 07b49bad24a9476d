"""The cross-boundary publisher: the one door out of a jurisdiction, and it only fits
:class:`MetadataEvent`.

Static typing already says so; the runtime check is what holds when a caller passes a
:class:`SovereignEvent`, a dict, or a subclass of MetadataEvent that re-adds a payload field.
Pure: the transport is injected -- in a deployment, an Event Grid publisher client to the
plane's *metadata topic* (``RegionalEventPlane.metadata_topic_endpoint``) authenticated as the
metadata publisher's identity, the only one allowed to send there; the topic's channels carry
what it publishes across the boundary. Sent events are CloudEvents with ``sovereignkind`` =
``metadata`` (``cloudevents_mapping.to_cloudevent``), which the channels' filters require.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from pydantic import ValidationError

from .contract import MetadataEvent

__all__ = ["CrossBoundaryPublisher", "MetadataTransport", "NotMetadataError", "RecordingTransport"]


class NotMetadataError(TypeError):
    """Something other than a MetadataEvent was handed to the cross-boundary publisher."""


class MetadataTransport(Protocol):
    """Delivers a metadata event to the other boundary; may return a reply of opaque ids."""

    def send(self, event: MetadataEvent) -> Mapping[str, Any] | None: ...


class CrossBoundaryPublisher:
    """Publishes to ``target`` (a boundary code or region, for messages and audit only)."""

    def __init__(self, transport: MetadataTransport, target: str) -> None:
        self._transport = transport
        self.target = target

    def publish(self, event: MetadataEvent) -> Mapping[str, Any] | None:
        # Exact type, not isinstance: a subclass could declare payload/metadata fields.
        if type(event) is not MetadataEvent:
            raise NotMetadataError(
                f"only MetadataEvent may cross to {self.target}; got {type(event).__name__}"
            )
        # Rebuild from the declared fields and validate again: an instance made with
        # model_construct (no validation) or patched after creation cannot smuggle a regulated
        # classification or an undeclared attribute through; only the rebuilt copy is sent.
        try:
            clean = MetadataEvent.model_validate(event.to_wire())
        except ValidationError as exc:
            raise NotMetadataError(f"metadata event {getattr(event, 'id', '?')!r} is not valid: {exc}") from exc
        return self._transport.send(clean)


class RecordingTransport:
    """An in-memory transport (tests, dry runs): records what was sent, answers via a handler."""

    def __init__(self, handler: Any = None) -> None:
        self.sent: list[MetadataEvent] = []
        self._handler = handler

    def send(self, event: MetadataEvent) -> Mapping[str, Any] | None:
        self.sent.append(event)
        return self._handler(event) if self._handler else None
