"""Reading template JSON keys the way ARM does: case-insensitively.

ARM reads a template's structural keys (``resources``, ``properties``, ``condition``, ``copy``,
``defaultValue`` ...) without regard to case, so ``"Properties"`` is the resource's properties
and ``"CONDITION"`` its condition. The expander must read them the same way, or a template
could hide its properties from every rule by capitalising one letter. Two keys that differ only
in case are ambiguous (which one ARM takes is not documented): :class:`AmbiguousKey`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final


class AmbiguousKey(Exception):
    """Two keys of one object differ only in case."""

    def __init__(self, key: str, spellings: list[str]) -> None:
        self.key = key
        self.spellings = spellings
        super().__init__(f"the object has {len(spellings)} spellings of '{key}': {', '.join(spellings)}")


class _Absent:
    def __repr__(self) -> str:
        return "ABSENT"


ABSENT: Final = _Absent()


def get_ci(obj: Mapping[str, Any], key: str) -> Any:
    """The value under ``key`` in any case, :data:`ABSENT` when there is none."""
    lowered = key.lower()
    found = [k for k in obj if isinstance(k, str) and k.lower() == lowered]
    if not found:
        return ABSENT
    if len(found) > 1:
        raise AmbiguousKey(key, found)
    return obj[found[0]]


def has_ci(obj: Mapping[str, Any], key: str) -> bool:
    return get_ci(obj, key) is not ABSENT


def duplicates(obj: Mapping[str, Any]) -> list[list[str]]:
    """Groups of keys that differ only in case."""
    groups: dict[str, list[str]] = {}
    for key in obj:
        groups.setdefault(str(key).lower(), []).append(str(key))
    return [g for g in groups.values() if len(g) > 1]
