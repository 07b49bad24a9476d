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
``sovereignkind``      ``metadata`` on a :class:`MetadataEvent`, absent on a
                       :class:`SovereignEvent` (names.KIND_ATTRIBUTE): what a metadata
                       channel's filter requires, so a full event never matches one
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

Reading is strict, because what Event Grid and Service Bus route on (attributes, application
properties) and what the processor acts on (the body) must be the same event:

- an envelope field repeated in ``data`` (``dataRegion``, ``dataClassification``, ``id``,
  ``eventType``, ...) must agree with its attribute; a ``subject`` must be
  ``<aggregateType>/<aggregateId>``; ``DataRegion``/``DataClassification`` application
  properties must agree with the event; one attribute given under both AMQP prefixes must
  have one value. Any disagreement is an :class:`~.errors.AttributeMismatchError`;
- the kind is decided by the attributes, never guessed from the body: ``sovereignkind``
  (matched case-insensitively, as Event Grid matches it) makes a :class:`MetadataEvent`, its
  absence a :class:`SovereignEvent`; a ``dataschema`` naming the other kind, or a full event's
  ``payload``/``metadata`` under ``sovereignkind``, is a mismatch;
- every attribute the contract needs (``id``, ``type``, ``time`` and the extensions) must be
  present -- the SDK would invent an id and the current time for a missing one;
- the body is read as bounded JSON (:mod:`.jsonbounds`); ``eventversion`` sent as a string must
  be ASCII digits (``"²"`` is a digit to ``str.isdigit`` but no number).

