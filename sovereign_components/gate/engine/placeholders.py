"""Typed placeholder values shaped from an SDK type: what a program reads where Azure would answer.

Offline there is no provider to compute outputs (an App Insights ``instrumentation_key``, a
``pulumi-random`` ``result``) or to answer invokes (``servicebus.list_queue_keys``). Answering
nothing makes the SDK hand the program ``None`` (a crash in the program's own code, exit 2 for
a program that would preview fine); answering a value of the declared *type* lets it run on.
The type comes from the installed SDK (:mod:`..sdk`), never from a hand list:

* ``string``: a value chosen by the property's name (a GUID for ``principalId``-like names, an
  ARM-shaped id for ``...Id``, a URL for endpoints, a timestamp for ``...Time``), else
  ``"offline-placeholder-<name>"``; an enum its first member (the SDK converts an enum-typed
  output to its ``Enum`` and rejects anything else — the one placeholder that cannot be told
  from a real value, see ``docs/engine.md``).
* ``integer``/``number`` 0, ``boolean`` false; ``array`` one element; ``map`` and ``any`` empty;
  ``object`` every declared property (to :data:`MAX_DEPTH`; cycles cut); ``union`` its first
  variant.

Placeholders depend only on the type and the property name, so they are deterministic and built
once per type (:func:`placeholder` returns a fresh copy each call). Policies never see them: every
made-up string carries :data:`TEXT` and every made-up GUID is remembered (:func:`is_made_up`), so
when a program passes one into a resource's inputs — an existing group's ``location`` read with
an invoke, a computed key spliced into a URL — the monitor records that input as *unknown*
(undecided for policies, listed in the report) instead of judging a value the engine invented.
(A ``location`` is such a string, not an unknown, so an invoke's typed result class accepts it.)
"""

from __future__ import annotations

import base64
import copy
import re
import threading
import uuid
from collections.abc import Callable
from typing import Any

from ..model import UNKNOWN
from ..sdk import TypeSpec
from .identity import DEFAULT, Identity

#: Nested objects are filled to this depth; deeper objects are ``{}``. Why so shallow: network
#: types nest (and recurse) deeply — one ``PrivateEndpoint``'s outputs filled to depth 5 are
#: 140 KB of JSON the SDK then converts property by property — and a program reads the first
#: level or two (``account.primary_endpoints.blob``, ``key.value``).
MAX_DEPTH = 2
#: Every made-up string contains it (policies never judge such a value; see :func:`is_made_up`).
TEXT = "offline-placeholder"
_LOCK = threading.Lock()


def stable_guid(*parts: str) -> str:
    """A GUID derived from ``parts`` (uuid5), so placeholders are the same on every run; stamped
    as version 4 (random), the form Azure issues object ids in, so its shape does not give the
    gate away (see :mod:`.identity`)."""
    derived = uuid.uuid5(uuid.NAMESPACE_URL, "sovereign-preview:" + "/".join(parts))
    return str(uuid.UUID(bytes=derived.bytes, version=4))


_MADE_UP_GUIDS: set[str] = set()


def made_up_guid(key: str, identity: Identity = DEFAULT) -> str:
    """A placeholder GUID for property ``key``, remembered as made up."""
    value = stable_guid("placeholder", key)
    with _LOCK:
        _MADE_UP_GUIDS.add(value)
    return value


def made_up_base64(key: str) -> str:
    """A base64 placeholder for property ``key`` (valid base64 of a text carrying :data:`TEXT`),
    remembered as made up: the encoded form does not show :data:`TEXT`."""
    value = base64.b64encode(f"{TEXT}-{_slug(key)}".encode("ascii")).decode("ascii")
    with _LOCK:
        _MADE_UP_GUIDS.add(value)
    return value


#: A string property whose SDK description says it is base64 (``kubeconfigs[].value`` of
#: ``listManagedClusterUserCredentials``: "Base64-encoded Kubernetes configuration file") gets
#: valid base64: programs decode it (``base64.b64decode(creds.kubeconfigs[0].value)``), and a
#: placeholder that is not base64 ends the program with "Incorrect padding" where a real
#: preview would go on.
BASE64_DESCRIPTION = re.compile(r"(?i)\bbase-?64\b")


