"""Cases derived from the catalogue (Gatekeeper-style: every vetted type has a compliant case and
a violating case per check), shared by the catalogue, fast-path and mutation tests.

``set_path`` writes a dotted camelCase path; ``satisfy`` makes a check's ``when`` condition hold;
``bad_value`` is a value a check does not accept; ``compliant_props`` sets every check of a type
to its first compliant value (and a location inside the EU boundary where the type has one).
"""

from __future__ import annotations

import copy
from typing import Any

from sovereign_components.policies.catalogue import Check, TypeEntry

REGION = "westeurope"
#: A region with no published pair (so a copy to the pair is never inside).
UNPAIRED = "italynorth"


def set_path(props: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    node = props
    steps = path.split(".")
    for step in steps[:-1]:
        nxt = node.get(step)
        if not isinstance(nxt, dict):
            nxt = {}
            node[step] = nxt
        node = nxt
    node[steps[-1]] = value
    return props


def satisfy(check: Check, props: dict[str, Any]) -> dict[str, Any]:
    if check.when is not None:
        value = check.when.contains if check.when.contains is not None else check.when.equals[0]
        set_path(props, check.when.path, value)
    return props


def bad_value(check: Check) -> Any:
    """A value the check does not accept (a pair copy where the check has pair values)."""
    if check.pair:
        return check.pair[0]
    if all(isinstance(v, bool) for v in check.ok):
        return not check.ok[0]
    return "NotCompliant"


def base_props(entry: TypeEntry) -> dict[str, Any]:
    if entry.location in ("regional", "global"):
        return {"location": REGION}
    return {}


def violating_props(check: Check, entry: TypeEntry) -> dict[str, Any]:
    props = satisfy(check, base_props(entry))
    if check.pair:
        props["location"] = UNPAIRED
    return set_path(props, check.path, bad_value(check))


def absent_props(check: Check, entry: TypeEntry) -> dict[str, Any]:
    props = satisfy(check, base_props(entry))
    if check.absent == "pair":
        props["location"] = UNPAIRED
    return props


def compliant_props(entry: TypeEntry) -> dict[str, Any]:
    props = base_props(entry)
    for check in entry.checks:
        satisfy(check, props)
        set_path(props, check.path, copy.deepcopy(check.ok[0]))
    return props
