"""The ARM template functions that depend only on their arguments, as a table.

Each entry names the function (lower-case: ARM function names are case-insensitive), its arity
and how unknown arguments propagate, and points at a small implementation. The functions that
read the deployment (``parameters``, ``variables``, ``copyIndex``, ``resourceGroup``,
``resourceId`` ...) and the lazy ones (``if``, ``and``, ``or``, ``coalesce``, the lambda
functions) live in :mod:`.evaluator`. Semantics follow the function reference
(https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions), with
.NET's conventions where ARM inherits them (``string(true)`` is ``True``, string search in
``indexOf``/``startsWith``/``endsWith`` ignores case, ``contains`` on a string does not).

An argument of the wrong type raises :class:`EvalError`: ARM would fail the deployment, and the
evaluator turns it into an unknown value (never a guess). Functions ARM evaluates at deploy time
from live state (``reference``, ``list*``, ``utcNow``, ``newGuid``, ``pickZones`` ...) are in
:data:`RUNTIME_ONLY` and always unknown.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import ipaddress
import json
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final, Literal
from urllib.parse import quote, unquote, urljoin

from .unknown import Unknown, deep_unknown, first_unknown


class EvalError(Exception):
    """An expression ARM would reject (wrong type, missing member, bad argument count)."""


UnknownPolicy = Literal["any", "deep", "none"]


@dataclass(frozen=True, slots=True)
class FuncSpec:
    """``unknown``: ``any`` = an unknown argument makes the result unknown; ``deep`` = an unknown
    anywhere inside an argument does; ``none`` = the implementation handles unknowns itself."""

    impl: Callable[..., Any]
    min_args: int
    max_args: int | None
    unknown: UnknownPolicy = "any"


# -- coercions ------------------------------------------------------------------------------

def type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def want_str(value: Any, what: str = "argument") -> str:
    if not isinstance(value, str):
        raise EvalError(f"{what} must be a string, not {type_name(value)}")
    return value


def want_int(value: Any, what: str = "argument") -> int:
    if isinstance(value, bool):
        raise EvalError(f"{what} must be an integer, not bool")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    raise EvalError(f"{what} must be an integer, not {type_name(value)}")


def want_list(value: Any, what: str = "argument") -> list[Any]:
    if not isinstance(value, list):
        raise EvalError(f"{what} must be an array, not {type_name(value)}")
    return value


def want_dict(value: Any, what: str = "argument") -> dict[str, Any]:
    if not isinstance(value, dict):
        raise EvalError(f"{what} must be an object, not {type_name(value)}")
    return value


def want_bool(value: Any, what: str = "argument") -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    raise EvalError(f"{what} must be a boolean, not {type_name(value)}")


def to_text(value: Any) -> str:
    """``string(value)`` as ARM formats it (.NET: ``True``/``False``; compact JSON for objects)."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, (dict, list)):
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    raise EvalError(f"cannot convert {type_name(value)} to a string")


