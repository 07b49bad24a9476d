"""CloudEvents 1.0 mapping of the event contract, both ways, with the ``cloudevents`` SDK.

Attributes (what Event Grid filters and Service Bus rules can see):

=====================  ==========================================================
``id``                 event id
``type``               ``eventType`` (what Event Grid ``includedEventTypes`` matches)
``source``             ``/sovereign/<aggregateType>`` unless the caller names one
``subject``            ``<aggregateType>/<aggregateId>`` (``subjectBeginsWith`` filters)
``time``               ``timestamp``
``dataschema``         which contract ``data`` follows (event or metadata event)
``dataregion``         ``dataRegion``   (contract.REGION_ATTRIBUTE: the routing filter key)
``dataclassification`` ``dataClassification`` (contract.CLASSIFICATION_ATTRIBUTE)
``aggregateid`` ...    ``aggregateId``, ``aggregateType``, ``eventVersion``, ``causationId``,
                       ``correlationId`` as extensions, so the mapping is lossless
=====================  ==========================================================

``data`` is ``{"metadata": ..., "payload": ...}`` for a :class:`SovereignEvent` and
``{"references": ...}`` for a :class:`MetadataEvent`. Personal fields (``userId``,
``clientIp``) are never attributes: attributes are copied into Service Bus application
properties, Event Grid logs and filters, where they would leave the payload's protection.

Binary mode for Service Bus (AMQP binding): attributes become ``cloudEvents_<name>``
application properties (the SDK's prefix; ``cloudEvents:`` is read too), ``content-type`` the
message content type, the body is ``data``; plus ``DataRegion``/``DataClassification`` as the
source design's processor reads them (contract.SERVICE_BUS_*), ``message_id`` = event id,
``session_id`` = aggregate id (strict order per aggregate), ``correlation_id``.
Pure: no Pulumi.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cloudevents.core.bindings import amqp
from cloudevents.core.formats.json import JSONFormat
from cloudevents.core.v1.event import CloudEvent

from .names import (
    CLASSIFICATION_ATTRIBUTE,
    REGION_ATTRIBUTE,
    SERVICE_BUS_CLASSIFICATION_PROPERTY,
    SERVICE_BUS_REGION_PROPERTY,
)
from .contract import AnyEvent, MetadataEvent, SovereignEvent, event_from_json

__all__ = [
    "EVENT_DATASCHEMA",
    "METADATA_DATASCHEMA",
    "CloudEventMappingError",
    "ServiceBusMessageParts",
    "from_cloudevent",
    "from_service_bus",
    "from_structured_json",
    "routing_view",
    "to_cloudevent",
    "to_service_bus",
    "to_structured_json",
]

EVENT_DATASCHEMA = "urn:sovereign-events:schema:SovereignEvent"
METADATA_DATASCHEMA = "urn:sovereign-events:schema:MetadataEvent"
JSON_CONTENT_TYPE = "application/json"

#: Envelope field (camelCase) -> CloudEvents extension attribute (lower-case alphanumerics).
EXTENSIONS: dict[str, str] = {
    "dataRegion": REGION_ATTRIBUTE,
    "dataClassification": CLASSIFICATION_ATTRIBUTE,
    "aggregateId": "aggregateid",
    "aggregateType": "aggregatetype",
    "eventVersion": "eventversion",
    "causationId": "causationid",
    "correlationId": "correlationid",
}
#: Envelope field -> core CloudEvents attribute.
CORE: dict[str, str] = {"id": "id", "eventType": "type", "timestamp": "time"}
#: Fields carried in ``data`` per event kind.
DATA_FIELDS: dict[type, tuple[str, ...]] = {
    SovereignEvent: ("metadata", "payload"),
    MetadataEvent: ("references",),
}
DATASCHEMA: dict[type, str] = {SovereignEvent: EVENT_DATASCHEMA, MetadataEvent: METADATA_DATASCHEMA}

_AMQP_PREFIXES = (amqp.CE_PREFIX_UNDERSCORE, amqp.CE_PREFIX_COLON)
_FORMAT = JSONFormat()


class CloudEventMappingError(ValueError):
    """A CloudEvent or Service Bus message that does not carry a valid contract event."""


def to_cloudevent(event: AnyEvent, *, source: str | None = None) -> CloudEvent:
    """The CloudEvents 1.0 form of ``event`` (see the module table)."""
    wire = event.to_wire()
    attributes: dict[str, Any] = {
        "specversion": "1.0",
        "id": event.id,
        "type": event.event_type,
        "source": source or f"/sovereign/{event.aggregate_type}",
        "subject": f"{event.aggregate_type}/{event.aggregate_id}",
        "time": event.timestamp,
        "datacontenttype": JSON_CONTENT_TYPE,
        "dataschema": DATASCHEMA[type(event)],
    }
    attributes.update({ext: wire[name] for name, ext in EXTENSIONS.items()})
    data = {name: wire[name] for name in DATA_FIELDS[type(event)] if name in wire}
    return CloudEvent(attributes, data)


def from_cloudevent(cloud_event: CloudEvent) -> AnyEvent:
    """The contract event a CloudEvent carries; raises :class:`CloudEventMappingError` when
    attributes are missing and :class:`pydantic.ValidationError` when values are invalid."""
    attributes = cloud_event.get_attributes()
    missing = [ext for ext in EXTENSIONS.values() if ext not in attributes]
    if missing:
        raise CloudEventMappingError(
            f"CloudEvent {attributes.get('id')!r} lacks extension attribute(s) {', '.join(missing)}"
        )
    data = cloud_event.get_data()
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise CloudEventMappingError(f"CloudEvent {attributes.get('id')!r}: data must be a JSON object")
    document: dict[str, Any] = {name: _attr_value(attributes[attr]) for name, attr in CORE.items()}
    document.update({name: attributes[ext] for name, ext in EXTENSIONS.items()})
    if isinstance(document["eventVersion"], str) and document["eventVersion"].isdigit():
        # Transports without an integer type (HTTP headers) carry it as its canonical string.
        document["eventVersion"] = int(document["eventVersion"])
    schema = attributes.get("dataschema")
    if schema == METADATA_DATASCHEMA:
        return MetadataEvent.model_validate({**document, **data})
    if schema == EVENT_DATASCHEMA:
        return SovereignEvent.model_validate({**document, **data})
    return event_from_json({**document, **data})


def _attr_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")
    return value


def to_structured_json(event: AnyEvent, *, source: str | None = None) -> bytes:
    """Structured content mode: the whole CloudEvent as ``application/cloudevents+json``."""
    return _FORMAT.write(to_cloudevent(event, source=source))


def from_structured_json(body: str | bytes) -> AnyEvent:
    """Parse a structured-mode CloudEvent JSON document back into the contract event."""
    try:
        cloud_event = _FORMAT.read(CloudEvent, body)
    except (ValueError, TypeError) as exc:
        raise CloudEventMappingError(f"not a CloudEvents JSON document: {exc}") from exc
    except Exception as exc:  # the SDK's CloudEventValidationError is not a ValueError
        raise CloudEventMappingError(f"invalid CloudEvent: {exc}") from exc
    return from_cloudevent(cloud_event)


def routing_view(event: AnyEvent, *, source: str | None = None) -> dict[str, Any]:
    """The CloudEvent as a JSON object: what an Event Grid topic with the
    ``CloudEventSchemaV1_0`` input schema evaluates its subscriptions' filters against."""
    return json.loads(to_structured_json(event, source=source))


