"""The one YAML reader for ``Pulumi.yaml`` and ``Pulumi.<stack>.yaml``: bounded, strict, and
reading values the way the Pulumi CLI does.

Why not ``yaml.safe_load``: it expands aliases without limit (a ten-line "billion laughs" file
took 100 s and 5.8 GB), recurses once per nesting level (5,000-deep YAML is a
``RecursionError``), keeps the last of two duplicate keys silently (``sovereign:boundary: US``
then ``EU``), and resolves scalars by YAML 1.1 (``yes``/``no``/``on``/``off`` become booleans,
``2024-01-01`` a ``datetime`` that cannot even be turned into JSON) while the Pulumi CLI reads
these files with go-yaml v3, which follows YAML 1.2's core schema (only ``true``/``false``
are booleans).

This module consumes the parser's event stream (:func:`yaml.parse`, iterative, no composer
and no recursion) and builds the value itself under :class:`YamlLimits`:

* the file size is checked before parsing (:func:`read_yaml_file` reads at most
  ``max_bytes + 1`` bytes);
* nesting deeper than ``max_depth`` stops at the first event that goes deeper;
* every value counts once, an alias counts the size of what it stands for: more than
  ``max_alias_values`` values coming from aliases, or ``max_values`` in all, stops the read
  before anything is expanded (go-yaml v3 has the same defence, "document contains excessive
  aliasing");
* a duplicate key is an error naming both lines (go-yaml reports the same condition as
  "mapping key ... already defined at line N");
* merge keys (``<<: *base``) work as YAML specifies (explicit keys win);
* integers outside 64 bits, ``.inf``/``.nan`` and unknown tags (``!!binary``, ``!Custom``) are
  refused: Pulumi stores config numbers as 64-bit values and JSON has no infinities.

Every problem is a :class:`~sovereign_components.errors.UsageError` naming the file and line,
which the CLI reports as exit 2. Pure: no Pulumi.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import yaml

from ..errors import UsageError
from ..files import read_text

__all__ = ["LIMITS", "YamlLimits", "parse_yaml", "read_yaml_file"]


@dataclass(frozen=True)
class YamlLimits:
    """Bounds of one read. The defaults are far above any real project or stack file (this
    repository's are under 4 KB, a few hundred values, six levels deep) and far below what
    costs noticeable time or memory."""

    #: Bytes of the file. 1 MiB holds thousands of encrypted secrets.
    max_bytes: int = 1024 * 1024
    #: Nesting of mappings and sequences (config objects nest a handful of levels).
    max_depth: int = 64
    #: Values in the document after alias expansion.
    max_values: int = 100_000
    #: Values that aliases add (a stack file needs few or none; a billion-laughs file needs
    #: billions).
    max_alias_values: int = 10_000


LIMITS = YamlLimits()

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_TAG = "tag:yaml.org,2002:"
_MERGE = object()  # marker: the pending key is '<<'

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?(?:[0-9]+|0x[0-9a-fA-F]+|0o[0-7]+|0b[01]+)$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_SPECIAL_FLOAT = re.compile(r"^(?:[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")
_INT64 = (-(2**63), 2**64 - 1)  # Pulumi keeps int64, or uint64 for large positive values
#: What an explicitly tagged scalar (``!!int 7``) must resolve to.
_TAG_TYPES: dict[str, tuple[type, ...]] = {"int": (int,), "float": (int, float), "bool": (bool,), "null": (type(None),)}


@dataclass
class _Collection:
    """A mapping or sequence being built."""

    value: dict[str, Any] | list[Any]
    line: int
    anchor: str | None
    size: int = 1
    pending_key: Any = None  # None: the next value is a key
    pending_line: int = 0
    key_lines: dict[str, int] = field(default_factory=dict)
    merges: list[dict[str, Any]] = field(default_factory=list)


class _Builder:
    def __init__(self, source: str, limits: YamlLimits) -> None:
        self.source = source
        self.limits = limits
        self.stack: list[_Collection] = []
        self.anchors: dict[str, tuple[Any, int, str | None]] = {}  # name -> (value, size, scalar text)
        self.values = 0
        self.alias_values = 0
        self.documents = 0
        self.root: Any = None

    # -- errors ----------------------------------------------------------------------------
    def fail(self, line: int, problem: str) -> UsageError:
        return UsageError(f"{self.source}: line {line}: {problem}")

    def count(self, size: int, line: int, *, alias: bool = False) -> None:
        self.values += size
        if alias:
            self.alias_values += size
            if self.alias_values > self.limits.max_alias_values:
                raise self.fail(line, f"aliases expand to more than {self.limits.max_alias_values:,} values "
                                      "(an alias bomb?); write the values out or use fewer aliases")
        if self.values > self.limits.max_values:
            raise self.fail(line, f"more than {self.limits.max_values:,} values (after expanding aliases)")

    # -- scalars ---------------------------------------------------------------------------
    def scalar(self, event: Any, line: int) -> Any:
        text: str = event.value
        tag = event.tag
        plain = event.style in (None, "") and event.implicit[0]
        if tag in (None, "!") and not plain:
            return text  # quoted, literal or folded: a string
        if tag in (None, "!"):
            return self.resolve_plain(text, line) if tag is None else text
        if not tag.startswith(_TAG):
            raise self.fail(line, f"unsupported tag '{tag}' (Pulumi config values are strings, numbers, "
                                  "booleans, lists and mappings)")
        kind = tag[len(_TAG):]
        if kind in ("str", "timestamp"):
            return text
        if kind in ("int", "float", "bool", "null"):
            value: Any = self.resolve_plain(text, line)
            if not isinstance(value, _TAG_TYPES[kind]) or (kind == "int" and isinstance(value, bool)):
                raise self.fail(line, f"{text!r} is not a valid !!{kind}")
            return float(cast(float, value)) if kind == "float" else value
        raise self.fail(line, f"unsupported tag '!!{kind}'")

    def resolve_plain(self, text: str, line: int) -> Any:
        """YAML 1.2 core schema, as go-yaml v3 resolves plain scalars for the Pulumi CLI."""
        if _NULL.match(text):
            return None
        if text in _BOOL:
            return _BOOL[text]
        if _INT.match(text):
            digits = text.lstrip("+-")
            if len(digits) > 40:  # beyond any 64-bit value; also far below Python's 4,300-digit limit
                raise self.fail(line, f"integer with {len(digits):,} digits is outside the 64-bit range "
                                      "Pulumi stores; quote it if it is an identifier")
            value = int(text, 0) if digits[:2] in ("0x", "0o", "0b") else int(text, 10)
            if not _INT64[0] <= value <= _INT64[1]:
                raise self.fail(line, f"integer {text} is outside the 64-bit range Pulumi stores; "
                                      "quote it if it is an identifier")
            return value
        if _FLOAT.match(text):
            number = float(text)
            if not math.isfinite(number):
                raise self.fail(line, f"number {text[:40]} is too large (JSON has no infinity)")
            return number
        if _SPECIAL_FLOAT.match(text):
            raise self.fail(line, f"{text} is not a finite number (JSON has no infinity or NaN); quote it "
                                  "if it is a string")
        return text

    # -- building --------------------------------------------------------------------------
    def key_text(self, value: Any, raw: str | None, line: int) -> str:
        """A mapping key as the Pulumi CLI reads it: the scalar's text as written (go-yaml
        decodes a key into a string from its text, so ``0E0``, ``1.0`` or ``yes`` stay what they
        say); a plain null (``~``, ``null``, nothing) is not a key."""
        if raw is None:
            raise self.fail(line, "a mapping key must be a plain value, not a mapping or a list")
        if value is None:
            raise self.fail(line, "a mapping key is empty or null")
        return raw

    def add(self, value: Any, size: int, line: int, *, raw: str | None = None, merge_key: bool = False) -> None:
        """Place a finished value; ``raw`` is a scalar's text (``None`` for a collection)."""
        if not self.stack:
            self.root = value
            return
        top = self.stack[-1]
        top.size += size
        if isinstance(top.value, list):
            top.value.append(value)
            return
        if top.pending_key is None:  # this value is a key
            if merge_key:
                if "<<" in top.key_lines:
                    raise self.fail(line, f"duplicate key '<<' (first at line {top.key_lines['<<']})")
                top.key_lines["<<"] = line
                top.pending_key = _MERGE
                return
            key = self.key_text(value, raw, line)
            if key in top.key_lines:
                raise self.fail(line, f"duplicate key '{key}' (first at line {top.key_lines[key]}); "
                                      "readers disagree on which one counts: keep one")
            top.key_lines[key] = line
            top.pending_key, top.pending_line = key, line
            return
        if top.pending_key is _MERGE:
            sources = value if isinstance(value, list) else [value]
            if not sources or not all(isinstance(s, dict) for s in sources):
                raise self.fail(line, "'<<' merges a mapping or a list of mappings")
            top.merges.extend(sources)
        else:
            assert isinstance(top.value, dict)
            top.value[top.pending_key] = value
        top.pending_key = None

    def open(self, container: dict[str, Any] | list[Any], event: Any, line: int) -> None:
        tag = event.tag
        expected = "map" if isinstance(container, dict) else "seq"
        if tag not in (None, "!", _TAG + expected):
            raise self.fail(line, f"unsupported tag '{tag}'")
        if len(self.stack) >= self.limits.max_depth:
            raise self.fail(line, f"nested deeper than {self.limits.max_depth} levels")
        self.count(1, line)
        self.stack.append(_Collection(container, line, event.anchor))

    def close(self, line: int) -> None:
        done = self.stack.pop()
        if isinstance(done.value, dict):
            for source in done.merges:  # explicit keys win; earlier merge sources win
                for key, value in source.items():
                    done.value.setdefault(key, value)
        if done.anchor is not None:
            self.anchors[done.anchor] = (done.value, done.size, None)
        self.add(done.value, done.size, done.line)

    def alias(self, event: Any, line: int) -> None:
        found = self.anchors.get(event.anchor)
        if found is None:
            raise self.fail(line, f"alias '*{event.anchor}' refers to no anchor defined before it "
                                  "(or to the mapping or list that contains it)")
        value, size, raw = found
        self.count(size, line, alias=True)
        self.add(value, size, line, raw=raw)

    def feed(self, event: Any) -> None:
        line = event.start_mark.line + 1 if event.start_mark is not None else 0
        if isinstance(event, yaml.ScalarEvent):
            value = self.scalar(event, line)
            self.count(1, line)
            if event.anchor is not None:
                self.anchors[event.anchor] = (value, 1, event.value)
            merge = event.value == "<<" and event.style in (None, "") and event.tag in (None, _TAG + "merge")
            self.add(value, 1, line, raw=event.value, merge_key=merge)
        elif isinstance(event, yaml.AliasEvent):
            self.alias(event, line)
        elif isinstance(event, yaml.MappingStartEvent):
            self.open({}, event, line)
        elif isinstance(event, yaml.SequenceStartEvent):
            self.open([], event, line)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            self.close(line)
        elif isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise self.fail(line, "a second YAML document ('---'); a Pulumi file holds one")


def parse_yaml(text: str, source: str, limits: YamlLimits = LIMITS) -> Any:
    """The value of the YAML document ``text`` (``None`` when empty); ``source`` names the file
    in errors."""
    if len(text.encode("utf-8", "surrogatepass")) > limits.max_bytes:
        raise UsageError(f"{source}: larger than the limit of {limits.max_bytes:,} bytes")
    builder = _Builder(source, limits)
    try:
        for event in yaml.parse(text, Loader=_LOADER):
            builder.feed(event)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        problem = exc.problem or exc.context or str(exc).splitlines()[0]
        raise UsageError(f"{source}: invalid YAML{where}: {problem}") from None
    except yaml.YAMLError as exc:
        raise UsageError(f"{source}: invalid YAML: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}") from None
    return builder.root


def read_yaml_file(path: Path, what: str = "file", limits: YamlLimits = LIMITS) -> Any:
    """Read and parse ``path`` within ``limits`` (see :func:`parse_yaml`)."""
    text = read_text(path, what, max_bytes=limits.max_bytes)
    return parse_yaml(text, path.name, limits)