def arm_equal(a: Any, b: Any) -> bool:
    """Deep equality as ``equals()`` compares: case-sensitive strings, bool is not a number,
    object keys case-insensitive."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(arm_equal(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        la = {k.lower(): v for k, v in a.items()}
        lb = {k.lower(): v for k, v in b.items()}
        return la.keys() == lb.keys() and all(arm_equal(la[k], lb[k]) for k in la)
    return type(a) is type(b) and a == b


def get_member(obj: dict[str, Any], name: str) -> tuple[bool, Any]:
    """``obj.name``: exact key first, then case-insensitive (ARM property access ignores case)."""
    if name in obj:
        return True, obj[name]
    lowered = name.lower()
    for key, value in obj.items():
        if key.lower() == lowered:
            return True, value
    return False, None


# -- string ---------------------------------------------------------------------------------

def _concat(*args: Any) -> Any:
    if args and all(isinstance(a, list) for a in args):
        out: list[Any] = []
        for a in args:
            out.extend(a)
        return out
    if any(isinstance(a, (list, dict)) for a in args):
        raise EvalError("concat takes either only arrays or only strings")
    return "".join(to_text(a) for a in args)


_FORMAT_ITEM = re.compile(r"\{(\d+)(?:,(-?\d+))?(?::([^}]*))?\}")


def _format_one(value: Any, spec: str | None) -> str:
    if not spec:
        return to_text(value)
    kind, digits = spec[0].upper(), spec[1:]
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (digits and not digits.isdigit()):
        raise EvalError(f"format specifier {spec!r} is not evaluated for {type_name(value)}")
    width = int(digits) if digits else 0
    if width > 1000:
        raise EvalError("format width too large")
    if kind == "D" and isinstance(value, int):
        sign = "-" if value < 0 else ""
        return sign + str(abs(value)).rjust(width, "0")
    if kind == "X" and isinstance(value, int) and value >= 0:
        text = format(value, "x" if spec[0] == "x" else "X")
        return text.rjust(width, "0")
    if kind in ("N", "F"):
        precision = width if digits else 2
        text = f"{value:,.{precision}f}" if kind == "N" else f"{value:.{precision}f}"
        return text
    raise EvalError(f"format specifier {spec!r} is not evaluated")


def _format(fmt: Any, *args: Any) -> str:
    text = want_str(fmt, "format string")
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "{":
            if text.startswith("{{", i):
                out.append("{")
                i += 2
                continue
            match = _FORMAT_ITEM.match(text, i)
            if not match:
                raise EvalError(f"invalid format item at {i}")
            index = int(match.group(1))
            if index >= len(args):
                raise EvalError(f"format index {index} has no argument")
            piece = _format_one(args[index], match.group(3))
            if match.group(2):
                align = int(match.group(2))
                if abs(align) > 1000:
                    raise EvalError("format alignment too large")
                piece = piece.ljust(-align) if align < 0 else piece.rjust(align)
            out.append(piece)
            i = match.end()
        elif ch == "}":
            if text.startswith("}}", i):
                out.append("}")
                i += 2
                continue
            raise EvalError(f"unmatched '}}' at {i}")
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _replace(s: Any, old: Any, new: Any) -> str:
    old_s = want_str(old, "old string")
    if not old_s:
        raise EvalError("replace: the string to replace is empty")
    return want_str(s).replace(old_s, want_str(new, "new string"))


def _substring(s: Any, start: Any = 0, length: Any = None) -> str:
    text = want_str(s)
    begin = want_int(start, "startIndex")
    if begin < 0 or begin > len(text):
        raise EvalError("substring: startIndex out of range")
    if length is None:
        return text[begin:]
    count = want_int(length, "length")
    if count < 0 or begin + count > len(text):
        raise EvalError("substring: length out of range")
    return text[begin:begin + count]


def _index_of(container: Any, item: Any, last: bool) -> int:
    if isinstance(container, list):
        indexes = range(len(container) - 1, -1, -1) if last else range(len(container))
        for i in indexes:
            if arm_equal(container[i], item):
                return i
        return -1
    text, find = want_str(container).lower(), want_str(item).lower()
    return text.rfind(find) if last else text.find(find)


def _starts_with(s: Any, prefix: Any) -> bool:
    return want_str(s).lower().startswith(want_str(prefix).lower())


def _ends_with(s: Any, suffix: Any) -> bool:
    return want_str(s).lower().endswith(want_str(suffix).lower())


def _split(s: Any, delimiter: Any) -> list[str]:
    text = want_str(s)
    delims = [want_str(d, "delimiter") for d in delimiter] if isinstance(delimiter, list) else [want_str(delimiter, "delimiter")]
    delims = [d for d in delims if d]
    if not delims:
        return [text]
    pattern = "|".join(re.escape(d) for d in delims)
    return re.split(pattern, text)


def _join(items: Any, delimiter: Any) -> str:
    return want_str(delimiter, "delimiter").join(to_text(i) for i in want_list(items))


def _pad_left(value: Any, total: Any, pad: Any = " ") -> str:
    text = str(want_int(value)) if isinstance(value, int) and not isinstance(value, bool) else want_str(value)
    width = want_int(total, "totalLength")
    pad_s = want_str(pad, "paddingCharacter")
    if len(pad_s) != 1:
        raise EvalError("padLeft: the padding must be one character")
    if width > 100_000:
        raise EvalError("padLeft: totalLength too large")
    return text.rjust(width, pad_s)


def _base64(s: Any) -> str:
    return base64.b64encode(want_str(s).encode("utf-8")).decode("ascii")


def _base64_to_string(s: Any) -> str:
    try:
        return base64.b64decode(want_str(s), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise EvalError(f"base64ToString: {exc}") from None


def _json(s: Any) -> Any:
    text = want_str(s)
    try:
        return normalize_json(json.loads(text))
    except (ValueError, RecursionError) as exc:
        raise EvalError(f"json: {exc}") from None


def normalize_json(value: Any) -> Any:
    """Integral floats to ints, as ARM's JSON reads them (iterative)."""
    if isinstance(value, float):
        return int(value) if value.is_integer() and abs(value) < 2**63 else value
    if not isinstance(value, (dict, list)):
        return value
    stack = [value]
    while stack:
        item = stack.pop()
        keys = list(item.keys()) if isinstance(item, dict) else range(len(item))
        for key in keys:
            child = item[key]
            if isinstance(child, float) and child.is_integer() and abs(child) < 2**63:
                item[key] = int(child)
            elif isinstance(child, (dict, list)):
                stack.append(child)
    return value


