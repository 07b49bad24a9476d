"""Routing what-if: which Event Grid subscriptions would deliver an event, and where.

Which topic the event is published to comes first: a :class:`~.contract.SovereignEvent` goes to
the stack's event topics, a :class:`~.contract.MetadataEvent` -- and only it -- to a metadata
topic (an Event Grid topic tagged ``names.TOPIC_KIND_TAG: names.METADATA_TOPIC_KIND``, which only
the metadata publisher's identity may send to). A subscription on the other kind of topic never
sees the event; a subscription whose topic is not among the captured resources (an external
scope, a domain, a system topic) is evaluated as if the event were published there, so the
what-if never hides a delivery it cannot rule out.

Then each subscription's ``filter`` (``includedEventTypes``, ``subjectBeginsWith``/
``subjectEndsWith``, ``advancedFilters``) is evaluated against the CloudEvent *as published*:
its attributes and ``data``, never the contract's reading of the body. Event Grid semantics
(https://learn.microsoft.com/azure/event-grid/event-filtering#advanced-filtering):

- advanced filters are AND-ed; the ``values`` of one filter are OR-ed (for the ``Not``
  operators: none may match);
- string comparisons are exact up to letter case ("case-insensitive" in Microsoft's docs):
  both sides are folded one character at a time with its simple upper-case mapping, the way
  .NET's ``OrdinalIgnoreCase`` compares; nothing else is normalised (a trailing space, an em
  space or a no-break space makes a different string). Python's ``str.lower`` would instead
  equate the Kelvin sign with ``k`` and expand ``ß``;
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

from .names import METADATA_CHANNEL_LABEL, METADATA_TOPIC_KIND, TOPIC_KIND_TAG

__all__ = [
    "EVENTS_TOPIC",
    "EVENT_SUBSCRIPTION_TYPES",
    "METADATA_TOPIC",
    "OPERATORS",
    "UNRESOLVED_TOPIC",
    "Delivery",
    "FilterResult",
    "RoutingError",
    "RoutingReport",
    "Subscription",
    "evaluate_filter",
    "fold",
    "lookup",
    "published_topic_kind",
    "route",
    "subscriptions_from_resources",
]

#: Kinds of topic a subscription can be on (see the module doc).
EVENTS_TOPIC = "events"
METADATA_TOPIC = METADATA_TOPIC_KIND
UNRESOLVED_TOPIC = "unresolved"
TOPIC_TYPES: frozenset[str] = frozenset({"azure-native:eventgrid:Topic"})

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


class RoutingError(ValueError):
    """A filter the what-if cannot evaluate (an unknown operator, a malformed value)."""


def fold(text: str) -> str:
    """``text`` folded for a case-insensitive comparison: each character replaced by its
    simple (one-character) upper-case mapping, as .NET's ``OrdinalIgnoreCase`` does; a
    character whose upper case is longer (``ß`` -> ``SS``) stays as it is."""
    if text.isascii():
        return text.upper()
    return "".join(up if len(up := char.upper()) == 1 else char for char in text)


def _as_str(value: Any) -> str | None:
    return fold(value) if isinstance(value, str) else None


def _as_number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def _values(spec: Mapping[str, Any]) -> list[Any]:
    values = spec.get("values")
    if values is None:
        return []
    if not isinstance(values, (list, tuple)):
        raise RoutingError(f"{spec.get('operatorType')} {spec.get('key')}: values must be a list, not {values!r}")
    return list(values)


def _strings(spec: Mapping[str, Any]) -> list[str]:
    return [fold(v) if isinstance(v, str) else fold(str(v)) for v in _values(spec)]


def _number(value: Any, spec: Mapping[str, Any]) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise RoutingError(f"{spec.get('operatorType')} {spec.get('key')}: {value!r} is not a number")
    try:
        return float(value)
    except ValueError:
        raise RoutingError(f"{spec.get('operatorType')} {spec.get('key')}: {value!r} is not a number") from None


def _numbers(spec: Mapping[str, Any]) -> list[float]:
    return [_number(v, spec) for v in _values(spec)]


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
    ranges = []
    for pair in _values(spec):
        if not isinstance(pair, (list, tuple)) or len(pair) != 2:
            raise RoutingError(f"{spec.get('operatorType')} {spec.get('key')}: {pair!r} is not a [low, high] pair")
        ranges.append((_number(pair[0], spec), _number(pair[1], spec)))
    return any(lo <= n <= hi for lo, hi in ranges)


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
    "NumberGreaterThan": (_number_op(lambda n, s: n > _number(s.get("value"), s)), False),
    "NumberGreaterThanOrEquals": (_number_op(lambda n, s: n >= _number(s.get("value"), s)), False),
    "NumberLessThan": (_number_op(lambda n, s: n < _number(s.get("value"), s)), False),
    "NumberLessThanOrEquals": (_number_op(lambda n, s: n <= _number(s.get("value"), s)), False),
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
        match = next((k for k in current if fold(str(k)) == fold(part)), _MISSING)
        if match is _MISSING:
            return _MISSING
        current = current[match]
    return current


def _match_one(spec: Mapping[str, Any], document: Mapping[str, Any], arrays: bool) -> bool:
    operator = spec.get("operatorType")
    if not isinstance(operator, str) or operator not in OPERATORS:
        raise RoutingError(f"unsupported advanced filter operatorType {operator!r}")
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
        event_type = fold(str(document.get("type", "")))
        if event_type not in {fold(str(t)) for t in types}:
            return FilterResult(False, f"includedEventTypes {list(types)} excludes {document.get('type')!r}")
    subject = str(document.get("subject", ""))
    sensitive = bool(spec.get("isSubjectCaseSensitive"))
    case = (lambda s: s) if sensitive else fold
    begins, ends = spec.get("subjectBeginsWith"), spec.get("subjectEndsWith")
    if begins and not case(subject).startswith(case(str(begins))):
        return FilterResult(False, f"subject {subject!r} does not begin with {begins!r}")
    if ends and not case(subject).endswith(case(str(ends))):
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
    #: EVENTS_TOPIC, METADATA_TOPIC or UNRESOLVED_TOPIC (module doc).
    topic_kind: str = UNRESOLVED_TOPIC

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


def _topic_kind(topic: Any) -> str:
    tags = _get(topic, "inputs") or {}
    tags = tags.get("tags") if isinstance(tags, Mapping) else None
    if isinstance(tags, Mapping):
        for key, value in tags.items():
            if str(key).lower() == TOPIC_KIND_TAG.lower() and value == METADATA_TOPIC_KIND:
                return METADATA_TOPIC
    return EVENTS_TOPIC


class _Topics:
    """The captured Event Grid topics, found by ARM id or by name."""

    def __init__(self, resources: Iterable[Any]) -> None:
        self.by_id: dict[str, Any] = {}
        self.by_name: dict[str, list[Any]] = {}
        for res in resources:
            if str(_get(res, "type", "")) not in TOPIC_TYPES:
                continue
            inputs = _get(res, "inputs") or {}
            resource_id = _get(res, "id") or ""
            if isinstance(resource_id, str) and resource_id:
                self.by_id[resource_id.lower()] = res
            name = inputs.get("topicName") if isinstance(inputs, Mapping) else None
            if isinstance(name, str):
                self.by_name.setdefault(name.lower(), []).append(res)

    def kind(self, inputs: Mapping[str, Any]) -> str:
        """The kind of the topic a subscription's inputs point at (``scope`` id, or
        ``topicName``); UNRESOLVED_TOPIC when it is not one captured topic."""
        scope = inputs.get("scope")
        candidates: list[Any] = []
        if isinstance(scope, str) and scope:
            found = self.by_id.get(scope.lower())
            if found is not None:
                candidates = [found]
            else:
                parts = scope.rstrip("/").split("/")
                if len(parts) >= 2 and parts[-2].lower() == "topics" and "microsoft.eventgrid" in scope.lower():
                    candidates = self.by_name.get(parts[-1].lower(), [])
        elif isinstance(inputs.get("topicName"), str):
            candidates = self.by_name.get(inputs["topicName"].lower(), [])
        kinds = {_topic_kind(topic) for topic in candidates}
        return kinds.pop() if len(kinds) == 1 else UNRESOLVED_TOPIC


def subscriptions_from_resources(resources: Iterable[Any]) -> list[Subscription]:
    """Event Grid subscriptions among captured resources (objects or dicts with ``type``,
    ``name``, ``urn``, ``id`` and camelCase ``inputs``), each with the kind of its topic."""
    resources = list(resources)
    topics = _Topics(resources)
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
        kind = topics.kind(inputs) if token in _TOPIC_SUBSCRIPTION_TYPES else UNRESOLVED_TOPIC
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
            topic_kind=kind,
        ))
    return found


#: Subscription types whose topic can be one captured ``eventgrid:Topic``.
_TOPIC_SUBSCRIPTION_TYPES: frozenset[str] = frozenset({
    "azure-native:eventgrid:EventSubscription",
    "azure-native:eventgrid:TopicEventSubscription",
})


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


def published_topic_kind(event: Any) -> str:
    """Where the event is published: the metadata topic for a MetadataEvent (the metadata
    publisher accepts nothing else), the event topics for anything else."""
    from .contract import MetadataEvent

    return METADATA_TOPIC if isinstance(event, MetadataEvent) else EVENTS_TOPIC


def route(document: Mapping[str, Any], subscriptions: Sequence[Subscription], *, published_to: str | None = None) -> RoutingReport:
    """Evaluate every subscription's filter against the event's CloudEvents ``document``.

    ``published_to`` (EVENTS_TOPIC or METADATA_TOPIC, see :func:`published_topic_kind`): a
    subscription on the other kind of topic is skipped -- the event is never published there;
    unresolved topics are evaluated. None evaluates every subscription (a bare filter check).
    Raises :class:`RoutingError` for a filter that cannot be evaluated."""
    deliveries = []
    for sub in subscriptions:
        try:
            result = evaluate_filter(sub.filter, document)
        except RoutingError as exc:
            raise RoutingError(f"subscription {sub.name} ({sub.urn}): {exc}") from None
        if published_to is not None and sub.topic_kind not in (published_to, UNRESOLVED_TOPIC):
            # Never published there; say what the filter alone would do, so a channel that
            # relies on the topic only (a weak filter) is visible in the what-if.
            also = ("its filter alone would admit it" if result.matched
                    else f"its filter would refuse it too: {result.reason}")
            deliveries.append(Delivery(sub, False, f"{_other_topic(published_to, sub)}; {also}"))
            continue
        deliveries.append(Delivery(sub, result.matched, result.reason))
    return RoutingReport(deliveries)


def _other_topic(published_to: str, sub: Subscription) -> str:
    if published_to == METADATA_TOPIC:
        return f"on the event topic {sub.topic}; a MetadataEvent is published only to a metadata topic"
    return (f"on the metadata topic {sub.topic}; only the metadata publisher sends there, and it "
            "sends MetadataEvents only")
