"""The metadata-only projection: what of an event may cross a sovereignty boundary.

``to_metadata`` keeps ids, type, version, time and the origin region, and drops ``payload`` and
``metadata`` (``userId``, ``clientIp``) -- not by filtering a dict, but because the target type
:class:`MetadataEvent` has no field that could hold them. Pure: no Pulumi.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime, timezone

from .contract import MetadataEvent, SovereignEvent

__all__ = ["METADATA_ID_NAMESPACE", "to_metadata"]

#: Namespace of the derived ids: the same source event and purpose always give the same
#: metadata event id, so a retried projection is deduplicated downstream (idempotency).
METADATA_ID_NAMESPACE = uuid.UUID("6f1b8a52-3c0e-4d5e-9a51-2a3f3c1d9e77")


def to_metadata(
    event: SovereignEvent,
    *,
    references: Mapping[str, str | Sequence[str]] | None = None,
    event_type: str | None = None,
    classification: str = "Internal",
    timestamp: datetime | None = None,
) -> MetadataEvent:
    """Project ``event`` to a :class:`MetadataEvent` caused by it.

    - ``causationId`` is the source event's id, ``correlationId`` is kept (the conversation).
    - ``id`` is derived deterministically from the source id and the event type.
    - ``classification`` defaults to ``Internal``: the projection holds no regulated content,
      and ``Internal`` is the most restrictive value a metadata channel admits
      (contract.NON_REGULATED_CLASSIFICATIONS); ``Confidential``/``Restricted`` are refused.
    - ``references`` are opaque ids the receiver needs (an order reference, SKUs).
    """
    kind = event_type or event.event_type
    return MetadataEvent(
        id=str(uuid.uuid5(METADATA_ID_NAMESPACE, f"{event.id}:{kind}")),
        aggregate_id=event.aggregate_id,
        aggregate_type=event.aggregate_type,
        event_type=kind,
        event_version=event.event_version,
        timestamp=timestamp or event.timestamp or datetime.now(timezone.utc),
        data_region=event.data_region,
        data_classification=classification,
        causation_id=event.id,
        correlation_id=event.correlation_id,
        references={k: (list(v) if not isinstance(v, str) else v) for k, v in (references or {}).items()},
    )
