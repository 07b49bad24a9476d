"""Event builders shared by the runtime tests."""

from __future__ import annotations

from typing import Any

from sovereign_components.events import SovereignEvent


def make_event(data_region: str = "EU", **overrides: Any) -> SovereignEvent:
    fields: dict[str, Any] = dict(
        id="evt-1", aggregate_id="order-1", aggregate_type="Order", event_type="OrderPlaced",
        event_version=1, timestamp="2024-01-15T10:30:00Z", data_region=data_region,
        data_classification="Confidential", causation_id="cmd-1", correlation_id="corr-1",
        metadata={"userId": "user-1", "clientIp": "10.0.0.1"}, payload={"total": 10},
    )
    fields.update(overrides)
    return SovereignEvent.model_validate(fields)