def is_made_up(value: str) -> bool:
    """Whether the string carries a value this module invented (see the module docstring)."""
    return TEXT in value or value in _MADE_UP_GUIDS


def _slug(key: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", key.lower()).strip("-") or "value"


def _arm_id(key: str, identity: Identity) -> str:
    return (f"/subscriptions/{identity.subscription_id}/resourceGroups/{TEXT}/providers/"
            f"Offline.Placeholder/{_slug(key)}/{TEXT}")


#: (pattern on the property's wire name, value) — first match wins. Data, not an if-chain.
#: The run's subscription and tenant (:mod:`.identity`) are not made up: ids the program builds
#: from them name the stack's own subscription, as under a real deployment.
STRING_RULES: tuple[tuple[re.Pattern[str], Callable[[str, Identity], Any]], ...] = (
    (re.compile(r"^(locations?|regions?)$|[a-z]Locations?$"), lambda key, ident: f"{TEXT}-location"),
    (re.compile(r"(?i)^subscriptionId$"), lambda key, ident: ident.subscription_id),
    (re.compile(r"(?i)^tenantId$"), lambda key, ident: ident.tenant_id),
    (re.compile(r"(?i)(principal|client|object|application|app|customer|instrumentation)(Id|Key)$"),
     made_up_guid),
    (re.compile(r"(?i)(^id$|Id$|ResourceId$|Ids$)"), _arm_id),
    (re.compile(r"(?i)(hostName|fqdn|domain)$"), lambda key, ident: f"{TEXT}-{_slug(key)}.invalid"),
    (re.compile(r"(?i)(endpoint|url|uri)s?$"), lambda key, ident: f"https://{TEXT}-{_slug(key)}.invalid/"),
    (re.compile(r"(?i)(time|date|timestamp)(utc)?$"), lambda key, ident: "2000-01-01T00:00:00Z"),
)


def _string(spec: TypeSpec, key: str, identity: Identity, description: str = "") -> Any:
    if spec.enum:  # the SDK turns an enum-typed output into its Enum: only a member is accepted
        return spec.enum[0]
    if description and BASE64_DESCRIPTION.search(description):
        return made_up_base64(key)
    for pattern, value in STRING_RULES:
        if pattern.search(key):
            return value(key, identity)
    return f"{TEXT}-{_slug(key)}" if key else TEXT


def _build(spec: TypeSpec | None, key: str, depth: int, seen: frozenset[int], identity: Identity,
           description: str = "") -> Any:
    if spec is None:
        return TEXT
    kind = spec.kind
    if kind == "string":
        return _string(spec, key, identity, description)
    if kind == "integer":
        return 0
    if kind == "number":
        return 0.0
    if kind == "boolean":
        return False
    if kind == "array":
        return [_build(spec.items, key, depth, seen, identity, description)] if spec.items is not None else []
    if kind == "object":
        if depth >= MAX_DEPTH or id(spec) in seen:
            return {}
        inner = seen | {id(spec)}
        return {wire: _build(prop, wire, depth + 1, inner, identity, spec.descriptions.get(wire, ""))
                for wire, prop in spec.properties.items()}
    if kind == "union":
        return _build(spec.variants[0], key, depth, seen, identity) if spec.variants else {}
    return {}  # map, any, asset, archive: an empty value of a JSON-able shape


_CACHE: dict[tuple[int, str, int, Identity, str], tuple[TypeSpec, Any]] = {}


def placeholder(spec: TypeSpec | None, key: str = "", *, depth: int = MAX_DEPTH, identity: Identity = DEFAULT,
                description: str = "") -> Any:
    """A fresh placeholder value of type ``spec`` for a property named ``key`` (wire name)
    that its SDK ``description`` describes, objects filled ``depth`` levels deep, ids in
    ``identity``'s subscription."""
    if spec is None:
        return TEXT
    cache_key = (id(spec), key, depth, identity, description)
    with _LOCK:
        hit = _CACHE.get(cache_key)
    if hit is None or hit[0] is not spec:  # the spec object keeps its id alive in the entry
        value = _build(spec, key, MAX_DEPTH - depth, frozenset(), identity, description)
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
