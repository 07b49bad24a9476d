"""The Azure region catalog: display name, geography, paired region and zones per region.

The facts live in ``data/regions.csv`` (Microsoft's regions list and
paired-regions pages; sources and caveats in ``data/README.md``); this module only loads and normalises them. Pure: no Pulumi.

Pairs are kept exactly as published, one-way pairs included (``brazilsouth`` ->
``southcentralus``, ``westus3`` -> ``eastus``): every "replicate to the pair" feature follows
the arrow, so reversing or symmetrising them would hide a cross-border copy (controls G2).
"""

from __future__ import annotations

import csv
import difflib
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .errors import UnknownRegionError

#: Locations that are not regions: global resources (DNS zones, action groups, alerts).
GLOBAL_LOCATIONS: frozenset[str] = frozenset({"global"})

_SEPARATORS = re.compile(r"[\s_\-]+")


@dataclass(frozen=True, slots=True)
class Region:
    """One Azure region as ARM names it (``name``) and as people do (``display_name``)."""

    name: str
    display_name: str
    geography: str
    paired_region: str | None
    availability_zones: bool
    notes: str = ""


def normalize_region_name(name: str) -> str:
    """Return the comparison form of a region name: lower-case, no spaces, dashes or underscores.

    ``"West Europe"``, ``"westeurope"`` and ``"WestEurope"`` all become ``"westeurope"`` (the way
    Azure Policy's Cosmos DB allowed-locations rule compares ``locationName``).
    """
    return _SEPARATORS.sub("", name.strip()).lower()


@cache
def _catalog() -> dict[str, Region]:
    text = resources.files(__package__).joinpath("data/regions.csv").read_text(encoding="utf-8")
    regions: dict[str, Region] = {}
    for row in csv.DictReader(text.splitlines()):
        region = Region(
            name=row["programmatic_name"].strip(),
            display_name=row["region"].strip(),
            geography=row["geography"].strip(),
            paired_region=row["paired_region"].strip() or None,
            availability_zones=row["availability_zones"].strip().lower() == "yes",
            notes=row["notes"].strip(),
        )
        regions[region.name] = region
    return regions


def all_regions() -> tuple[Region, ...]:
    """Every region in the catalog, sorted by ARM name."""
    return tuple(sorted(_catalog().values(), key=lambda r: r.name))


def is_known_region(name: str) -> bool:
    """True when ``name`` (any spelling) is a region in the catalog."""
    return normalize_region_name(name) in _catalog()


def suggest_regions(name: str, limit: int = 3) -> list[str]:
    """The closest catalog names to a misspelt region, best first."""
    return difflib.get_close_matches(normalize_region_name(name), list(_catalog()), n=limit, cutoff=0.5)


def get_region(name: str) -> Region:
    """Look a region up by any spelling; an unknown name raises with the closest suggestions."""
    key = normalize_region_name(name)
    try:
        return _catalog()[key]
    except KeyError:
        hint = suggest_regions(name)
        did_you_mean = f"; did you mean {', '.join(repr(h) for h in hint)}?" if hint else ""
        raise UnknownRegionError(f"unknown Azure region {name!r}{did_you_mean}") from None


def canonical_region(name: str) -> str:
    """The ARM ``location`` value for any spelling of a known region (raises if unknown)."""
    return get_region(name).name


def paired_region(name: str) -> Region | None:
    """The region that ``name``'s geo features replicate to, following one-way pairs as published."""
    pair = get_region(name).paired_region
    return _catalog().get(pair) if pair else None
