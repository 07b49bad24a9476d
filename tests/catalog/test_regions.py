"""The region catalog: every reference region present, names normalised, pairs kept one-way."""

from __future__ import annotations

import pytest

from sovereign_components.errors import UnknownRegionError
from sovereign_components.geo.regions import (
    all_regions,
    canonical_region,
    get_region,
    is_known_region,
    normalize_region_name,
    paired_region,
)

#: Facts from Microsoft's regions list and paired-regions pages (sources in
#: sovereign_components/geo/data/README.md): (programmatic name, display name, geography, pair, zones).
PUBLISHED = [
    ("westeurope", "West Europe", "Europe", "northeurope", True),
    ("northeurope", "North Europe", "Europe", "westeurope", True),
    ("germanywestcentral", "Germany West Central", "Germany", "germanynorth", True),
    ("brazilsouth", "Brazil South", "Brazil", "southcentralus", True),
    ("southcentralus", "South Central US", "United States", "northcentralus", True),
    ("westus3", "West US 3", "United States", "eastus", True),
    ("italynorth", "Italy North", "Italy", None, True),
    ("uksouth", "UK South", "United Kingdom", "ukwest", True),
]


def test_catalog_has_every_published_region_plus_sweden_south() -> None:
    """56 public regions as published, plus Sweden South, the pair target of swedencentral."""
    names = {r.name for r in all_regions()}
    assert len(names) == 57 and "swedensouth" in names


@pytest.mark.parametrize(("name", "display", "geography", "pair", "zones"), PUBLISHED)
def test_published_facts_are_in_the_catalog(name: str, display: str, geography: str, pair: str | None,
                                            zones: bool) -> None:
    region = get_region(name)
    assert (region.display_name, region.geography, region.paired_region, region.availability_zones) == (
        display, geography, pair, zones)


@pytest.mark.parametrize("spelling", ["West Europe", "westeurope", "WestEurope", " west-europe ", "WEST_EUROPE"])
def test_spellings_of_one_region_are_one_region(spelling: str) -> None:
    assert canonical_region(spelling) == "westeurope"
    assert is_known_region(spelling)


def test_normalisation_removes_separators_and_case() -> None:
    assert normalize_region_name("Germany West Central") == "germanywestcentral"


def test_unknown_region_suggests_the_closest() -> None:
    with pytest.raises(UnknownRegionError) as err:
        get_region("westeurop")
    assert "westeurope" in str(err.value)
    assert "did you mean" in str(err.value)
    assert not is_known_region("moon-base-1")


@pytest.mark.parametrize(
    ("region", "pair", "pairs_back"),
    [
        ("brazilsouth", "southcentralus", False),  # leaves Brazil for the US, one way
        ("westus3", "eastus", False),  # eastus pairs with westus
        ("westindia", "southindia", False),
        ("westeurope", "northeurope", True),
    ],
)
def test_pairs_are_kept_as_published(region: str, pair: str, pairs_back: bool) -> None:
    target = paired_region(region)
    assert target is not None and target.name == pair
    back = paired_region(pair)
    assert (back is not None and back.name == region) is pairs_back


def test_regions_without_a_pair() -> None:
    for name in ("italynorth", "polandcentral", "spaincentral", "austriaeast"):
        assert paired_region(name) is None


def test_catalog_is_sorted_and_unique() -> None:
    names = [r.name for r in all_regions()]
    assert names == sorted(set(names))
