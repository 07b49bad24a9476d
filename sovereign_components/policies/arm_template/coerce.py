"""Types as ARM template functions see them: coercions that raise :class:`EvalError` on the
wrong type (ARM would reject the expression), ``string()`` formatting, deep equality and
case-insensitive member access. Pure."""

from __future__ import annotations

import json
from typing import Any

from .keys import fold


class EvalError(Exception):
    """An expression ARM would reject (wrong type, missing member, bad argument count)."""


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
        return len(a) == len(b) and all(arm_equal(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        la = {fold(k): v for k, v in a.items()}
        lb = {fold(k): v for k, v in b.items()}
        return la.keys() == lb.keys() and all(arm_equal(la[k], lb[k]) for k in la)
    return type(a) is type(b) and a == b


def get_member(obj: dict[str, Any], name: str) -> tuple[bool, Any]:
    """``obj.name``: exact key first, then case-insensitive (ARM property access ignores case)."""
    if name in obj:
        return True, obj[name]
    wanted = fold(name)
    for key, value in obj.items():
        if fold(key) == wanted:
            return True, value
    return False, None

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
