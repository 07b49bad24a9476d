"""Reading template JSON keys the way ARM does: without regard to case.

ARM reads a template's structural keys (``resources``, ``properties``, ``condition``, ``copy``,
``defaultValue`` ...), parameter, variable and function names, resource types and, in the
resource providers, property names without regard to case, so ``"Properties"`` is the resource's
properties and ``"CONDITION"`` its condition
(https://learn.microsoft.com/azure/azure-resource-manager/templates/template-expressions:
"Template functions and their parameters are case-insensitive"). The comparison is .NET's
ordinal ignore-case, which compares each character's simple upper case: ``ı`` (dotless i) and
``ſ`` (long s) match ``I`` and ``S``, while the Kelvin sign does not match ``k``. :func:`fold`
reproduces it, so a template cannot hide its properties from the rules by spelling a key in a
way ARM reads and the gate does not.

:class:`FoldedDict` is a JSON object with that lookup: ``props["publicNetworkAccess"]`` finds a
key written ``PUBLICNETWORKACCESS``, so every rule reads a virtual resource as the resource
provider will. Two keys of one object that fold to the same key are ambiguous (which one a
provider takes is not documented): :class:`AmbiguousKey`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
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

    def __bool__(self) -> bool:
        return False


ABSENT: Final = _Absent()


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """``text`` as .NET's ordinal ignore-case comparison sees it: each character's simple
    (one-character) upper case."""
    out = []
    for char in text:
        upper = char.upper()
        out.append(upper if len(upper) == 1 else char)
    return "".join(out)


def get_ci(obj: Mapping[str, Any], key: str) -> Any:
    """The value under ``key`` in any case, :data:`ABSENT` when there is none."""
    wanted = fold(key)
    found = [k for k in obj if isinstance(k, str) and fold(k) == wanted]
    if not found:
        return ABSENT
    if len(found) > 1:
        raise AmbiguousKey(key, found)
    return obj[found[0]]


def duplicates(obj: Mapping[str, Any]) -> list[list[str]]:
    """Groups of keys that differ only in case."""
    groups: dict[str, list[str]] = {}
    for key in obj:
        groups.setdefault(fold(str(key)), []).append(str(key))
    return [g for g in groups.values() if len(g) > 1]


class FoldedDict(dict[str, Any]):
    """A JSON object whose lookups ignore case as ARM's do: ``d["publicNetworkAccess"]``,
    ``"publicNetworkAccess" in d`` and ``d.get(...)`` find ``PublicNetworkAccess``. Iteration
    and equality are a plain dict's (keys keep the template's spelling). Built once, read-only by
    convention; building it from keys that differ only in case raises :class:`AmbiguousKey`."""

    def __init__(self, items: Iterable[tuple[str, Any]] = ()) -> None:
        super().__init__(items)
        self._folded: dict[str, str] = {}
        for key in self:
            folded = fold(key)
            if folded in self._folded:
                raise AmbiguousKey(key, [self._folded[folded], key])
            self._folded[folded] = key

    def _real(self, key: object) -> str | None:
        if isinstance(key, str):
            return self._folded.get(fold(key))
        return None

    def __missing__(self, key: str) -> Any:
        real = self._real(key)
        if real is None:
            raise KeyError(key)
        return dict.__getitem__(self, real)

    def __contains__(self, key: object) -> bool:
        return dict.__contains__(self, key) or self._real(key) is not None

    def get(self, key: str, default: Any = None) -> Any:
        return self[key] if key in self else default

    def __setitem__(self, key: str, value: Any) -> None:
        real = self._real(key)
        if real is not None and real != key:
            raise AmbiguousKey(key, [real, key])
        dict.__setitem__(self, key, value)
        self._folded[fold(key)] = key

    def __reduce__(self) -> Any:
        return (FoldedDict, (list(self.items()),))
