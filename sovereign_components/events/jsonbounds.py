"""Bounded JSON: how the runtime reads a document from the wire, refusing cleanly what is too
large, too deep, ambiguous or not JSON at all.

Python's ``json.loads`` turns hostile input into ``RecursionError`` (a few thousand nested
brackets), ``ValueError`` (an integer literal of more than 4,300 digits), ``UnicodeDecodeError``
(bytes that are not UTF-8), silently takes the *last* of duplicate keys, and accepts ``NaN``.
:func:`load_json` turns every one of these into an :class:`~.errors.EventFormatError` naming the
problem, before or instead of the standard parser meeting it; :func:`check_json_value` applies
the same bounds to an object a caller built in Python. Pure: no Pulumi.

The limits, and why they are what they are:

- :data:`MAX_DOCUMENT_BYTES` = 1 MiB: an Event Grid event is at most 1 MB
  (https://learn.microsoft.com/azure/event-grid/quotas-limits), so no event of the contract can
  be larger and still be published to the regional topic.
- :data:`MAX_DEPTH` = 128: Cosmos DB refuses items nested deeper than 128 levels
  (https://learn.microsoft.com/azure/cosmos-db/concepts-limits, "Per-item limits"), so a deeper
  event could never be appended to the event store.
- :data:`MAX_NUMBER_CHARS` = 100: an IEEE 754 double -- what Cosmos DB and JavaScript consumers
  read a JSON number as -- has 17 significant digits; no honest number needs 100 characters,
  and the bound keeps Python's own 4,300-digit conversion limit (a raw ``ValueError``) out of reach.
- duplicate object keys are refused: RFC 8259 section 4 leaves their meaning to the parser, and a
  CloudEvent whose ``dataregion`` appears twice could be routed by Event Grid on one value and
  processed here on the other.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from typing import Any

from .errors import EventFormatError

__all__ = [
    "MAX_DEPTH",
    "MAX_DOCUMENT_BYTES",
    "MAX_NUMBER_CHARS",
    "check_json_value",
    "load_json",
    "plain_json",
    "safe_text",
    "shown",
]

MAX_DOCUMENT_BYTES = 1_048_576
MAX_DEPTH = 128
MAX_NUMBER_CHARS = 100
#: Integers of at most MAX_NUMBER_CHARS decimal digits (10**100 < 2**333).
_MAX_INT_BITS = 332

_SPECIAL = re.compile(r'[\[\]{}"\\]')


def shown(value: Any, limit: int = 60) -> str:
    """``repr(value)`` cut to ``limit`` characters: error messages name a bad value without
    copying a megabyte of it (or of someone's personal data) into a log or dead-letter record."""
    text = repr(value)
    return text if len(text) <= limit else f"{text[: limit - 5]}...{text[-2:]}"


def _too_deep(text: str, limit: int) -> bool:
    """Whether brackets outside strings nest deeper than ``limit``: one linear pass over the
    special characters, so the standard parser never recurses past the limit."""
    depth = 0
    in_string = False
    escaped = -1
    for match in _SPECIAL.finditer(text):
        pos = match.start()
        if pos == escaped:
            continue
        char = text[pos]
        if in_string:
            if char == "\\":
                escaped = pos + 1
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > limit:
                return True
        elif char in "]}":
            depth -= 1
    return False


def _parse_int(literal: str) -> int:
    if len(literal) > MAX_NUMBER_CHARS:
        raise EventFormatError(f"a number has {len(literal)} characters; at most {MAX_NUMBER_CHARS}")
    return int(literal)


def _parse_float(literal: str) -> float:
    if len(literal) > MAX_NUMBER_CHARS:
        raise EventFormatError(f"a number has {len(literal)} characters; at most {MAX_NUMBER_CHARS}")
    value = float(literal)
    if not math.isfinite(value):
        raise EventFormatError(f"the number {shown(literal)} is out of range")
    return value


def _parse_constant(name: str) -> Any:
    raise EventFormatError(f"{name} is not a JSON number (RFC 8259 has no NaN or Infinity)")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise EventFormatError(f"the key {shown(key)} appears twice in one object")
        result[key] = value
    return result


def load_json(
    data: str | bytes | bytearray | memoryview,
    *,
    what: str = "document",
    max_bytes: int | None = MAX_DOCUMENT_BYTES,
    max_depth: int = MAX_DEPTH,
) -> Any:
    """Parse JSON text (``str``) or UTF-8 bytes within the bounds above; raise
    :class:`~.errors.EventFormatError` naming ``what`` otherwise. ``max_bytes=None`` lifts the
    size bound (for bodies already in memory whose size the broker bounded)."""
    if isinstance(data, (bytes, bytearray, memoryview)):
        raw = bytes(data)
        if max_bytes is not None and len(raw) > max_bytes:
            raise EventFormatError(f"{what} has {len(raw):,} bytes; at most {max_bytes:,}")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise EventFormatError(
                f"{what} is not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
                "JSON exchanged between systems must be UTF-8 (RFC 8259 section 8.1)"
            ) from None
    elif isinstance(data, str):
        text = data
        if max_bytes is not None and len(text) > max_bytes // 4 and len(text.encode("utf-8", "surrogatepass")) > max_bytes:
            raise EventFormatError(f"{what} has more than {max_bytes:,} bytes")
    else:
        raise EventFormatError(f"{what} must be JSON text, not {type(data).__name__}")
    if _too_deep(text, max_depth):
        raise EventFormatError(f"{what} nests objects/arrays deeper than {max_depth} levels")
    try:
        value = json.loads(
            text,
            parse_int=_parse_int,
            parse_float=_parse_float,
            parse_constant=_parse_constant,
            object_pairs_hook=_unique_keys,
        )
    except EventFormatError as exc:
        raise EventFormatError(f"{what}: {exc}") from None
    except json.JSONDecodeError as exc:
        raise EventFormatError(f"{what} is not JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None
    except (RecursionError, ValueError) as exc:  # belt and braces: the scan above bounds depth
        raise EventFormatError(f"{what} cannot be read as JSON: {exc}") from None
    check_json_value(value, what=what, max_bytes=None, max_depth=max_depth)
    return value


def check_json_value(
    value: Any,
    *,
    what: str = "value",
    max_bytes: int | None = MAX_DOCUMENT_BYTES,
    max_depth: int = MAX_DEPTH,
) -> None:
    """Raise :class:`~.errors.EventFormatError` unless ``value`` is plain JSON data within the
    bounds: dicts with string keys, lists, strings without lone surrogates (they cannot be
    encoded as UTF-8), booleans, ``None``, integers of at most 100 digits and finite floats.
    Iterative (no recursion), and the size is estimated as the JSON text's length."""
    size = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            size += len(item) + 2
            _check_text(item, what)
        elif isinstance(item, bool) or item is None:
            size += 5
        elif isinstance(item, int):
            if item.bit_length() > _MAX_INT_BITS:
                raise EventFormatError(f"{what} holds an integer of more than {MAX_NUMBER_CHARS} digits")
            size += 20
        elif isinstance(item, float):
            if not math.isfinite(item):
                raise EventFormatError(f"{what} holds {item!r}, which is not a JSON number")
            size += 24
        elif isinstance(item, Mapping):
            if depth > max_depth:
                raise EventFormatError(f"{what} nests objects/arrays deeper than {max_depth} levels")
            size += 2
            for key, sub in item.items():
                if not isinstance(key, str):
                    raise EventFormatError(f"{what} has a non-string object key {shown(key)}")
                _check_text(key, what)
                size += len(key) + 4
                stack.append((sub, depth + 1))
        elif isinstance(item, (list, tuple)):
            if depth > max_depth:
                raise EventFormatError(f"{what} nests objects/arrays deeper than {max_depth} levels")
            size += 2
            stack.extend((sub, depth + 1) for sub in item)
        else:
            raise EventFormatError(f"{what} holds a {type(item).__name__}, which is not JSON data")
        if max_bytes is not None and size > max_bytes:
            raise EventFormatError(f"{what} is larger than {max_bytes:,} bytes as JSON")


def _check_text(text: str, what: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise EventFormatError(f"{what} holds a string with a lone surrogate, which UTF-8 cannot encode") from None


def safe_text(value: Any) -> str:
    """``str(value)``, or a placeholder when even that fails (an int of 5,000 digits)."""
    if isinstance(value, str):
        return value
    try:
        return str(value)
    except Exception:  # noqa: BLE001 - a record must be written whatever the value is
        return f"<unprintable {type(value).__name__}>"


def plain_json(value: Any) -> Any:
    """``value`` when it is plain bounded JSON data (:func:`check_json_value`), else its text:
    AMQP properties may be timestamps, UUIDs, bytes or huge numbers, and a dead-letter record
    must still be JSON that any reader can parse."""
    try:
        check_json_value(value, what="value")
    except EventFormatError:
        return safe_text(value)
    return value