@dataclass(frozen=True)
class ServiceBusMessageParts:
    """A Service Bus message in CloudEvents binary mode, independent of any client library
    (``azure.servicebus.ServiceBusMessage(**parts.as_kwargs())`` sends it)."""

    body: bytes
    content_type: str
    application_properties: dict[str, Any]
    message_id: str
    session_id: str
    correlation_id: str
    subject: str

    def as_kwargs(self) -> dict[str, Any]:
        """Keyword arguments of ``azure.servicebus.ServiceBusMessage``."""
        return {
            "body": self.body,
            "content_type": self.content_type,
            "application_properties": self.application_properties,
            "message_id": self.message_id,
            "session_id": self.session_id,
            "correlation_id": self.correlation_id,
            "subject": self.subject,
        }


def to_service_bus(event: AnyEvent, *, source: str | None = None) -> ServiceBusMessageParts:
    """Binary content mode for Service Bus (see the module doc)."""
    cloud_event = to_cloudevent(event, source=source)
    message = amqp.to_binary(cloud_event, _FORMAT)
    properties = dict(message.application_properties)
    # The SDK writes `time` as an AMQP timestamp (integer milliseconds), which drops
    # microseconds; the binding also allows the canonical string, which keeps them.
    properties[f"{amqp.CE_PREFIX_UNDERSCORE}time"] = _attr_value(cloud_event.get_attributes()["time"])
    properties[SERVICE_BUS_REGION_PROPERTY] = event.data_region
    properties[SERVICE_BUS_CLASSIFICATION_PROPERTY] = event.data_classification
    return ServiceBusMessageParts(
        body=message.application_data,
        content_type=message.properties.get(amqp.CONTENT_TYPE_PROPERTY, JSON_CONTENT_TYPE),
        application_properties=properties,
        message_id=event.id,
        session_id=event.aggregate_id,
        correlation_id=event.correlation_id,
        subject=event.event_type,
    )


