"""The evaluator's unknown value, and the conversion of inputs and results at the boundary.

Inside the expander an unknown is an :class:`Unknown` carrying the reason (a parameter computed
from another resource's output, ``reference()``, a function the gate does not evaluate), so a
deciding place can say *why* it fails closed. At the boundary it becomes the preview sentinel
:data:`~sovereign_components.policies.values.UNKNOWN` that every rule already treats as
undecided; on the way in, every preview sentinel becomes an :class:`Unknown`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..values import UNKNOWN, is_unknown
from .keys import FoldedDict
from .model import Limits, Unevaluable

#: The signature key and value Pulumi uses for a secret on the wire and in state files
#: (``pulumi.runtime.rpc``): protocol constants, copied like the unknown sentinels.
_SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d"
_SECRET_SIG_VALUE = "1b47061264138c4ac30d75fd1eb44270"


@dataclass(frozen=True, slots=True)
class Unknown:
    """A value the gate cannot know offline, with the reason."""

    reason: str

    def __repr__(self) -> str:
        return f"Unknown({self.reason!r})"


def is_unk(value: Any) -> bool:
    return isinstance(value, Unknown)


def first_unknown(*values: Any) -> Unknown | None:
    """The first :class:`Unknown` among ``values`` (not looking inside containers)."""
    for value in values:
        if isinstance(value, Unknown):
            return value
    return None


def deep_unknown(value: Any, _depth: int = 0) -> Unknown | None:
    """The first :class:`Unknown` anywhere inside ``value`` (depth-bounded: deeper is unknown)."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, Unknown):
            return item
        if depth > 200:
            return Unknown("value nested too deeply to inspect")
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return None


def from_input(value: Any, limits: Limits, path: str, *, secret_ok: bool = True) -> Any:
    """A Pulumi input value as the evaluator holds it: preview sentinels become
    :class:`Unknown`, secrets are unwrapped, integral floats (the wire carries every number as a
    float) become ints, tuples become lists. Raises :class:`Unevaluable` when the value is
    nested deeper than the limit or too large (nothing past it could be read)."""
    nodes = 0

    def convert(item: Any, depth: int) -> Any:
        nonlocal nodes
        nodes += 1
        if nodes > limits.max_template_nodes:
            raise Unevaluable(f"the input holds more than {limits.max_template_nodes} values", path)
        if depth > limits.max_value_depth:
            raise Unevaluable(f"the input is nested more than {limits.max_value_depth} levels deep", path)
        if isinstance(item, str):
            if is_unknown(item):
                return Unknown("the value is an output of another resource, unknown in this preview")
            return item
        if isinstance(item, bool) or item is None or isinstance(item, int):
            return item
        if isinstance(item, float):
            return int(item) if item.is_integer() and abs(item) < 2**63 else item
        if isinstance(item, Mapping):
            if secret_ok and item.get(_SECRET_SIG_KEY) == _SECRET_SIG_VALUE and "value" in item:
                return convert(item["value"], depth + 1)
            return {str(k): convert(v, depth + 1) for k, v in item.items()}
        if isinstance(item, (list, tuple)):
            return [convert(v, depth + 1) for v in item]
        if isinstance(item, Unknown):
            return item
        # assets, archives, resource references: nothing a template can read as JSON
        return Unknown(f"a {type(item).__name__} value is not JSON")

    return convert(value, 0)


def to_output(value: Any) -> Any:
    """A result as a rule reads it: :class:`Unknown` becomes the preview sentinel
    :data:`~sovereign_components.policies.values.UNKNOWN`, objects become
    :class:`~.keys.FoldedDict` (lookups ignore case; keys that differ only in case raise
    :class:`~.keys.AmbiguousKey`). Iterative (no recursion limit)."""
    if isinstance(value, Unknown):
        return UNKNOWN
    if not isinstance(value, (dict, list)):
        return value
    root: Any = FoldedDict() if isinstance(value, dict) else []
    stack: list[tuple[Any, Any]] = [(value, root)]
    while stack:
        source, target = stack.pop()
        items = source.items() if isinstance(source, dict) else enumerate(source)
        for key, item in items:
            if isinstance(item, Unknown):
                converted: Any = UNKNOWN
            elif isinstance(item, dict):
                converted = FoldedDict()
                stack.append((item, converted))
            elif isinstance(item, list):
                converted = []
                stack.append((item, converted))
            else:
                converted = item
            if isinstance(target, dict):
                target[key] = converted
            else:
                target.append(converted)
    return root
