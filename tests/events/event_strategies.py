"""Hypothesis strategies for the event runtime's property tests: valid events of both kinds,
hostile JSON and bytes, spellings of region codes, Service Bus messages and DLQ messages.

Valid events are *generated* from the contract's own vocabulary (boundary codes, the region
catalogue, the classifications), never listed by hand; hostile inputs mix the shapes the issue
names (Unicode spaces and control characters in codes, ``"²"`` versions, 5,000-digit numbers,
5,000-deep JSON, non-UTF-8 bytes, duplicate keys) with arbitrary ones.
"""

from __future__ import annotations

import json
import os
import string
import unicodedata
from datetime import datetime, timedelta, timezone
from typing import Any

from hypothesis import settings
from hypothesis import strategies as st

from cloudevents.core.bindings import amqp

from sovereign_components.events import names
from sovereign_components.events.cloudevents_mapping import routing_view, to_service_bus, to_structured_json
from sovereign_components.events.contract import MetadataEvent, SovereignEvent
from sovereign_components.events.names import CLASSIFICATIONS, NON_REGULATED_CLASSIFICATIONS
from sovereign_components.geo.boundary import named_boundaries
from sovereign_components.geo.regions import all_regions

#: The settings every property test of the event runtime runs with (profiles: conftest.py).
PROPERTY = settings(settings.get_profile(os.environ.get("SOVEREIGN_HYPOTHESIS_PROFILE", "sovereign-events-ci")))

BOUNDARY_CODES: tuple[str, ...] = tuple(sorted(named_boundaries()))
REGION_NAMES: tuple[str, ...] = tuple(sorted(r.name for r in all_regions()))
CANONICAL_CODES: tuple[str, ...] = BOUNDARY_CODES + REGION_NAMES

#: Characters that make a string a different string for Event Grid while printing the same (or
#: nothing): Unicode spaces, line separators, control and format characters (the issue's em
#: space and no-break space among them).
INVISIBLE = st.sampled_from(
    [" ", "\t", "\n", "\r", "\x00", "\x1f", "\x7f", "\x85", "\u00a0", "\u1680", "\u2000", "\u2003", "\u2009",
     "\u200b", "\u200d", "\u2028", "\u2029", "\u202e", "\u2060", "\u3000", "\ufeff"]
)
#: ... and, for region codes, the separators a display name has ("West Europe", "west-europe").
CODE_BREAKERS = st.one_of(INVISIBLE, st.sampled_from(["-", "_", ".", "/"]))


def _recase(text: str, mask: int) -> str:
    return "".join(c.swapcase() if mask >> i & 1 else c for i, c in enumerate(text))


#: (canonical code, a spelling of it that differs only in letter case)
code_spellings = st.builds(
    lambda code, mask: (code, _recase(code, mask)), st.sampled_from(CANONICAL_CODES), st.integers(0, 2**24 - 1)
)


@st.composite
def corrupted_codes(draw: st.DrawFn) -> str:
    """A canonical code with an invisible or separator character inserted somewhere."""
    _, spelling = draw(code_spellings)
    position = draw(st.integers(0, len(spelling)))
    return spelling[:position] + draw(CODE_BREAKERS) + spelling[position:]


#: Identifier characters the contract allows: no control, format, surrogate, private-use,
#: unassigned or separator character (categories C*, Z*), none of / \ ? # -- derived from the
#: Unicode database over the Basic Multilingual Plane's first blocks (sampling a list is much
#: cheaper for hypothesis than filtering ``characters()`` by category).
_PRINTABLE = [chr(c) for c in range(0x21, 0x3100) if unicodedata.category(chr(c))[0] not in "CZ"]
ID_ALPHABET = [c for c in _PRINTABLE if c not in "/\\?#"]
ASCII_ID_ALPHABET = [c for c in ID_ALPHABET if c.isascii()]
ID_CHARS = st.one_of(st.sampled_from(ASCII_ID_ALPHABET), st.sampled_from(ID_ALPHABET))
identifiers = st.text(ID_CHARS, min_size=1, max_size=8)
type_names = st.builds(
    str.__add__, st.sampled_from(string.ascii_letters), st.text(string.ascii_letters + string.digits + "_.-", max_size=12)
)
timestamps = st.datetimes(
    min_value=datetime(1970, 1, 2), max_value=datetime(2999, 12, 31), timezones=st.just(timezone.utc)
)

json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**63), 2**63), st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
)
json_values = st.recursive(
    json_scalars,
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(st.text(max_size=8), children, max_size=4)),
    max_leaves=4,
)
payloads = st.dictionaries(st.text(max_size=6), json_values, max_size=3)


@st.composite
def sovereign_events(draw: st.DrawFn, *, classification: st.SearchStrategy[str] | None = None) -> SovereignEvent:
    metadata: dict[str, Any] = {}
    if draw(st.booleans()):
        metadata["userId"] = draw(st.text(min_size=1, max_size=20))
    if draw(st.booleans()):
        metadata["clientIp"] = str(draw(st.ip_addresses()))
    return SovereignEvent.model_validate({
        "id": draw(identifiers), "aggregateId": draw(identifiers), "aggregateType": draw(type_names),
        "eventType": draw(type_names), "eventVersion": draw(st.integers(1, 2**31)),
        "timestamp": draw(timestamps), "dataRegion": draw(code_spellings)[1],
        "dataClassification": draw(classification or st.sampled_from(CLASSIFICATIONS)),
        "causationId": draw(identifiers), "correlationId": draw(identifiers),
        "metadata": metadata, "payload": draw(payloads),
    })


reference_values = st.text(st.sampled_from([c for c in ID_ALPHABET if c != "@"]), min_size=1, max_size=10)