Every failure is an :class:`~.errors.EventFormatError` (or a :class:`pydantic.ValidationError`
for a field's value); no other exception leaves these functions. Pure: no Pulumi.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cloudevents.core.bindings import amqp
from cloudevents.core.formats.json import JSONFormat
from cloudevents.core.v1.event import CloudEvent
from pydantic import ValidationError

from .contract import AnyEvent, MetadataEvent, SovereignEvent, event_from_document, normalize_data_region
from .errors import AttributeMismatchError, CloudEventMappingError, EventFormatError
from .jsonbounds import load_json, shown
from .names import (
    CLASSIFICATION_ATTRIBUTE,
    KIND_ATTRIBUTE,
    METADATA_KIND,
    REGION_ATTRIBUTE,
    SERVICE_BUS_CLASSIFICATION_PROPERTY,
    SERVICE_BUS_REGION_PROPERTY,
)

__all__ = [
    "EVENT_DATASCHEMA",
    "METADATA_DATASCHEMA",
    "AttributeMismatchError",
    "CloudEventMappingError",
    "ServiceBusMessageParts",
    "check_session_id",
    "from_cloudevent",
    "from_event_grid_event",
    "from_service_bus",
    "from_structured_json",
    "read_structured_json",
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
#: Every envelope field and the attribute that carries it.
ENVELOPE: dict[str, str] = {**CORE, **EXTENSIONS}
#: Fields carried in ``data`` per event kind.
DATA_FIELDS: dict[type, tuple[str, ...]] = {
    SovereignEvent: ("metadata", "payload"),
    MetadataEvent: ("references",),
}
DATASCHEMA: dict[type, str] = {SovereignEvent: EVENT_DATASCHEMA, MetadataEvent: METADATA_DATASCHEMA}
#: Extension attributes per event kind beyond :data:`EXTENSIONS` (the kind marker).
KIND_EXTENSIONS: dict[type, dict[str, str]] = {
    SovereignEvent: {},
    MetadataEvent: {KIND_ATTRIBUTE: METADATA_KIND},
}

_AMQP_PREFIXES = (amqp.CE_PREFIX_UNDERSCORE, amqp.CE_PREFIX_COLON)
_FORMAT = JSONFormat()
#: ``eventversion`` as a string: ASCII digits of a positive integer (``str.isdigit`` also
#: accepts superscripts and other scripts' digits, which ``int`` then refuses).
_VERSION_TEXT = re.compile(r"[1-9][0-9]{0,17}")


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
    attributes.update(KIND_EXTENSIONS[type(event)])
    data = {name: wire[name] for name in DATA_FIELDS[type(event)] if name in wire}
    return CloudEvent(attributes, data)


def from_cloudevent(cloud_event: CloudEvent) -> AnyEvent:
    """The contract event a CloudEvent carries (see the module doc for what is refused).

    Raises :class:`~.errors.CloudEventMappingError` (its subclass
    :class:`~.errors.AttributeMismatchError` for a contradiction) or
    :class:`pydantic.ValidationError` for invalid values."""
    try:
        attributes = dict(cloud_event.get_attributes())
        data = cloud_event.get_data()
    except Exception as exc:  # not a CloudEvent at all
        raise CloudEventMappingError(f"not a CloudEvent: {shown(cloud_event)}") from exc
    return _from_attributes(attributes, data)


def _event_kind(attributes: Mapping[str, Any], data: Mapping[str, Any]) -> type:
    """SovereignEvent or MetadataEvent, from ``sovereignkind`` and ``dataschema`` only."""
    event_id = shown(attributes.get("id"))
    schema = attributes.get("dataschema")
    if schema is not None and schema not in DATASCHEMA.values():
        raise CloudEventMappingError(
            f"CloudEvent {event_id}: dataschema {shown(schema)} is neither {EVENT_DATASCHEMA!r} nor {METADATA_DATASCHEMA!r}"
        )
    if KIND_ATTRIBUTE not in attributes:
        if schema == METADATA_DATASCHEMA:
            raise AttributeMismatchError(
                f"CloudEvent {event_id}: dataschema says MetadataEvent but the {KIND_ATTRIBUTE} attribute is "
                f"missing; a metadata event carries {KIND_ATTRIBUTE}={METADATA_KIND!r}"
            )
        return SovereignEvent
    kind = attributes[KIND_ATTRIBUTE]
    if not isinstance(kind, str) or kind.lower() != METADATA_KIND:
        raise CloudEventMappingError(
            f"CloudEvent {event_id}: {KIND_ATTRIBUTE}={shown(kind)} is not a kind the contract knows "
            f"(only {METADATA_KIND!r}, on a MetadataEvent)"
        )
    if schema == EVENT_DATASCHEMA or any(name in data for name in DATA_FIELDS[SovereignEvent]):
        raise AttributeMismatchError(
            f"CloudEvent {event_id} carries {KIND_ATTRIBUTE}={kind!r} but is a full SovereignEvent "
            "(dataschema or payload/metadata); a full event never carries the metadata kind, so it "
            "can never match a metadata channel"
        )
    return MetadataEvent


def _event_version(value: Any) -> Any:
    """Transports without an integer type (HTTP headers) carry ``eventversion`` as its
    canonical string; anything else is left for the model's strict integer check."""
    if isinstance(value, str) and _VERSION_TEXT.fullmatch(value):
        return int(value)
    return value


def _attr_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")
    return value


def _from_attributes(attributes: Mapping[str, Any], data: Any) -> AnyEvent:
    event_id = shown(attributes.get("id"))
    missing = [attr for attr in ENVELOPE.values() if attr not in attributes]
    if missing:
        raise CloudEventMappingError(f"CloudEvent {event_id} lacks attribute(s) {', '.join(missing)}")
    if data is None:
        data = {}
    if not isinstance(data, Mapping):
        raise CloudEventMappingError(f"CloudEvent {event_id}: data must be a JSON object, not {type(data).__name__}")
    model = _event_kind(attributes, data)
    document: dict[str, Any] = {name: _attr_value(attributes[attr]) for name, attr in ENVELOPE.items()}
    document["eventVersion"] = _event_version(document["eventVersion"])
    repeated = [name for name in data if name in ENVELOPE]
    fields = {name: value for name, value in data.items() if name not in ENVELOPE}
    event = model.model_validate({**document, **fields})
    if repeated:
        # The body repeats envelope fields (a producer that sends the whole event as data):
        # they must say what the attributes say, compared as validated values.
        from_body = model.model_validate({**document, **data})
        for name in repeated:
            if getattr(from_body, _python_name(model, name)) != getattr(event, _python_name(model, name)):
                raise AttributeMismatchError(
                    f"CloudEvent {event_id}: attribute {ENVELOPE[name]}={shown(attributes[ENVELOPE[name]])} "
                    f"contradicts data.{name}={shown(data[name])}; Event Grid routes on the attribute"
                )
    subject = attributes.get("subject")
    expected_subject = f"{event.aggregate_type}/{event.aggregate_id}"
    if subject is not None and subject != expected_subject:
        raise AttributeMismatchError(
            f"CloudEvent {event_id}: subject {shown(subject)} is not {expected_subject!r} "
            "(<aggregateType>/<aggregateId>); subject filters would route it as another aggregate"
        )
    return event


def _python_name(model: type, wire_name: str) -> str:
    for name, info in model.model_fields.items():  # type: ignore[attr-defined]
        if info.alias == wire_name or name == wire_name:
            return name
    raise KeyError(wire_name)


def read_structured_json(body: str | bytes) -> dict[str, Any]:
    """A structured-mode CloudEvent document as Event Grid would see it, read within the
    runtime's bounds (:mod:`.jsonbounds`); raises :class:`~.errors.CloudEventMappingError`."""
    try:
        document = load_json(body, what="CloudEvent")
    except EventFormatError as exc:
        raise CloudEventMappingError(str(exc)) from None
    if not isinstance(document, dict):
        raise CloudEventMappingError(f"a CloudEvent is a JSON object, not {type(document).__name__}")
    if document.get("specversion") != "1.0":
        raise CloudEventMappingError(f"specversion {shown(document.get('specversion'))} is not '1.0'")
    return document


def from_structured_json(body: str | bytes) -> AnyEvent:
    """Parse a structured-mode CloudEvent JSON document back into the contract event."""
    document = read_structured_json(body)
    return _from_checked_document(document, body)


def from_structured_document(document: Mapping[str, Any]) -> AnyEvent:
    """The contract event of a parsed structured-mode CloudEvent (see :func:`read_structured_json`)."""
    return _from_checked_document(document, json.dumps(document))


def _from_checked_document(document: Mapping[str, Any], text: str | bytes) -> AnyEvent:
    """``text`` is ``document`` as JSON, already read within bounds (read_structured_json)."""
    missing = [attr for attr in ("id", "time") if attr not in document]
    if missing:
        raise CloudEventMappingError(f"CloudEvent {shown(document.get('id'))} lacks attribute(s) {', '.join(missing)}")
    try:
        cloud_event = _FORMAT.read(CloudEvent, text)
    except Exception as exc:  # the SDK's CloudEventValidationError, dateutil and base64 errors
        raise CloudEventMappingError(f"invalid CloudEvent: {exc}") from None
    return from_cloudevent(cloud_event)


def routing_view(event: AnyEvent, *, source: str | None = None) -> dict[str, Any]:
    """The CloudEvent as a JSON object: what an Event Grid topic with the
    ``CloudEventSchemaV1_0`` input schema evaluates its subscriptions' filters against."""
    return json.loads(to_structured_json(event, source=source))


def to_structured_json(event: AnyEvent, *, source: str | None = None) -> bytes:
    """Structured content mode: the whole CloudEvent as ``application/cloudevents+json``."""
    return _FORMAT.write(to_cloudevent(event, source=source))


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


def _binary_attributes(props: Mapping[str, Any]) -> dict[str, Any]:
    """``cloudEvents_x``/``cloudEvents:x`` properties -> attribute ``x``; one attribute under
    both prefixes must carry one value (a Service Bus rule may read either)."""
    attributes: dict[str, Any] = {}
    for key, value in props.items():
        for prefix in _AMQP_PREFIXES:
            if isinstance(key, str) and key.startswith(prefix):
                name = key[len(prefix):]
                if name in attributes and attributes[name] != value:
                    raise AttributeMismatchError(
                        f"attribute {name!r} is given twice with different values "
                        f"({shown(attributes[name])} and {shown(value)})"
                    )
                attributes[name] = value
    return attributes


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
    mismatch means the message was routed on a value its content contradicts (fail closed,
    :class:`~.errors.AttributeMismatchError`).
    """
    if isinstance(body, str):
        raw = body.encode("utf-8", "surrogatepass")
    elif isinstance(body, (bytes, bytearray, memoryview)):
        raw = bytes(body)
    else:
        raise CloudEventMappingError(f"message body must be bytes or text, not {type(body).__name__}")
    try:
        props = dict(application_properties or {})
    except (TypeError, ValueError) as exc:
        raise CloudEventMappingError(f"application properties are not a mapping: {exc}") from None
    attributes = _binary_attributes(props)
    if _media_type(content_type).startswith("application/cloudevents"):
        event = from_structured_json(raw)
    elif attributes:
        event = _from_binary(raw, content_type, props, attributes)
    else:
        try:
            document = load_json(raw, what="message body")
        except EventFormatError as exc:
            raise CloudEventMappingError(str(exc)) from None
        if isinstance(document, dict) and "specversion" in document:
            event = from_structured_json(raw)
        else:
            event = event_from_document(document)
    _check_property(props, SERVICE_BUS_REGION_PROPERTY, event.data_region, event.id)
    _check_property(props, SERVICE_BUS_CLASSIFICATION_PROPERTY, event.data_classification, event.id)
    return event


def _from_binary(raw: bytes, content_type: str | None, props: Mapping[str, Any], attributes: Mapping[str, Any]) -> AnyEvent:
    missing = [attr for attr in ("id", "time") if attr not in attributes]
    if missing:
        raise CloudEventMappingError(f"binary-mode message lacks cloudEvents_{', cloudEvents_'.join(missing)}")
    try:
        load_json(raw, what="message body")  # bounded before the SDK parses it
    except EventFormatError as exc:
        raise CloudEventMappingError(str(exc)) from None
    message = amqp.AMQPMessage(
        properties={amqp.CONTENT_TYPE_PROPERTY: content_type or JSON_CONTENT_TYPE},
        application_properties=dict(props),
        application_data=raw,
    )
    try:
        cloud_event = amqp.from_binary(message, _FORMAT, CloudEvent)
    except Exception as exc:  # CloudEventValidationError and dateutil errors
        raise CloudEventMappingError(f"invalid CloudEvent in binary mode: {exc}") from None
    return from_cloudevent(cloud_event)


def from_event_grid_event(*, event_id: Any, event_type: Any, subject: Any, data: Any) -> AnyEvent:
    """The contract event an Event Grid *schema* event carries in ``data`` (the source design's
    JSON); its ``id`` and ``eventType`` must be the event's, and its ``subject``, when set,
    ``<aggregateType>/<aggregateId>``: Event Grid filters and logs use those."""
    try:
        event = event_from_document(data)
    except ValidationError:
        raise
    except Exception as exc:
        raise CloudEventMappingError(f"Event Grid event {shown(event_id)}: data is not an event: {exc}") from None
    checks = {"id": (event_id, event.id), "eventType": (event_type, event.event_type)}
    if subject:
        checks["subject"] = (subject, f"{event.aggregate_type}/{event.aggregate_id}")
    for name, (given, expected) in checks.items():
        if given != expected:
            raise AttributeMismatchError(
                f"Event Grid event {shown(event_id)}: {name} {shown(given)} contradicts the event's {shown(expected)}"
            )
    return event


def check_session_id(event: AnyEvent, session_id: Any, *, required: bool) -> None:
    """The Service Bus session id must be the event's ``aggregateId`` (one session per
    aggregate is what keeps an aggregate's events in order). ``required``: the message came
    from a session-enabled queue, so an absent session id is refused too, never ignored."""
    if session_id is None or session_id == "":
        if required:
            raise AttributeMismatchError(
                f"event {event.id!r} arrived without a session id on a session queue; the session id "
                f"must be its aggregateId {event.aggregate_id!r}"
            )
        return
    if session_id != event.aggregate_id:
        raise AttributeMismatchError(
            f"event {event.id!r}: session id {shown(session_id)} is not its aggregateId "
            f"{event.aggregate_id!r}; the aggregate's events would be ordered in another session"
        )


def _media_type(content_type: Any) -> str:
    """``application/json; charset=utf-8`` -> ``application/json`` (lower-case, no parameters)."""
    if not isinstance(content_type, str):
        return ""
    return content_type.split(";", 1)[0].strip().lower()


def _check_property(props: Mapping[str, Any], name: str, expected: str, event_id: str) -> None:
    """A ``DataRegion``/``DataClassification`` property, when present, must name the event's
    value: the region in any case Event Grid would match (normalize_data_region), the
    classification exactly."""
    if name not in props:
        return
    value = props[name]
    agrees = False
    if isinstance(value, str):
        if name == SERVICE_BUS_REGION_PROPERTY:
            try:
                agrees = normalize_data_region(value) == expected
            except ValueError:
                agrees = False
        else:
            agrees = value == expected
    if not agrees:
        raise AttributeMismatchError(
            f"event {event_id!r}: application property {name}={shown(value)} contradicts the "
            f"event's value {expected!r}"
        )
