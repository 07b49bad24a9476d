"""ARM id templates derived from the policy pack's type catalogue, not listed by hand.

Why: the hand table (``data/arm_types.toml``) cannot keep up with azure-native, and the
``Microsoft.<Module>/<types>`` fallback is wrong for every nested child type — a perimeter
profile is ``.../networkSecurityPerimeters/<nsp>/profiles/<name>``, not
``.../networkSecurityPerimeterProfiles/<name>`` — so a policy that places a child by its parent
path (``network-perimeter-closed`` finds an association's profile by id) fails on an honest
program. The pack's catalogue (``policies/data/catalogue.toml``) already states, for every type it
vets, the ARM resource type (``Microsoft.Network/networkSecurityPerimeters/profiles``) and the
input holding its Azure name; the name input of each ancestor segment is the name input of the
catalogue type whose ARM type is that prefix. The installed SDK then confirms the child's input
type declares every key the template names (``networkSecurityPerimeterName``, ``profileName``); a
template it cannot confirm is not used, so a singleton segment (``blobServices/default``) or a
type outside resource groups keeps the hand table or the fallback.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import cache

_KEY = re.compile(r"\{([A-Za-z0-9_]+)\}")
_PREFIX = "/subscriptions/{sub}/resourceGroups/{resourceGroupName}/providers/"


@cache
def derived(token: str) -> tuple[str, str] | None:
    """(id template, name input) of a catalogue type in a resource group, or None when the
    catalogue does not vet ``token``, it is an extension resource (its id starts at its scope),
    or an ancestor segment has no catalogue type naming it."""
    from ...policies.catalogue import catalogue

    cat = catalogue()
    entry = cat.entry(token)
    if entry is None or entry.location == "scope" or not entry.name_key:
        return None
    namespace, _, path = entry.arm_type.partition("/")
    segments = path.split("/") if path else []
    if not namespace.lower().startswith("microsoft.") or not segments or namespace.lower() == "microsoft.resources":
        return None
    parts: list[str] = []
    for depth, segment in enumerate(segments[:-1]):
        ancestor_token = cat.by_arm.get("/".join([namespace, *segments[:depth + 1]]).lower())
        ancestor = cat.entry(ancestor_token) if ancestor_token else None
        if ancestor is None or not ancestor.name_key:
            return None
        parts.append(f"{segment}/{{{ancestor.name_key}}}")
    parts.append(f"{segments[-1]}/{{name}}")
    return _PREFIX + namespace + "/" + "/".join(parts), entry.name_key


def template_keys(template: str) -> set[str]:
    """The input keys a template names (``sub`` and ``name`` are the engine's own)."""
    return set(_KEY.findall(template)) - {"sub", "name", "tenant", "guid", "guid2"}


def confirmed(token: str, declared: Collection[str]) -> tuple[str, str] | None:
    """:func:`derived` when the resource's SDK input type ``declared`` has every key the
    template names and the name input, else None."""
    found = derived(token)
    if found is None:
        return None
    template, name_key = found
    needed = template_keys(template) | {name_key}
    return found if needed <= set(declared) else None