def _data_uri(s: Any) -> str:
    return "data:text/plain;charset=utf8;base64," + _base64(s)


def _data_uri_to_string(s: Any) -> str:
    text = want_str(s)
    if not text.startswith("data:") or "," not in text:
        raise EvalError("dataUriToString: not a data URI")
    header, payload = text[5:].split(",", 1)
    if header.endswith(";base64"):
        return _base64_to_string(payload)
    return unquote(payload)


def _uri(base: Any, relative: Any) -> str:
    return urljoin(want_str(base, "baseUri"), want_str(relative, "relativeUri"))


def _unique_string(*parts: Any) -> str:
    """A deterministic 13-character placeholder for ``uniqueString`` (ARM's own hash is not
    reproduced): the same arguments give the same name, so ids built from it still match."""
    digest = hashlib.sha256("\x1f".join(want_str(p) for p in parts).encode("utf-8")).digest()
    return base64.b32encode(digest).decode("ascii").lower()[:13]


_GUID_NAMESPACE = uuid.UUID("11f8b8a4-7b3e-4b8e-9a5c-0c1d2e3f4a5b")


def _guid(*parts: Any) -> str:
    """A deterministic GUID placeholder for ``guid`` (same arguments, same GUID)."""
    return str(uuid.uuid5(_GUID_NAMESPACE, "\x1f".join(want_str(p) for p in parts)))


# -- arrays and objects ---------------------------------------------------------------------

def _length(value: Any) -> int:
    if isinstance(value, (str, list, dict)):
        return len(value)
    raise EvalError(f"length takes a string, array or object, not {type_name(value)}")


def _empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, (str, list, dict)):
        return len(value) == 0
    raise EvalError(f"empty takes a string, array or object, not {type_name(value)}")


def _create_object(*args: Any) -> dict[str, Any]:
    if len(args) % 2:
        raise EvalError("createObject takes key/value pairs")
    out: dict[str, Any] = {}
    for i in range(0, len(args), 2):
        key = args[i]
        if isinstance(key, Unknown):
            raise EvalError("createObject: a key is unknown")
        out[want_str(key, "key")] = args[i + 1]
    return out


