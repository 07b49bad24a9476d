"""What the installed azure-native SDK says about each vetted type, read from the generated
``data/sdk_facts.json`` (``tools/policy_facts.py --write``; a test regenerates and compares).

The pack never imports ``pulumi_azure_native``: these facts are the SDK's, derived ahead.

- :func:`shape`: the wire-key tree of a type's inputs (``{}`` map values, ``[]`` array items,
  ``*`` anything, ``0`` a scalar), or ``None`` for a type the facts do not cover;
- :func:`switches`: inputs that are public-network / local-auth switches;
- :func:`refs`: inputs typed as ids or URLs;
- :func:`output_only`: outputs that are not inputs (a resource's own endpoints and state);
- :data:`ALIASES`: SDK alias tokens the spelling rules do not already map.

Pure: stdlib only. Read once per process.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=1)
def document() -> Mapping[str, Any]:
    text = resources.files("sovereign_components.policies").joinpath("data/sdk_facts.json").read_text("utf-8")
    return json.loads(text)


def types() -> Mapping[str, Mapping[str, Any]]:
    return document()["types"]


def aliases() -> Mapping[str, str]:
    return document()["aliases"]


def of(token: str) -> Mapping[str, Any]:
    """The facts of a vetted v3 token (empty when the SDK facts do not cover it)."""
    return types().get(token, {})


def shape(token: str) -> Mapping[str, Any] | None:
    return of(token).get("shape")


def switches(token: str) -> Mapping[str, Mapping[str, Any]]:
    return of(token).get("switches", {})


@lru_cache(maxsize=512)
def refs(token: str) -> frozenset[str]:
    """Dotted input paths (``a.b[].c``) the SDK types as ids or URLs."""
    return frozenset(of(token).get("refs", ()))


@lru_cache(maxsize=512)
def output_only(token: str) -> tuple[str, ...]:
    """Output paths (``a.b[].c``) that are not inputs: the deployed resource's own state."""
    return tuple(of(token).get("outputOnly", ()))


def takes_location(token: str) -> bool | None:
    value = of(token).get("location")
    return value if isinstance(value, bool) else None