def from_service_bus(
    body: bytes | str,
    *,
    content_type: str | None,
    application_properties: Mapping[str, Any] | None,
) -> AnyEvent:
    """The contract event a Service Bus message carries, in any of three forms:

    - structured mode: the body is a whole CloudEvent, recognised by the content type
      ``application/cloudevents+json`` *or* by its ``specversion`` member whatever the content
      type. Event Grid delivering a CloudEvents 1.0 topic's events to a Service Bus queue (the
      RegionalEventPlane's default processor path) sends the structured event, and the content
      type it sets may be plain ``application/json`` (with a charset parameter or none);
    - binary mode (``cloudEvents_*``/``cloudEvents:*`` application properties, body = data);
    - the plain event JSON of the source design (body = the event, no CloudEvents properties),
      which is what producers following the design send (it has no ``specversion``).

    When the message also carries ``DataRegion``/``DataClassification`` properties they must
    agree with the event: Service Bus rules and the processor route on those properties, so a
    mismatch means the message was routed on a value its content contradicts (fail closed).
    """
    raw = body.encode("utf-8") if isinstance(body, str) else bytes(body)
    props = dict(application_properties or {})
    if _media_type(content_type).startswith("application/cloudevents"):
        event = from_structured_json(raw)
    elif any(str(k).startswith(_AMQP_PREFIXES) for k in props):
        message = amqp.AMQPMessage(
            properties={amqp.CONTENT_TYPE_PROPERTY: content_type or JSON_CONTENT_TYPE},
            application_properties=props,
            application_data=raw,
        )
        try:
            cloud_event = amqp.from_binary(message, _FORMAT, CloudEvent)
        except Exception as exc:  # CloudEventValidationError and dateutil errors
            raise CloudEventMappingError(f"invalid CloudEvent in binary mode: {exc}") from exc
        event = from_cloudevent(cloud_event)
    else:
        try:
            document = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise CloudEventMappingError(f"message body is not JSON: {exc}") from exc
        if isinstance(document, dict) and "specversion" in document:
            event = from_structured_json(raw)
        else:
            event = event_from_json(document)
    _check_property(props, SERVICE_BUS_REGION_PROPERTY, event.data_region, event.id)
    _check_property(props, SERVICE_BUS_CLASSIFICATION_PROPERTY, event.data_classification, event.id)
    return event


def _media_type(content_type: str | None) -> str:
    """``application/json; charset=utf-8`` -> ``application/json`` (lower-case, no parameters)."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def _check_property(props: Mapping[str, Any], name: str, expected: str, event_id: str) -> None:
    if name in props and str(props[name]).strip().lower() != expected.lower():
        from .contract import normalize_data_region

        value = str(props[name])
        if name == SERVICE_BUS_REGION_PROPERTY:
            try:
                if normalize_data_region(value) == expected:
                    return
            except ValueError:
                pass
        raise CloudEventMappingError(
            f"event {event_id!r}: application property {name}={value!r} contradicts the "
            f"event's value {expected!r}"
        )
