"""The ARM template functions that depend only on their arguments, as a table.

Each entry names the function (lower-case: ARM function names are case-insensitive), its arity
and how unknown arguments propagate, and points at a small implementation. The functions that
read the deployment (``parameters``, ``variables``, ``copyIndex``, ``resourceGroup``,
``resourceId`` ...) and the lazy ones (``if``, ``and``, ``or``, ``coalesce``, the lambda
functions) live in :mod:`.lazy` and :mod:`.scope_functions`; the implementations in
:mod:`.fn_strings`, :mod:`.fn_arrays` and :mod:`.fn_numbers`. Semantics follow the function reference
(https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions), with
.NET's conventions where ARM inherits them (``string(true)`` is ``True``, string search in
``indexOf``/``startsWith``/``endsWith`` ignores case, ``contains`` on a string does not).

An argument of the wrong type raises :class:`EvalError`: ARM would fail the deployment, and the
evaluator turns it into an unknown value (never a guess). Functions ARM evaluates at deploy time
from live state (``reference``, ``list*``, ``utcNow``, ``newGuid``, ``pickZones`` ...) are in
:data:`RUNTIME_ONLY` and always unknown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final, Literal
from urllib.parse import quote, unquote

from .coerce import EvalError, arm_equal, to_text, want_str
from .fn_arrays import (
    fn_array,
    fn_contains,
    fn_create_object,
    fn_empty,
    fn_first,
    fn_flatten,
    fn_intersection,
    fn_items,
    fn_last,
    fn_length,
    fn_object_keys,
    fn_shallow_merge,
    fn_skip,
    fn_take,
    fn_try_get,
    fn_union,
)
from .fn_numbers import (
    fn_add,
    fn_bool,
    fn_cidr_host,
    fn_cidr_subnet,
    fn_compare,
    fn_div,
    fn_float,
    fn_int,
    fn_max,
    fn_min,
    fn_mod,
    fn_mul,
    fn_not,
    fn_parse_cidr,
    fn_range,
    fn_sub,
)
from .fn_strings import (
    fn_base64,
    fn_base64_to_string,
    fn_concat,
    fn_data_uri,
    fn_data_uri_to_string,
    fn_ends_with,
    fn_format,
    fn_guid,
    fn_index_of,
    fn_join,
    fn_json,
    fn_pad_left,
    fn_replace,
    fn_split,
    fn_starts_with,
    fn_substring,
    fn_unique_string,
    fn_uri,
)

__all__ = ["PURE", "RUNTIME_ONLY", "EvalError", "FuncSpec", "runtime_only"]

UnknownPolicy = Literal["any", "deep", "none"]


@dataclass(frozen=True, slots=True)
class FuncSpec:
    """``unknown``: ``any`` = an unknown argument makes the result unknown; ``deep`` = an unknown
    anywhere inside an argument does; ``none`` = the implementation handles unknowns itself."""

    impl: Callable[..., Any]
    min_args: int
    max_args: int | None
    unknown: UnknownPolicy = "any"


#: Functions ARM answers from live state or the clock at deploy time: always unknown offline.
RUNTIME_ONLY: Final[frozenset[str]] = frozenset({
    "reference", "references", "pickzones", "providers", "utcnow", "newguid", "deployer",
    "getsecret", "datetimeadd", "datetimefromepoch", "datetimetoepoch", "externalinputs",
})


def runtime_only(name: str) -> bool:
    """``reference``, ``list*`` (``listKeys``, ``listSecrets`` ...) and the other live functions."""
    return name in RUNTIME_ONLY or (name.startswith("list") and name.isalnum())


#: The table: lower-case name -> spec.
PURE: Final[dict[str, FuncSpec]] = {
    "concat": FuncSpec(fn_concat, 1, None),
    "format": FuncSpec(fn_format, 1, None),
    "tolower": FuncSpec(lambda s: want_str(s).lower(), 1, 1),
    "toupper": FuncSpec(lambda s: want_str(s).upper(), 1, 1),
    "replace": FuncSpec(fn_replace, 3, 3),
    "string": FuncSpec(to_text, 1, 1, "deep"),
    "substring": FuncSpec(fn_substring, 1, 3),
    "indexof": FuncSpec(lambda c, i: fn_index_of(c, i, False), 2, 2, "deep"),
    "lastindexof": FuncSpec(lambda c, i: fn_index_of(c, i, True), 2, 2, "deep"),
    "startswith": FuncSpec(fn_starts_with, 2, 2),
    "endswith": FuncSpec(fn_ends_with, 2, 2),
    "split": FuncSpec(fn_split, 2, 2, "deep"),
    "join": FuncSpec(fn_join, 2, 2, "deep"),
    "trim": FuncSpec(lambda s: want_str(s).strip(), 1, 1),
    "padleft": FuncSpec(fn_pad_left, 2, 3),
    "base64": FuncSpec(fn_base64, 1, 1),
    "base64tostring": FuncSpec(fn_base64_to_string, 1, 1),
    "base64tojson": FuncSpec(lambda s: fn_json(fn_base64_to_string(s)), 1, 1),
    "datauri": FuncSpec(fn_data_uri, 1, 1),
    "datauritostring": FuncSpec(fn_data_uri_to_string, 1, 1),
    "uri": FuncSpec(fn_uri, 2, 2),
    "uricomponent": FuncSpec(lambda s: quote(want_str(s), safe=""), 1, 1),
    "uricomponenttostring": FuncSpec(lambda s: unquote(want_str(s)), 1, 1),
    "json": FuncSpec(fn_json, 1, 1),
    "uniquestring": FuncSpec(fn_unique_string, 1, None, "deep"),
    "guid": FuncSpec(fn_guid, 1, None, "deep"),
    "length": FuncSpec(fn_length, 1, 1),
    "empty": FuncSpec(fn_empty, 1, 1),
    "createarray": FuncSpec(lambda *a: list(a), 0, None, "none"),
    "createobject": FuncSpec(fn_create_object, 0, None, "none"),
    "union": FuncSpec(fn_union, 1, None, "none"),
    "intersection": FuncSpec(fn_intersection, 1, None, "deep"),
    "first": FuncSpec(fn_first, 1, 1),
    "last": FuncSpec(fn_last, 1, 1),
    "take": FuncSpec(fn_take, 2, 2),
    "skip": FuncSpec(fn_skip, 2, 2),
    "contains": FuncSpec(fn_contains, 2, 2),
    "array": FuncSpec(fn_array, 1, 1, "none"),
    "objectkeys": FuncSpec(fn_object_keys, 1, 1),
    "items": FuncSpec(fn_items, 1, 1),
    "shallowmerge": FuncSpec(fn_shallow_merge, 1, 1),
    "flatten": FuncSpec(fn_flatten, 1, 1),
    "tryget": FuncSpec(fn_try_get, 2, None, "none"),
    "add": FuncSpec(fn_add, 2, 2),
    "sub": FuncSpec(fn_sub, 2, 2),
    "mul": FuncSpec(fn_mul, 2, 2),
    "div": FuncSpec(fn_div, 2, 2),
    "mod": FuncSpec(fn_mod, 2, 2),
    "min": FuncSpec(fn_min, 1, None),
    "max": FuncSpec(fn_max, 1, None),
    "int": FuncSpec(fn_int, 1, 1),
    "float": FuncSpec(fn_float, 1, 1),
    "bool": FuncSpec(fn_bool, 1, 1),
    "not": FuncSpec(fn_not, 1, 1),
    "equals": FuncSpec(lambda a, b: arm_equal(a, b), 2, 2, "deep"),
    "greater": FuncSpec(lambda a, b: fn_compare(a, b) > 0, 2, 2),
    "greaterorequals": FuncSpec(lambda a, b: fn_compare(a, b) >= 0, 2, 2),
    "less": FuncSpec(lambda a, b: fn_compare(a, b) < 0, 2, 2),
    "lessorequals": FuncSpec(lambda a, b: fn_compare(a, b) <= 0, 2, 2),
    "range": FuncSpec(fn_range, 2, 2),
    "true": FuncSpec(lambda: True, 0, 0),
    "false": FuncSpec(lambda: False, 0, 0),
    "null": FuncSpec(lambda: None, 0, 0),
    "parsecidr": FuncSpec(fn_parse_cidr, 1, 1),
    "cidrsubnet": FuncSpec(fn_cidr_subnet, 3, 3),
    "cidrhost": FuncSpec(fn_cidr_host, 2, 2),
}
