"""Type tokens: every spelling of a vetted type mapped to its canonical v3 token, and the
catalogue's views that the rules use (global types, ARM types, parent-naming inputs).

A type reaches the pack under many spellings: the v3 token (``azure-native:cosmosdb:
DatabaseAccount``), a v2 token still found in state (``azure-native:documentdb:DatabaseAccount``,
``azure-native:network:PrivateZone``), an API-versioned token from a local SDK or a raw
``CustomResource`` (``azure-native:cosmosdb/v20240515:DatabaseAccount``) and, for the virtual
resources of ARM templates, the ARM type (``Microsoft.DocumentDB/databaseAccounts``). Every rule
compares :func:`canonical_token`, so a spelling nobody listed cannot slip past a rule that knows
the type. Nothing here is a hand list: the spellings come from the SDK's aliases
(``data/sdk_facts.json``), the global types and ARM types from the catalogue.

Pure: no Pulumi, and never ``pulumi_azure_native``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Final

from . import facts
from .catalogue import PREFIX, catalogue

#: v2 module names that v3 renamed (docs/sdk-notes.md, "v2 tokens").
MODULE_ALIASES: Final[dict[str, str]] = {"documentdb": "cosmosdb", "insights": "monitor"}
_VERSIONED = re.compile(r"^(azure-native:[^/:]+)/v[0-9]{8}[a-z0-9]*(:.+)$", re.IGNORECASE)
#: ``Microsoft.Storage/storageAccounts`` (an ARM type, possibly with child types).
_ARM_TYPE = re.compile(r"^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)+/[A-Za-z0-9/]+$")

_CAT = catalogue()

#: Types whose location is ``global``/``Global`` by design (G10), from the catalogue.
GLOBAL_TYPES: Final[frozenset[str]] = frozenset(t for t, e in _CAT.types.items() if e.location == "global")
#: Types that live in their own ``location`` (L1 requires one).
REGIONAL_TYPES: Final[frozenset[str]] = frozenset(t for t, e in _CAT.types.items() if e.location == "regional")
#: ARM type (lower-case) -> (canonical token, the input holding the Azure name), for placing ids.
ARM_TYPES: Final[dict[str, tuple[str, str]]] = {
    arm: (token, _CAT.types[token].name_key or "name") for arm, token in _CAT.by_arm.items()
}
#: ARM type (lower-case) -> every (token, name key) of that ARM type (two class families of one
#: resource, e.g. ``network:NspProfile`` and ``network:NetworkSecurityPerimeterProfile``).
ARM_TYPE_TOKENS: Final[dict[str, tuple[tuple[str, str], ...]]] = {}
for _token, _entry in _CAT.types.items():
    ARM_TYPE_TOKENS.setdefault(_entry.arm_type.lower(), ())
    ARM_TYPE_TOKENS[_entry.arm_type.lower()] += ((_token, _entry.name_key or "name"),)

#: Inputs through which a location-less child names its ARM parent or scope; their property
#: dependencies lead to the ancestor whose region the child lives in.
PARENT_KEYS: Final[tuple[str, ...]] = tuple(dict.fromkeys(
    [*(e.parent_key for e in _CAT.types.values() if e.parent_key),
     "scope", "resourceUri", "source", "sourceResourceId", "parentName", "name"]))


@lru_cache(maxsize=8192)
def canonical_token(token: str) -> str:
    """The v3 token of any spelling: v3, v2 (module renamed or class moved), API-versioned, or an
    ARM type of a vetted type. Tokens of other providers and unknown ones come back unchanged.

    Cached: a stack holds a few dozen distinct tokens and every rule asks for each resource's."""
    if _ARM_TYPE.match(token):
        return _CAT.by_arm.get(token.lower(), token)
    moved = facts.aliases()
    if token in moved:
        return moved[token]
    match = _VERSIONED.match(token)
    spelled = f"{match.group(1)}{match.group(2)}" if match else token
    parts = spelled.split(":")
    if len(parts) == 3 and parts[0] == "azure-native" and parts[1] in MODULE_ALIASES:
        spelled = f"{parts[0]}:{MODULE_ALIASES[parts[1]]}:{parts[2]}"
    return moved.get(spelled, spelled)


def short(token: str) -> str:
    """``module:Class`` for messages and docs (``azure-native:`` dropped)."""
    token = canonical_token(token)
    return token[len(PREFIX):] if token.startswith(PREFIX) else token


def full(short_token: str) -> str:
    """``module:Class`` -> ``azure-native:module:Class``."""
    return short_token if short_token.startswith(PREFIX) else PREFIX + short_token


def is_azure_native(token: str) -> bool:
    return token.startswith(PREFIX) or canonical_token(token).startswith(PREFIX)


@lru_cache(maxsize=256)
def _full_set(candidates: tuple[str, ...]) -> frozenset[str]:
    return frozenset(full(c) for c in candidates)


def matches(token: str, candidates: Iterable[str]) -> bool:
    """True when ``token`` (any spelling) is one of ``candidates`` (v3 tokens, full or short)."""
    key = candidates if isinstance(candidates, tuple) else tuple(candidates)
    return canonical_token(token) in _full_set(key)


def is_global_type(token: str) -> bool:
    return canonical_token(token) in GLOBAL_TYPES


def is_regional_type(token: str) -> bool:
    return canonical_token(token) in REGIONAL_TYPES


def token_for_arm_type(arm_type: str) -> tuple[str, str] | None:
    """The canonical (token, name key) for an ARM type such as ``Microsoft.Web/sites``."""
    return ARM_TYPES.get(arm_type.lower())


def tokens_for_arm_type(arm_type: str) -> tuple[tuple[str, str], ...]:
    """Every (token, name key) of an ARM type (canonical first)."""
    return ARM_TYPE_TOKENS.get(arm_type.lower(), ())
