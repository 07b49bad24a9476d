"""Event builders shared by the runtime tests."""

from __future__ import annotations

from typing import Any

from sovereign_components.events.contract import SovereignEvent


def make_event(data_region: str = "EU", **overrides: Any) -> SovereignEvent:
    fields: dict[str, Any] = dict(
        id="evt-1", aggregate_id="order-1", aggregate_type="Order", event_type="OrderPlaced",
        event_version=1, timestamp="2024-01-15T10:30:00Z", data_region=data_region,
        data_classification="Confidential", causation_id="cmd-1", correlation_id="corr-1",
        metadata={"userId": "user-1", "clientIp": "10.0.0.1"}, payload={"total": 10},
    )
    fields.update(overrides)
    return SovereignEvent.model_validate(fields)


def event_grid_queue_message(event: SovereignEvent, **property_overrides: Any) -> dict[str, Any]:
    """The Service Bus message Event Grid delivers for ``event`` on the RegionalEventPlane's
    default processor path: the structured CloudEvent as published to the CloudEvents 1.0
    topic as body, content type ``application/json``, and the subscription's dynamic delivery
    attribute mappings applied (``SessionId`` as the broker session id, the others as
    application properties), read from the plane's own mapping table."""
    import json

    from sovereign_components.events.cloudevents_mapping import to_structured_json
    from sovereign_components.components.event_plane.defaults import QUEUE_DELIVERY_ATTRIBUTES

    body = to_structured_json(event)
    document = json.loads(body)
    mapped = {name: document[field] for name, field in QUEUE_DELIVERY_ATTRIBUTES.items()}
    session_id = mapped.pop("SessionId")
    return {
        "body": body,
        "content_type": "application/json; charset=utf-8",
        "application_properties": {**mapped, **property_overrides},
        "message_id": document["id"],
        "session_id": session_id,
    }
