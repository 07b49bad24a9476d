"""Sovereignty boundaries: named jurisdictions (EU, EEA, US, UK, CH, ...) and custom region sets.

The named boundaries are data (``data/boundaries.toml``); a boundary may ``include`` another
(EEA = EU + Norway). Pure: no Pulumi. The policy pack, the stack config and the event contract
all answer "is this region inside?" through :class:`SovereigntyBoundary`.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .errors import UnknownBoundaryError
from .regions import GLOBAL_LOCATIONS, get_region, is_known_region, normalize_region_name


@dataclass(frozen=True, slots=True)
class SovereigntyBoundary:
    """A jurisdiction: a code (``"EU"``) and the ARM names of the regions inside it."""

    code: str
    regions: frozenset[str]
    description: str = ""

    def contains(self, region: str) -> bool:
        """True when ``region`` (any spelling) is inside. Unknown names and ``global`` are not:
        a location that cannot be placed in the boundary is treated as outside (fail closed)."""
        key = normalize_region_name(region)
        return key not in GLOBAL_LOCATIONS and key in self.regions

    def pair_inside(self, region: str) -> bool:
        """True when ``region``'s published pair is inside the boundary.

        This is the question every "replicate to the pair" feature asks (GRS storage, Cosmos DB
        periodic geo backup, Event Grid ``WithinGeopair``; controls G2). One-way pairs are
        followed as published, and a region with no pair answers False: where there is no pair
        Azure picks the secondary, so staying inside cannot be shown.
        """
        pair = get_region(region).paired_region
        return pair is not None and pair in self.regions

    def with_regions(self, extra: Iterable[str]) -> SovereigntyBoundary:
        """A copy with more regions allowed (e.g. a policy config's ``extraAllowedRegions``)."""
        added = {get_region(r).name for r in extra}
        if added <= self.regions:
            return self
        return SovereigntyBoundary(self.code, self.regions | added, self.description)

    def filter_values(self) -> list[str]:
        """The values an event's region field may carry to be routed to this boundary: the
        code itself and every region name (as the source design's ``StringIn`` filter lists
        ``"EU", "westeurope", "northeurope"``)."""
        return [self.code, *sorted(self.regions)]

    def __str__(self) -> str:
        return self.code


@cache
def _table() -> Mapping[str, dict]:
    text = resources.files(__package__).joinpath("data/boundaries.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _resolve(code: str, seen: tuple[str, ...] = ()) -> frozenset[str]:
    if code in seen:
        raise ValueError(f"boundaries.toml: include cycle {' -> '.join((*seen, code))}")
    entry = _table()[code]
    regions = {get_region(r).name for r in entry.get("regions", [])}
    for inner in entry.get("includes", []):
        regions |= _resolve(inner, (*seen, code))
    return frozenset(regions)


@cache
def named_boundaries() -> Mapping[str, SovereigntyBoundary]:
    """Every named boundary, by code."""
    return {
        code: SovereigntyBoundary(code, _resolve(code), entry.get("description", ""))
        for code, entry in _table().items()
    }


def get_boundary(code: str) -> SovereigntyBoundary:
    """A named boundary by code, case-insensitive (``"eu"`` is ``"EU"``)."""
    found = named_boundaries().get(code.strip().upper())
    if found is None:
        known = ", ".join(sorted(named_boundaries()))
        raise UnknownBoundaryError(f"unknown sovereignty boundary {code!r}; known: {known}")
    return found


def is_boundary_code(value: str) -> bool:
    """True when ``value`` names a boundary (case-insensitive)."""
    return value.strip().upper() in named_boundaries()


def custom_boundary(code: str, regions: Iterable[str], description: str = "") -> SovereigntyBoundary:
    """A boundary from an explicit region list (every name must be a known region)."""
    names = frozenset(get_region(r).name for r in regions)
    if not names:
        raise ValueError(f"custom boundary {code!r} needs at least one region")
    return SovereigntyBoundary(code.strip().upper(), names, description)


def boundaries_containing(region: str) -> list[str]:
    """Codes of the named boundaries that contain ``region`` (e.g. westeurope: EEA, EU, EUDB)."""
    if not is_known_region(region):
        return []
    return sorted(code for code, b in named_boundaries().items() if b.contains(region))