@st.composite
def metadata_events(draw: st.DrawFn) -> MetadataEvent:
    keys = st.builds(str.__add__, st.sampled_from(string.ascii_lowercase), st.text(string.ascii_letters + string.digits, max_size=8))
    return MetadataEvent.model_validate({
        "id": draw(identifiers), "aggregateId": draw(identifiers), "aggregateType": draw(type_names),
        "eventType": draw(type_names), "eventVersion": draw(st.integers(1, 1000)),
        "timestamp": draw(timestamps), "dataRegion": draw(code_spellings)[1],
        "dataClassification": draw(st.sampled_from(NON_REGULATED_CLASSIFICATIONS)),
        "causationId": draw(identifiers), "correlationId": draw(identifiers),
        "references": draw(st.dictionaries(keys, st.one_of(reference_values, st.lists(reference_values, max_size=2)),
                                           max_size=2)),
    })


any_events = st.one_of(sovereign_events(), metadata_events())

#: Values the issue names, plus arbitrary ones, for any field.
hostile_scalars = st.one_of(
    json_scalars,
    st.sampled_from(["²", "1\u0662", "EU\u2003", "West\u00a0Europe", "west europe", "", " ", "\x00", "EU\n",
                     "Confidential\u200b", "internal", "metadata", "METADATA", "1", "0", "-1"]),
    corrupted_codes(),
    st.just(int("9" * 200)),
    st.text(max_size=16),
)

#: Raw bodies the issue names: 5,000-digit numbers, 5,000-deep JSON, not-UTF-8, not-JSON, and
#: duplicate keys - mixed with arbitrary bytes.
hostile_bodies = st.one_of(
    st.binary(max_size=64),
    st.just(b'{"a": ' + b"1" * 5000 + b"}"),
    st.just(b"[" * 5000 + b"]" * 5000),
    st.just(b'{"x":' * 3000 + b"1" + b"}" * 3000),
    st.just(b"\xff\xfe\x00{"),
    st.just(b'"just a string"'),
    st.just(b"NaN"),
    st.just(b'{"dataRegion": "US", "dataRegion": "EU"}'),
    st.text(max_size=40).map(lambda t: t.encode("utf-8", "surrogatepass")),
)


def mutate(document: dict[str, Any], draw: st.DrawFn, keys: list[str]) -> dict[str, Any]:
    """``document`` with one key replaced by a hostile value, removed, or added."""
    choice = draw(st.sampled_from(["replace", "remove", "add"]))
    result = dict(document)
    if choice == "replace" and keys:
        result[draw(st.sampled_from(keys))] = draw(st.one_of(hostile_scalars, json_values))
    elif choice == "remove" and keys:
        result.pop(draw(st.sampled_from(keys)), None)
    else:
        result[draw(st.text(string.ascii_letters, min_size=1, max_size=12))] = draw(hostile_scalars)
    return result


def to_text(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False, default=str)


enqueued_times = st.one_of(st.none(), st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1),
                                                    timezones=st.sampled_from([timezone.utc, timezone(timedelta(hours=2))])))


def delivered_by_event_grid(event: Any) -> dict[str, Any]:
    """The Service Bus message Event Grid delivers on the plane's processor path (structured
    body, delivery-mapped properties; the session id is separate), from the plane's own
    mapping table."""
    from sovereign_components.components.event_plane.defaults import QUEUE_DELIVERY_ATTRIBUTES

    body = to_structured_json(event)
    document = json.loads(body)
    props = {name: document[field] for name, field in QUEUE_DELIVERY_ATTRIBUTES.items() if name != "SessionId"}
    return {"body": body, "content_type": "application/json; charset=utf-8", "application_properties": props}


PROPERTY_KEYS = st.sampled_from([
    names.SERVICE_BUS_REGION_PROPERTY, names.SERVICE_BUS_CLASSIFICATION_PROPERTY,
    f"{amqp.CE_PREFIX_UNDERSCORE}id", f"{amqp.CE_PREFIX_UNDERSCORE}{names.REGION_ATTRIBUTE}",
    f"{amqp.CE_PREFIX_COLON}{names.KIND_ATTRIBUTE}", f"{amqp.CE_PREFIX_UNDERSCORE}time",
    f"{amqp.CE_PREFIX_UNDERSCORE}specversion", f"{amqp.CE_PREFIX_UNDERSCORE}eventversion", "other",
])


@st.composite
def messages(draw: st.DrawFn) -> dict[str, Any]:
    """Any message: a valid one as Event Grid delivers it, one with a mutated body (plain,
    structured or binary), or hostile bytes, with arbitrary content types and properties.
    ``event`` is the event the message was made from (not part of the message)."""
    event = draw(any_events)
    shape = draw(st.sampled_from(["valid", "plain", "structured", "binary", "bytes"]))
    props: dict[str, Any] = {}
    if shape == "valid":
        return {**delivered_by_event_grid(event), "event": event}
    if shape == "plain":
        body = to_text(mutate(event.to_wire(), draw, list(event.to_wire()))).encode("utf-8", "surrogatepass")
    elif shape == "structured":
        document = routing_view(event)
        body = to_text(mutate(document, draw, list(document))).encode("utf-8", "surrogatepass")
    elif shape == "binary":
        parts = to_service_bus(event)
        props = mutate(parts.application_properties, draw, list(parts.application_properties))
        body = draw(st.one_of(st.just(parts.body), hostile_bodies))
    else:
        body = draw(hostile_bodies)
    props.update(draw(st.dictionaries(PROPERTY_KEYS, hostile_scalars, max_size=2)))
    content_type = draw(st.one_of(st.none(), st.sampled_from(
        ["application/json", "application/cloudevents+json", "text/plain", "application/json; charset=utf-8"]),
        hostile_scalars))
    return {"body": body, "content_type": content_type, "application_properties": props, "event": event}


