"""The azure-native shape of an ARM resource body (``props``): top-level keys with the
``properties`` object flattened beside them. Pure."""

from __future__ import annotations

from typing import Any

from ..values import UNKNOWN
from .keys import ABSENT, duplicates, fold, get_ci
from .model import ALLOW_HINT, Unevaluable
from .unknown import Unknown, to_output


def flatten(top: dict[str, Any], properties: Any, notes: list[str], path: str) -> tuple[dict[str, Any], str | None]:
    """azure-native's shape of an ARM resource body: the top-level keys, with the ``properties``
    object's keys beside them. A property whose name clashes with a top-level key stays under
    ``properties`` (the top-level key keeps its ARM name). Keys keep the template's spelling;
    the returned objects are :class:`~.keys.FoldedDict` (lookups ignore case, as the resource
    provider's do), unknowns are the preview sentinel. Returns the props and the location
    (``None`` absent, the sentinel when not a known string)."""
    if isinstance(properties, Unknown):
        raise Unevaluable(f"the resource's properties cannot be evaluated as a whole ({properties.reason}); "
                          "write the properties object out (expressions inside it are fine), " + ALLOW_HINT,
                          path + ".properties")
    props = dict(top)
    if isinstance(properties, dict):
        for group in duplicates(properties):
            raise Unevaluable(f"properties {', '.join(group)} differ only in case; ARM reads property names "
                              "without regard to case, so keep one spelling", path + ".properties")
        clashes: dict[str, Any] = {}
        top_keys = {fold(k) for k in props}
        for key, value in properties.items():
            if fold(key) in top_keys:
                clashes[key] = value
            else:
                props[key] = value
        if clashes:
            props["properties"] = clashes
            notes.append("properties " + ", ".join(sorted(clashes)) + " clash with top-level keys: the top-level "
                         "values keep their ARM names, the properties' are under 'properties'")
    elif properties is not None:
        props["properties"] = properties
        notes.append(f"properties is {describe(properties)}, not an object: kept under 'properties'")
    location_value = get_ci(props, "location")
    location: str | None
    if location_value is ABSENT or location_value is None:
        location = None
    elif isinstance(location_value, str):
        location = location_value
    else:
        location = UNKNOWN
        if not isinstance(location_value, Unknown):
            notes.append(f"location is {describe(location_value)}, not a string")
    return to_output(props), location


def describe(value: Any) -> str:
    if isinstance(value, Unknown):
        return f"unknown ({value.reason})"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
