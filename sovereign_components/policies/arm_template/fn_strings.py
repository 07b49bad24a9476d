"""String functions of ARM templates (``concat``, ``format``, ``replace``, ``substring``, the
base64/data-URI/URI functions, ``uniqueString``/``guid`` placeholders ...). Pure."""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
import uuid
from typing import Any
from urllib.parse import unquote, urljoin

from .coerce import EvalError, arm_equal, normalize_json, to_text, type_name, want_int, want_list, want_str


def fn_concat(*args: Any) -> Any:
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


def fn_format(fmt: Any, *args: Any) -> str:
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


def fn_replace(s: Any, old: Any, new: Any) -> str:
    old_s = want_str(old, "old string")
    if not old_s:
        raise EvalError("replace: the string to replace is empty")
    return want_str(s).replace(old_s, want_str(new, "new string"))


def fn_substring(s: Any, start: Any = 0, length: Any = None) -> str:
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


def fn_index_of(container: Any, item: Any, last: bool) -> int:
    if isinstance(container, list):
        indexes = range(len(container) - 1, -1, -1) if last else range(len(container))
        for i in indexes:
            if arm_equal(container[i], item):
                return i
        return -1
    text, find = want_str(container).lower(), want_str(item).lower()
    return text.rfind(find) if last else text.find(find)


def fn_starts_with(s: Any, prefix: Any) -> bool:
    return want_str(s).lower().startswith(want_str(prefix).lower())


def fn_ends_with(s: Any, suffix: Any) -> bool:
    return want_str(s).lower().endswith(want_str(suffix).lower())


def fn_split(s: Any, delimiter: Any) -> list[str]:
    text = want_str(s)
    raw = delimiter if isinstance(delimiter, list) else [delimiter]
    delims = [want_str(d, "delimiter") for d in raw]
    delims = [d for d in delims if d]
    if not delims:
        return [text]
    pattern = "|".join(re.escape(d) for d in delims)
    return re.split(pattern, text)


def fn_join(items: Any, delimiter: Any) -> str:
    return want_str(delimiter, "delimiter").join(to_text(i) for i in want_list(items))


def fn_pad_left(value: Any, total: Any, pad: Any = " ") -> str:
    text = str(want_int(value)) if isinstance(value, int) and not isinstance(value, bool) else want_str(value)
    width = want_int(total, "totalLength")
    pad_s = want_str(pad, "paddingCharacter")
    if len(pad_s) != 1:
        raise EvalError("padLeft: the padding must be one character")
    if width > 100_000:
        raise EvalError("padLeft: totalLength too large")
    return text.rjust(width, pad_s)


def fn_base64(s: Any) -> str:
    return base64.b64encode(want_str(s).encode("utf-8")).decode("ascii")


def fn_base64_to_string(s: Any) -> str:
    try:
        return base64.b64decode(want_str(s), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise EvalError(f"base64ToString: {exc}") from None


def fn_json(s: Any) -> Any:
    text = want_str(s)
    try:
        return normalize_json(json.loads(text))
    except (ValueError, RecursionError) as exc:
        raise EvalError(f"json: {exc}") from None




def fn_data_uri(s: Any) -> str:
    return "data:text/plain;charset=utf8;base64," + fn_base64(s)


def fn_data_uri_to_string(s: Any) -> str:
    text = want_str(s)
    if not text.startswith("data:") or "," not in text:
        raise EvalError("dataUriToString: not a data URI")
    header, payload = text[5:].split(",", 1)
    if header.endswith(";base64"):
        return fn_base64_to_string(payload)
    return unquote(payload)


def fn_uri(base: Any, relative: Any) -> str:
    return urljoin(want_str(base, "baseUri"), want_str(relative, "relativeUri"))


def fn_unique_string(*parts: Any) -> str:
    """A deterministic 13-character placeholder for ``uniqueString`` (ARM's own hash is not
    reproduced): the same arguments give the same name, so ids built from it still match."""
    digest = hashlib.sha256("\x1f".join(want_str(p) for p in parts).encode("utf-8")).digest()
    return base64.b32encode(digest).decode("ascii").lower()[:13]


_GUID_NAMESPACE = uuid.UUID("11f8b8a4-7b3e-4b8e-9a5c-0c1d2e3f4a5b")


def fn_guid(*parts: Any) -> str:
    """A deterministic GUID placeholder for ``guid`` (same arguments, same GUID)."""
    return str(uuid.uuid5(_GUID_NAMESPACE, "\x1f".join(want_str(p) for p in parts)))
