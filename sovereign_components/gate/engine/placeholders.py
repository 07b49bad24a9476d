"""Typed placeholder values shaped from an SDK type: what a program reads where Azure would answer.

Offline there is no provider to compute outputs (an App Insights ``instrumentation_key``, a
``pulumi-random`` ``result``) or to answer invokes (``servicebus.list_queue_keys``). Answering
nothing makes the SDK hand the program ``None`` (a crash in the program's own code, exit 2 for
a program that would preview fine); answering a value of the declared *type* lets it run on.
The type comes from the installed SDK (:mod:`..sdk`), never from a hand list:

* ``string``: an enum's first member, else a value chosen by the property's name (a GUID for
  ``principalId``-like names, an ARM-shaped id for ``...Id``, a URL for endpoints, a timestamp
  for ``...Time``), else ``"offline-placeholder"``. A ``location`` is :data:`~..model.UNKNOWN`:
  where an existing resource lives cannot be known offline, and a made-up region would be judged
  as one.
* ``integer``/``number`` 0, ``boolean`` false; ``array`` one element; ``map`` and ``any`` empty;
  ``object`` every declared property (to :data:`MAX_DEPTH`; cycles cut); ``union`` its first
  variant.

Placeholders depend only on the type and the property name, so they are deterministic and built
once per type (:func:`placeholder` returns a fresh copy each call). Policies never see them
(``outputs.py`` keeps them to what the program reads); the report's "emulated" list says where
they were used.
"""

from __future__ import annotations

import copy
import re
import threading
import uuid
from collections.abc import Callable
from typing import Any

from ..model import UNKNOWN
from ..sdk import TypeSpec

#: The subscription and tenant every offline id lives in (zero GUIDs: obviously not real ones).
SUBSCRIPTION_ID = "00000000-0000-0000-0000-000000000000"
TENANT_ID = "00000000-0000-0000-0000-000000000000"
#: Nested objects are filled to this depth; deeper objects are ``{}``. Why so shallow: network
#: types nest (and recurse) deeply — one ``PrivateEndpoint``'s outputs filled to depth 5 are
#: 140 KB of JSON the SDK then converts property by property — and a program reads the first
#: level or two (``account.primary_endpoints.blob``, ``key.value``).
MAX_DEPTH = 2
TEXT = "offline-placeholder"


def stable_guid(*parts: str) -> str:
    """A GUID derived from ``parts`` (uuid5), so placeholders are the same on every run."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "sovereign-preview:" + "/".join(parts)))


def _arm_id(key: str) -> str:
    return (f"/subscriptions/{SUBSCRIPTION_ID}/resourceGroups/{TEXT}/providers/"
            f"Offline.Placeholder/{key or 'resource'}/{TEXT}")


#: (pattern on the property's wire name, value) — first match wins. Data, not an if-chain.
STRING_RULES: tuple[tuple[re.Pattern[str], Callable[[str], Any]], ...] = (
    (re.compile(r"^(locations?|regions?)$|[a-z]Locations?$"), lambda key: UNKNOWN),
    (re.compile(r"(?i)^subscriptionId$"), lambda key: SUBSCRIPTION_ID),
    (re.compile(r"(?i)^tenantId$"), lambda key: TENANT_ID),
    (re.compile(r"(?i)(principal|client|object|application|app|customer|instrumentation)(Id|Key)$"),
     lambda key: stable_guid("placeholder", key)),
    (re.compile(r"(?i)(^id$|Id$|ResourceId$|Ids$)"), _arm_id),
    (re.compile(r"(?i)(hostName|fqdn|domain)$"), lambda key: f"{TEXT}.invalid"),
    (re.compile(r"(?i)(endpoint|url|uri)s?$"), lambda key: f"https://{TEXT}.invalid/"),
    (re.compile(r"(?i)(time|date|timestamp)(utc)?$"), lambda key: "2000-01-01T00:00:00Z"),
)


def _string(spec: TypeSpec, key: str) -> Any:
    if spec.enum:
        return spec.enum[0]
    for pattern, value in STRING_RULES:
        if pattern.search(key):
            return value(key)
    return TEXT


def _build(spec: TypeSpec | None, key: str, depth: int, seen: frozenset[int]) -> Any:
    if spec is None:
        return TEXT
    kind = spec.kind
    if kind == "string":
        return _string(spec, key)
    if kind == "integer":
        return spec.enum[0] if spec.enum else 0
    if kind == "number":
        return spec.enum[0] if spec.enum else 0.0
    if kind == "boolean":
        return False
    if kind == "array":
        return [_build(spec.items, key, depth, seen)] if spec.items is not None else []
    if kind == "object":
        if depth >= MAX_DEPTH or id(spec) in seen:
            return {}
        inner = seen | {id(spec)}
        return {wire: _build(prop, wire, depth + 1, inner) for wire, prop in spec.properties.items()}
    if kind == "union":
        return _build(spec.variants[0], key, depth, seen) if spec.variants else {}
    return {}  # map, any, asset, archive: an empty value of a JSON-able shape


_CACHE: dict[tuple[int, str, int], tuple[TypeSpec, Any]] = {}
_LOCK = threading.Lock()


def placeholder(spec: TypeSpec | None, key: str = "", *, depth: int = MAX_DEPTH) -> Any:
    """A fresh placeholder value of type ``spec`` for a property named ``key`` (wire name),
    objects filled ``depth`` levels deep."""
    if spec is None:
        return TEXT
    cache_key = (id(spec), key, depth)
    with _LOCK:
        hit = _CACHE.get(cache_key)
    if hit is None or hit[0] is not spec:  # the spec object keeps its id alive in the entry
        value = _build(spec, key, MAX_DEPTH - depth, frozenset())
        with _LOCK:
            _CACHE[cache_key] = (spec, value)
        hit = (spec, value)
    value = hit[1]
    return copy.deepcopy(value) if isinstance(value, (dict, list)) else value


def kind_of(value: Any) -> str:
    """The SDK kind a JSON value has (``string``, ``number``, ``boolean``, ``array``, ``object``)."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "any"


_COMPATIBLE = {
    "string": {"string"},
    "integer": {"number"},
    "number": {"number"},
    "boolean": {"boolean"},
    "array": {"array"},
    "object": {"object"},
    "map": {"object"},
}


def fits(value: Any, spec: TypeSpec | None) -> bool:
    """Whether a JSON value can stand where ``spec`` is declared (``any``/``union`` accept all)."""
    if spec is None or spec.kind in ("any", "union", "asset", "archive") or value == UNKNOWN:
        return True
    return kind_of(value) in _COMPATIBLE.get(spec.kind, {kind_of(value)})
