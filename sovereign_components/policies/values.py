"""Reading camelCase property trees the way a policy must: unknowns are distinct, never a value.

Pure: no Pulumi. The wrapper layer (``pack.py``) unwraps ``pulumi_policy``'s unknown-checking
proxies into plain dicts, so the predicates see the preview sentinels as strings and decide
themselves what an unknown means: :class:`Undecided` for a value a rule needs, which the wrapper
turns back into ``pulumi_policy``'s ``UnknownValueError`` (reported as "can't run policy ...
during preview", counted as *undecided* by the offline engine and failed under ``--strict``).
A rule therefore never treats an unknown as compliant (issue 4, "Unknown values").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

#: The preview sentinels of the Pulumi wire protocol (``pulumi_policy.proxy``,
#: ``pulumi.runtime.rpc.UNKNOWN``): protocol constants, so they are copied, not imported.
UNKNOWN_SENTINELS: Final[frozenset[str]] = frozenset(
    {
        "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",  # boolean
        "3eeb2bf0-c639-47a8-9e75-3b44932eb421",  # number
        "04da6b54-80e4-46f7-96ec-b56ff0331ba9",  # string (the one the SDK mocks emit)
        "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",  # array
        "030794c1-ac77-496b-92df-f27374a8bd58",  # asset
        "e48ece36-62e2-4504-bad9-02848725956a",  # archive
        "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",  # object
    }
)
UNKNOWN: Final[str] = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"


class _Missing:
    """The absence of a key: distinct from ``None`` and from an unknown."""

    _instance: _Missing | None = None

    def __new__(cls) -> _Missing:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "MISSING"

    def __bool__(self) -> bool:
        return False


MISSING: Final = _Missing()


class Undecided(Exception):
    """A rule needs a value that is unknown during preview (an output of another resource)."""

    def __init__(self, path: str, detail: str = "") -> None:
        self.path = path
        self.detail = detail
        text = f"value at .{path} can't be known during preview"
        super().__init__(f"{text}: {detail}" if detail else text)


def is_unknown(value: Any) -> bool:
    """True for a preview sentinel."""
    return isinstance(value, str) and value in UNKNOWN_SENTINELS


def _split(path: str | Sequence[str | int]) -> list[str | int]:
    if isinstance(path, str):
        return [int(p) if p.isdigit() else p for p in path.split(".") if p]
    return list(path)


def lookup(props: Any, path: str | Sequence[str | int]) -> Any:
    """The value at a dotted ``path`` (``"backupPolicy.type"``), :data:`MISSING` when any step is
    absent (or null), or the unknown sentinel itself when a step is unknown. Never raises."""
    current = props
    for step in _split(path):
        if is_unknown(current):
            return current
        if isinstance(step, int):
            if not isinstance(current, Sequence) or isinstance(current, str) or step >= len(current):
                return MISSING
            current = current[step]
        else:
            if not isinstance(current, Mapping) or step not in current:
                return MISSING
            current = current[step]
        if current is None:
            return MISSING
    return current


def require(props: Any, path: str | Sequence[str | int]) -> Any:
    """Like :func:`lookup`, but an unknown raises :class:`Undecided` (the rule cannot decide)."""
    value = lookup(props, path)
    if is_unknown(value):
        raise Undecided(path if isinstance(path, str) else ".".join(map(str, path)))
    return value


def contains_unknown(value: Any) -> bool:
    """True when ``value`` or anything nested in it is unknown."""
    if is_unknown(value):
        return True
    if isinstance(value, Mapping):
        return any(contains_unknown(v) for v in value.values())
    if isinstance(value, Sequence) and not isinstance(value, str):
        return any(contains_unknown(v) for v in value)
    return False


def as_bool(value: Any) -> bool | None:
    """A boolean property as the service reads it: ``True``/``False``, the strings ``"true"``/
    ``"false"`` (state files and YAML programs carry them), or ``None`` when absent or odd."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    return None


def as_list(value: Any) -> list[Any]:
    """A list property; absent or not-a-list is empty."""
    if isinstance(value, Sequence) and not isinstance(value, str):
        return list(value)
    return []