def _deep_merge(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    out = dict(a)
    for key, value in b.items():
        found, current = get_member(out, key)
        if found and isinstance(current, dict) and isinstance(value, dict):
            out[key] = _deep_merge(current, value)
        else:
            if found and key not in out:
                out = {k: v for k, v in out.items() if k.lower() != key.lower()}
            out[key] = value
    return out


def _union(*args: Any) -> Any:
    unk = first_unknown(*args)
    if unk is not None:
        return unk
    if all(isinstance(a, dict) for a in args):
        out: dict[str, Any] = {}
        for a in args:
            out = _deep_merge(out, a)
        return out
    if all(isinstance(a, list) for a in args):
        merged: list[Any] = []
        for a in args:
            for item in a:
                if isinstance(item, Unknown) or not any(arm_equal(item, m) for m in merged):
                    merged.append(item)
        return merged
    raise EvalError("union takes only arrays or only objects")


def _intersection(*args: Any) -> Any:
    if all(isinstance(a, dict) for a in args):
        first, rest = args[0], args[1:]
        return {k: v for k, v in first.items()
                if all(get_member(o, k)[0] and arm_equal(get_member(o, k)[1], v) for o in rest)}
    if all(isinstance(a, list) for a in args):
        first, rest = args[0], args[1:]
        out: list[Any] = []
        for item in first:
            if all(any(arm_equal(item, x) for x in o) for o in rest) and not any(arm_equal(item, x) for x in out):
                out.append(item)
        return out
    raise EvalError("intersection takes only arrays or only objects")


def _first(value: Any) -> Any:
    if isinstance(value, str):
        return value[:1]
    items = want_list(value)
    return items[0] if items else None


def _last(value: Any) -> Any:
    if isinstance(value, str):
        return value[-1:]
    items = want_list(value)
    return items[-1] if items else None


def _take(value: Any, count: Any) -> Any:
    n = max(0, want_int(count, "numberToTake"))
    if isinstance(value, str):
        return value[:n]
    return want_list(value)[:n]


def _skip(value: Any, count: Any) -> Any:
    n = max(0, want_int(count, "numberToSkip"))
    if isinstance(value, str):
        return value[n:]
    return want_list(value)[n:]


def _contains(container: Any, item: Any) -> Any:
    if isinstance(container, str):
        return to_text(item) in container
    if isinstance(container, dict):
        return get_member(container, want_str(item, "key"))[0]
    items = want_list(container)
    if any(not isinstance(x, Unknown) and deep_unknown(x) is None and arm_equal(x, item) for x in items):
        return True
    unknown = deep_unknown(items)
    return unknown if unknown is not None else False


def _array(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _object_keys(value: Any) -> list[str]:
    return list(want_dict(value).keys())


def _items(value: Any) -> list[dict[str, Any]]:
    obj = want_dict(value)
    return [{"key": k, "value": obj[k]} for k in sorted(obj, key=str.lower)]


def _shallow_merge(value: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for item in want_list(value):
        if isinstance(item, Unknown):
            raise EvalError("shallowMerge: an element is unknown")
        out.update(want_dict(item, "element"))
    return out


def _flatten(value: Any) -> list[Any]:
    out: list[Any] = []
    for item in want_list(value):
        if isinstance(item, Unknown):
            raise EvalError("flatten: an element is unknown")
        out.extend(want_list(item, "element"))
    return out


def _try_get(value: Any, *keys: Any) -> Any:
    current = value
    for key in keys:
        if isinstance(current, Unknown):
            return current
        if current is None:
            return None
        if isinstance(current, dict):
            found, current = get_member(current, want_str(key, "key"))
            if not found:
                return None
        elif isinstance(current, list):
            index = want_int(key, "index")
            if not 0 <= index < len(current):
                return None
            current = current[index]
        else:
            return None
    return current


# -- numbers and logic ----------------------------------------------------------------------

def _add(a: Any, b: Any) -> int:
    return want_int(a) + want_int(b)


def _sub(a: Any, b: Any) -> int:
    return want_int(a) - want_int(b)


def _mul(a: Any, b: Any) -> int:
    result = want_int(a) * want_int(b)
    if abs(result) >= 2**63:
        raise EvalError("mul: integer overflow")
    return result


def _trunc_div(a: int, b: int) -> int:
    if b == 0:
        raise EvalError("division by zero")
    quotient = abs(a) // abs(b)
    return quotient if (a >= 0) == (b >= 0) else -quotient


def _div(a: Any, b: Any) -> int:
    return _trunc_div(want_int(a), want_int(b))


def _mod(a: Any, b: Any) -> int:
    x, y = want_int(a), want_int(b)
    return x - y * _trunc_div(x, y)


def _numbers(args: tuple[Any, ...]) -> list[int]:
    values = list(args[0]) if len(args) == 1 and isinstance(args[0], list) else list(args)
    if not values:
        raise EvalError("min/max of nothing")
    if any(isinstance(v, Unknown) for v in values):
        raise EvalError("min/max of an unknown")
    return [want_int(v) for v in values]


def _min(*args: Any) -> int:
    return min(_numbers(args))


def _max(*args: Any) -> int:
    return max(_numbers(args))


def _int(value: Any) -> int:
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            raise EvalError(f"int: {value!r} is not an integer") from None
    if isinstance(value, float):
        return int(value)
    return want_int(value)


def _float(value: Any) -> float:
    if isinstance(value, bool):
        raise EvalError("float: not a number")
    if isinstance(value, (int, float)):
        return float(value)
    try:
        return float(want_str(value))
    except ValueError:
        raise EvalError(f"float: {value!r} is not a number") from None


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value != 0
    return want_bool(value)


def _not(value: Any) -> bool:
    return not want_bool(value)


def _compare(a: Any, b: Any) -> int:
    if isinstance(a, str) and isinstance(b, str):
        return (a > b) - (a < b)
    x, y = want_int(a), want_int(b)
    return (x > y) - (x < y)


def _range(start: Any, count: Any) -> list[int]:
    begin, n = want_int(start, "startIndex"), want_int(count, "count")
    if n < 0 or n > 10_000:
        raise EvalError("range: count must be between 0 and 10000")
    return list(range(begin, begin + n))


# -- network (cidr functions) ---------------------------------------------------------------

def _network(value: Any) -> ipaddress.IPv4Network | ipaddress.IPv6Network:
    try:
        return ipaddress.ip_network(want_str(value, "network"), strict=False)
    except ValueError as exc:
        raise EvalError(f"not a CIDR range: {exc}") from None


def _parse_cidr(value: Any) -> dict[str, Any]:
    net = _network(value)
    hosts = list(net.hosts()) if net.num_addresses <= 4 else [net[1], net[-2]]
    out: dict[str, Any] = {"network": str(net.network_address), "netmask": str(net.netmask), "cidr": net.prefixlen}
    if net.version == 4:
        out["broadcast"] = str(net.broadcast_address)
    if hosts:
        out["firstUsable"], out["lastUsable"] = str(hosts[0]), str(hosts[-1])
    return out


def _cidr_subnet(value: Any, new_prefix: Any, index: Any) -> str:
    net = _network(value)
    prefix, i = want_int(new_prefix, "newCIDR"), want_int(index, "subnetIndex")
    if prefix < net.prefixlen or prefix > net.max_prefixlen or i < 0 or i >= 2 ** (prefix - net.prefixlen):
        raise EvalError("cidrSubnet: out of range")
    size = 2 ** (net.max_prefixlen - prefix)
    first = int(net.network_address) + i * size
    return f"{ipaddress.ip_address(first)}/{prefix}"


def _cidr_host(value: Any, index: Any) -> str:
    net = _network(value)
    i = want_int(index, "hostIndex")
    offset = i + (1 if net.version == 4 else 0)
    if i < 0 or offset >= net.num_addresses:
        raise EvalError("cidrHost: out of range")
    return str(net[offset])


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
    "concat": FuncSpec(_concat, 1, None),
    "format": FuncSpec(_format, 1, None),
    "tolower": FuncSpec(lambda s: want_str(s).lower(), 1, 1),
    "toupper": FuncSpec(lambda s: want_str(s).upper(), 1, 1),
    "replace": FuncSpec(_replace, 3, 3),
    "string": FuncSpec(to_text, 1, 1, "deep"),
    "substring": FuncSpec(_substring, 1, 3),
    "indexof": FuncSpec(lambda c, i: _index_of(c, i, False), 2, 2, "deep"),
    "lastindexof": FuncSpec(lambda c, i: _index_of(c, i, True), 2, 2, "deep"),
    "startswith": FuncSpec(_starts_with, 2, 2),
    "endswith": FuncSpec(_ends_with, 2, 2),
    "split": FuncSpec(_split, 2, 2, "deep"),
    "join": FuncSpec(_join, 2, 2, "deep"),
    "trim": FuncSpec(lambda s: want_str(s).strip(), 1, 1),
    "padleft": FuncSpec(_pad_left, 2, 3),
    "base64": FuncSpec(_base64, 1, 1),
    "base64tostring": FuncSpec(_base64_to_string, 1, 1),
    "base64tojson": FuncSpec(lambda s: _json(_base64_to_string(s)), 1, 1),
    "datauri": FuncSpec(_data_uri, 1, 1),
    "datauritostring": FuncSpec(_data_uri_to_string, 1, 1),
    "uri": FuncSpec(_uri, 2, 2),
    "uricomponent": FuncSpec(lambda s: quote(want_str(s), safe=""), 1, 1),
    "uricomponenttostring": FuncSpec(lambda s: unquote(want_str(s)), 1, 1),
    "json": FuncSpec(_json, 1, 1),
    "uniquestring": FuncSpec(_unique_string, 1, None, "deep"),
    "guid": FuncSpec(_guid, 1, None, "deep"),
    "length": FuncSpec(_length, 1, 1),
    "empty": FuncSpec(_empty, 1, 1),
    "createarray": FuncSpec(lambda *a: list(a), 0, None, "none"),
    "createobject": FuncSpec(_create_object, 0, None, "none"),
    "union": FuncSpec(_union, 1, None, "none"),
    "intersection": FuncSpec(_intersection, 1, None, "deep"),
    "first": FuncSpec(_first, 1, 1),
    "last": FuncSpec(_last, 1, 1),
    "take": FuncSpec(_take, 2, 2),
    "skip": FuncSpec(_skip, 2, 2),
    "contains": FuncSpec(_contains, 2, 2),
    "array": FuncSpec(_array, 1, 1, "none"),
    "objectkeys": FuncSpec(_object_keys, 1, 1),
    "items": FuncSpec(_items, 1, 1),
    "shallowmerge": FuncSpec(_shallow_merge, 1, 1),
    "flatten": FuncSpec(_flatten, 1, 1),
    "tryget": FuncSpec(_try_get, 2, None, "none"),
    "add": FuncSpec(_add, 2, 2),
    "sub": FuncSpec(_sub, 2, 2),
    "mul": FuncSpec(_mul, 2, 2),
    "div": FuncSpec(_div, 2, 2),
    "mod": FuncSpec(_mod, 2, 2),
    "min": FuncSpec(_min, 1, None),
    "max": FuncSpec(_max, 1, None),
    "int": FuncSpec(_int, 1, 1),
    "float": FuncSpec(_float, 1, 1),
    "bool": FuncSpec(_bool, 1, 1),
    "not": FuncSpec(_not, 1, 1),
    "equals": FuncSpec(lambda a, b: arm_equal(a, b), 2, 2, "deep"),
    "greater": FuncSpec(lambda a, b: _compare(a, b) > 0, 2, 2),
    "greaterorequals": FuncSpec(lambda a, b: _compare(a, b) >= 0, 2, 2),
    "less": FuncSpec(lambda a, b: _compare(a, b) < 0, 2, 2),
    "lessorequals": FuncSpec(lambda a, b: _compare(a, b) <= 0, 2, 2),
    "range": FuncSpec(_range, 2, 2),
    "true": FuncSpec(lambda: True, 0, 0),
    "false": FuncSpec(lambda: False, 0, 0),
    "null": FuncSpec(lambda: None, 0, 0),
    "parsecidr": FuncSpec(_parse_cidr, 1, 1),
    "cidrsubnet": FuncSpec(_cidr_subnet, 3, 3),
    "cidrhost": FuncSpec(_cidr_host, 2, 2),
}
