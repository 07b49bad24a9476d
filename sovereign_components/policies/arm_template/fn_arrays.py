"""Array and object functions of ARM templates (``length``, ``union``, ``intersection``,
``first``/``last``, ``take``/``skip``, ``contains``, ``items``, ``tryGet`` ...). Pure; unknown elements
are kept where the answer does not depend on them."""

from __future__ import annotations

from typing import Any

from .coerce import EvalError, arm_equal, get_member, to_text, type_name, want_dict, want_int, want_list, want_str
from .keys import fold
from .unknown import Unknown, deep_unknown, first_unknown


def fn_length(value: Any) -> int:
    if isinstance(value, (str, list, dict)):
        return len(value)
    raise EvalError(f"length takes a string, array or object, not {type_name(value)}")


def fn_empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, (str, list, dict)):
        return len(value) == 0
    raise EvalError(f"empty takes a string, array or object, not {type_name(value)}")


def fn_create_object(*args: Any) -> dict[str, Any]:
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
                out = {k: v for k, v in out.items() if fold(k) != fold(key)}
            out[key] = value
    return out


def fn_union(*args: Any) -> Any:
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


def fn_intersection(*args: Any) -> Any:
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


def fn_first(value: Any) -> Any:
    if isinstance(value, str):
        return value[:1]
    items = want_list(value)
    return items[0] if items else None


def fn_last(value: Any) -> Any:
    if isinstance(value, str):
        return value[-1:]
    items = want_list(value)
    return items[-1] if items else None


def fn_take(value: Any, count: Any) -> Any:
    n = max(0, want_int(count, "numberToTake"))
    if isinstance(value, str):
        return value[:n]
    return want_list(value)[:n]


def fn_skip(value: Any, count: Any) -> Any:
    n = max(0, want_int(count, "numberToSkip"))
    if isinstance(value, str):
        return value[n:]
    return want_list(value)[n:]


def fn_contains(container: Any, item: Any) -> Any:
    if isinstance(container, str):
        return to_text(item) in container
    if isinstance(container, dict):
        return get_member(container, want_str(item, "key"))[0]
    items = want_list(container)
    if any(not isinstance(x, Unknown) and deep_unknown(x) is None and arm_equal(x, item) for x in items):
        return True
    unknown = deep_unknown(items)
    return unknown if unknown is not None else False


def fn_array(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def fn_object_keys(value: Any) -> list[str]:
    return list(want_dict(value).keys())


def fn_items(value: Any) -> list[dict[str, Any]]:
    obj = want_dict(value)
    return [{"key": k, "value": obj[k]} for k in sorted(obj, key=str.lower)]


def fn_shallow_merge(value: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for item in want_list(value):
        if isinstance(item, Unknown):
            raise EvalError("shallowMerge: an element is unknown")
        out.update(want_dict(item, "element"))
    return out


def fn_flatten(value: Any) -> list[Any]:
    out: list[Any] = []
    for item in want_list(value):
        if isinstance(item, Unknown):
            raise EvalError("flatten: an element is unknown")
        out.extend(want_list(item, "element"))
    return out


def fn_try_get(value: Any, *keys: Any) -> Any:
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
