"""Routing what-if: which Event Grid subscriptions would deliver an event, and where.

Evaluates a subscription's ``filter`` (``includedEventTypes``, ``subjectBeginsWith``/
``subjectEndsWith``, ``advancedFilters``) against the CloudEvents form of an event
(:func:`~sovereign_components.events.cloudevents_mapping.routing_view`), with Event Grid semantics:

- advanced filters are AND-ed; the ``values`` of one filter are OR-ed (for the ``Not``
  operators: none may match);
- string comparisons are case-insensitive;
- a key absent from the event matches nothing, except ``IsNullOrUndefined`` (fail closed: a
  what-if must not promise a delivery that depends on an absent field);
- ``data.x.y`` reaches into ``data``; a bare key is a CloudEvents attribute or extension
  (``dataregion``), matched case-insensitively;
- a value of the wrong type matches nothing (a number is not a string for ``StringIn``);
- arrays match only with ``enableAdvancedFilteringOnArrays`` (any element, or every element
  for the ``Not`` operators).

Subscriptions come from captured resources (the offline engine) as camelCase inputs.
Pure: no Pulumi.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .names import METADATA_CHANNEL_LABEL

__all__ = [
    "EVENT_SUBSCRIPTION_TYPES",
    "OPERATORS",
    "Delivery",
    "FilterResult",
    "RoutingReport",
    "Subscription",
    "evaluate_filter",
    "lookup",
    "route",
    "subscriptions_from_resources",
]

EVENT_SUBSCRIPTION_TYPES: frozenset[str] = frozenset({
    "azure-native:eventgrid:EventSubscription",
    "azure-native:eventgrid:TopicEventSubscription",
    "azure-native:eventgrid:DomainEventSubscription",
    "azure-native:eventgrid:DomainTopicEventSubscription",
    "azure-native:eventgrid:SystemTopicEventSubscription",
})

_MISSING = object()
#: Event Grid schema names of the core attributes -> CloudEvents names (for filters written
#: for an EventGridSchema topic: ``EventType``, ``Id``, ``Topic``).
_ATTRIBUTE_ALIASES: dict[str, str] = {"eventtype": "type", "topic": "source", "eventtime": "time"}


def _as_str(value: Any) -> str | None:
    return value.lower() if isinstance(value, str) else None


def _as_number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def _strings(spec: Mapping[str, Any]) -> list[str]:
    return [str(v).lower() for v in spec.get("values") or []]


def _numbers(spec: Mapping[str, Any]) -> list[float]:
    return [float(v) for v in spec.get("values") or []]


def _string_op(test: Callable[[str, str], bool]) -> Callable[[Any, Mapping[str, Any]], bool]:
    def op(value: Any, spec: Mapping[str, Any]) -> bool:
        text = _as_str(value)
        return text is not None and any(test(text, v) for v in _strings(spec))
    return op


def _number_op(test: Callable[[float, Mapping[str, Any]], bool]) -> Callable[[Any, Mapping[str, Any]], bool]:
    def op(value: Any, spec: Mapping[str, Any]) -> bool:
        number = _as_number(value)
        return number is not None and test(number, spec)
    return op


def _in_ranges(n: float, spec: Mapping[str, Any]) -> bool:
    return any(float(lo) <= n <= float(hi) for lo, hi in spec.get("values") or [])


#: operatorType -> (predicate on one present value, negated?). Negated operators are written
#: as the positive predicate; :func:`_match_one` inverts them (so arrays need every element).
OPERATORS: dict[str, tuple[Callable[[Any, Mapping[str, Any]], bool], bool]] = {
    "StringIn": (_string_op(lambda t, v: t == v), False),
    "StringNotIn": (_string_op(lambda t, v: t == v), True),
    "StringBeginsWith": (_string_op(str.startswith), False),
    "StringNotBeginsWith": (_string_op(str.startswith), True),
    "StringEndsWith": (_string_op(str.endswith), False),
    "StringNotEndsWith": (_string_op(str.endswith), True),
    "StringContains": (_string_op(lambda t, v: v in t), False),
    "StringNotContains": (_string_op(lambda t, v: v in t), True),
    "NumberIn": (_number_op(lambda n, s: n in _numbers(s)), False),
    "NumberNotIn": (_number_op(lambda n, s: n in _numbers(s)), True),
    "NumberGreaterThan": (_number_op(lambda n, s: n > float(s["value"])), False),
    "NumberGreaterThanOrEquals": (_number_op(lambda n, s: n >= float(s["value"])), False),
    "NumberLessThan": (_number_op(lambda n, s: n < float(s["value"])), False),
    "NumberLessThanOrEquals": (_number_op(lambda n, s: n <= float(s["value"])), False),
    "NumberInRange": (_number_op(_in_ranges), False),
    "NumberNotInRange": (_number_op(_in_ranges), True),
    "BoolEquals": (lambda v, s: isinstance(v, bool) and v == bool(s.get("value")), False),
    "IsNotNull": (lambda v, s: v is not None, False),
    "IsNullOrUndefined": (lambda v, s: v is None, False),
}


def lookup(document: Mapping[str, Any], key: str) -> Any:
    """The value at an Event Grid filter key, or ``_MISSING``; segments match case-insensitively."""
    parts = key.split(".")
    head = _ATTRIBUTE_ALIASES.get(parts[0].lower(), parts[0])
    current: Any = document
    for part in [head, *parts[1:]]:
        if not isinstance(current, Mapping):
            return _MISSING
        match = next((k for k in current if str(k).lower() == part.lower()), _MISSING)
        if match is _MISSING:
            return _MISSING
        current = current[match]
    return current


def _match_one(spec: Mapping[str, Any], document: Mapping[str, Any], arrays: bool) -> bool:
    operator = spec.get("operatorType")
    if operator not in OPERATORS:
        raise ValueError(f"unsupported advanced filter operatorType {operator!r}")
    predicate, negated = OPERATORS[operator]
    value = lookup(document, str(spec.get("key", "")))
    if value is _MISSING:
        return operator == "IsNullOrUndefined"
    if isinstance(value, list):
        if not arrays:
            return False
        hits = [predicate(v, spec) for v in value]
        return (not any(hits)) if negated else any(hits)
    hit = predicate(value, spec)
    return (not hit) if negated else hit


@dataclass(frozen=True)
class FilterResult:
    """Whether a filter admits the event and, if not, the first clause that refused it."""

    matched: bool
    reason: str = ""


def evaluate_filter(filter_spec: Mapping[str, Any] | None, document: Mapping[str, Any]) -> FilterResult:
    """Evaluate a subscription ``filter`` (camelCase, as the SDK sends it) against ``document``."""
    spec = filter_spec or {}
    types = spec.get("includedEventTypes")
    if types:
        event_type = str(document.get("type", "")).lower()
        if event_type not in {str(t).lower() for t in types}:
            return FilterResult(False, f"includedEventTypes {list(types)} excludes {document.get('type')!r}")
    subject = str(document.get("subject", ""))
    sensitive = bool(spec.get("isSubjectCaseSensitive"))
    fold = (lambda s: s) if sensitive else str.lower
    begins, ends = spec.get("subjectBeginsWith"), spec.get("subjectEndsWith")
    if begins and not fold(subject).startswith(fold(begins)):
        return FilterResult(False, f"subject {subject!r} does not begin with {begins!r}")
    if ends and not fold(subject).endswith(fold(ends)):
        return FilterResult(False, f"subject {subject!r} does not end with {ends!r}")
    arrays = bool(spec.get("enableAdvancedFilteringOnArrays"))
    for advanced in spec.get("advancedFilters") or []:
        if not _match_one(advanced, document, arrays):
            shown = advanced.get("values", advanced.get("value"))
            actual = lookup(document, str(advanced.get("key", "")))
            got = "absent" if actual is _MISSING else repr(actual)
            return FilterResult(
                False, f"{advanced.get('operatorType')} {advanced.get('key')} {shown!r} refused {got}"
            )
    return FilterResult(True)


@dataclass(frozen=True)
class Subscription:
    """An Event Grid subscription as the routing what-if needs it."""

    name: str
    urn: str
    type: str
    topic: str
    filter: Mapping[str, Any]
    destination_type: str
    destination: str
    labels: tuple[str, ...] = ()
    dead_letter: str | None = None

    @property
    def metadata_channel(self) -> bool:
        return METADATA_CHANNEL_LABEL in self.labels


def _get(resource: Any, key: str, default: Any = None) -> Any:
    if isinstance(resource, Mapping):
        return resource.get(key, default)
    return getattr(resource, key, default)


def _destination(inputs: Mapping[str, Any]) -> tuple[str, str]:
    dest = inputs.get("destination") or (inputs.get("deliveryWithResourceIdentity") or {}).get("destination") or {}
    where = dest.get("resourceId") or dest.get("endpointUrl") or dest.get("endpointBaseUrl") or "(unknown)"
    return str(dest.get("endpointType", "(unknown)")), str(where)


def subscriptions_from_resources(resources: Iterable[Any]) -> list[Subscription]:
    """Event Grid subscriptions among captured resources (objects or dicts with ``type``,
    ``name``, ``urn`` and camelCase ``inputs``)."""
    found = []
    for res in resources:
        token = str(_get(res, "type", ""))
        if token not in EVENT_SUBSCRIPTION_TYPES:
            continue
        inputs: Mapping[str, Any] = _get(res, "inputs") or _get(res, "properties") or {}
        dest_type, dest = _destination(inputs)
        dead = (inputs.get("deadLetterDestination") or {}).get("resourceId") or (
            ((inputs.get("deadLetterWithResourceIdentity") or {}).get("deadLetterDestination") or {}).get("resourceId")
        )
        topic = inputs.get("topicName") or inputs.get("scope") or inputs.get("domainName") or inputs.get("systemTopicName") or ""
        found.append(Subscription(
            name=str(inputs.get("eventSubscriptionName") or _get(res, "name", "")),
            urn=str(_get(res, "urn", "")),
            type=token,
            topic=str(topic),
            filter=inputs.get("filter") or {},
            destination_type=dest_type,
            destination=dest,
            labels=tuple(str(label) for label in inputs.get("labels") or ()),
            dead_letter=str(dead) if dead else None,
        ))
    return found


@dataclass(frozen=True)
class Delivery:
    """One subscription's verdict for the event."""

    subscription: Subscription
    delivered: bool
    reason: str = ""


@dataclass(frozen=True)
class RoutingReport:
    deliveries: list[Delivery] = field(default_factory=list)

    @property
    def delivered(self) -> list[Delivery]:
        return [d for d in self.deliveries if d.delivered]

    @property
    def skipped(self) -> list[Delivery]:
        return [d for d in self.deliveries if not d.delivered]


def route(document: Mapping[str, Any], subscriptions: Sequence[Subscription]) -> RoutingReport:
    """Evaluate every subscription's filter against the event's CloudEvents ``document``."""
    deliveries = []
    for sub in subscriptions:
        result = evaluate_filter(sub.filter, document)
        deliveries.append(Delivery(sub, result.matched, result.reason))
    return RoutingReport(deliveries)
