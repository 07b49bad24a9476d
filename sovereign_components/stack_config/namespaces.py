"""Config keys that Pulumi would file under a namespace nobody reads.

Pulumi config keys are ``<namespace>:<name>``; "in cases where a simple name without a colon is
used, Pulumi automatically uses the current project name from Pulumi.yaml as the namespace"
(https://www.pulumi.com/docs/iac/concepts/config/#configuration-keys). So in project
``sovereign-events`` a bare ``region: westeurope`` becomes ``sovereign-events:region``, which
``pulumi.Config("sovereign")`` never reads, and ``soverign:dlq`` is a namespace of its own: in
both cases the setting is silently ignored and the components fall back to their defaults.

:func:`check_config_keys` turns these into one :class:`~sovereign_components.errors.ConfigError`
with a "did you mean":

* a namespace within :data:`MAX_NAMESPACE_DISTANCE` edits of a namespace this library reads
  (:data:`KNOWN_NAMESPACES`), or equal to one but for case or punctuation
  (``Sovereign``, ``azure_native``), is refused, unless it is the project's own namespace;
* a key in the project namespace whose name is a ``sovereign`` key, while the ``sovereign`` key
  itself is not set, is refused when ``sovereign_in_use`` (the program reads the ``sovereign``
  namespace: always in :mod:`.loader`; in the gate, when the stack sets any ``sovereign:`` key),
  unless it is ``deliberate``: the gate passes the keys written with the project's namespace
  spelt out and those ``Pulumi.yaml`` declares, because a program may read its own
  ``alertEmail`` (``examples/consumer`` does). A program that does not use this library may well
  read its own ``region`` key, so bare keys of every project are not refused (no crying wolf).

Pure: no Pulumi.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

from ..errors import ConfigError
from .models import AZURE_LOCATION_KEY, NAMESPACE, TOP_LEVEL_KEYS

__all__ = ["KNOWN_NAMESPACES", "MAX_NAMESPACE_DISTANCE", "check_config_keys", "edit_distance"]

#: Namespaces whose keys decide what this library and the gate do.
KNOWN_NAMESPACES: tuple[str, ...] = (NAMESPACE, AZURE_LOCATION_KEY.partition(":")[0])
#: Typos this far from a known namespace are refused. Two edits catch a dropped, doubled,
#: swapped or wrong letter (``soverign``, ``sovereing``, ``azure-natve``) while the nearest
#: real namespaces stay far away (``azure`` is 7 edits from ``azure-native``, ``foreign`` 3
#: from ``sovereign``).
MAX_NAMESPACE_DISTANCE = 2


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (insertions, deletions, substitutions), O(len(a) * len(b))."""
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _folded(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _near_namespace(namespace: str) -> str | None:
    """The known namespace ``namespace`` is probably a misspelling of, if any."""
    if namespace in KNOWN_NAMESPACES or len(namespace) > 64:
        return None
    for known in KNOWN_NAMESPACES:
        if _folded(namespace) == _folded(known) or edit_distance(namespace.lower(), known) <= MAX_NAMESPACE_DISTANCE:
            return known
    return None


def _sovereign_key_for(name: str) -> str | None:
    """The ``sovereign`` top-level key a bare name stands for (exact, or equal but for case)."""
    for key in TOP_LEVEL_KEYS:
        if name == key or name.lower() == key.lower():
            return key
    return None


def check_config_keys(keys: Iterable[str], project: str, *, sovereign_in_use: bool,
                      source: str | None = None, deliberate: Collection[str] = ()) -> None:
    """Refuse keys that Pulumi would put in a namespace nobody reads (see the module docstring).

    ``keys`` are config keys as written in a stack file (bare or ``namespace:name``) or as
    Pulumi hands them to the program (always ``namespace:name``); ``deliberate`` are keys of the
    project namespace known to be meant for the program; ``source`` names the stack file.
    """
    keys = sorted(keys)
    present = set(keys)
    for full_key in keys:
        namespace, sep, name = full_key.partition(":")
        if not sep:
            namespace, name = project, full_key
        if namespace == project:
            if project != NAMESPACE and sovereign_in_use and full_key not in deliberate:
                known = _sovereign_key_for(name)
                if known is not None and f"{NAMESPACE}:{known}" not in present:
                    raise ConfigError(
                        full_key if sep else name,
                        f"a key without a namespace belongs to the project '{project}' (Pulumi files it as "
                        f"'{project}:{name}', which pulumi.Config('{NAMESPACE}') never reads); "
                        f"did you mean '{NAMESPACE}:{known}'?",
                        source=source,
                    )
            continue
        near = _near_namespace(namespace)
        if near is not None:
            raise ConfigError(
                full_key,
                f"unknown namespace '{namespace}' (Pulumi would file this setting where nothing reads it); "
                f"did you mean '{near}:{name}'?",
                source=source,
            )
