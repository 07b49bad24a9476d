"""The region catalog: every reference region present, names normalised, pairs kept one-way."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from sovereign_components.errors import UnknownRegionError
from sovereign_components.regions import (
    all_regions,
    canonical_region,
    get_region,
    is_known_region,
    normalize_region_name,
    paired_region,
)

REFERENCE = Path(__file__).resolve().parents[2].parent / "shared" / "reference" / "regions.csv"


def _reference_rows() -> list[dict[str, str]]:
    if not REFERENCE.exists():  # the shared folder sits beside the checkout; CI lays it there
        pytest.skip(f"reference file not found at {REFERENCE}")
    with REFERENCE.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_every_reference_region_is_in_the_catalog_with_its_facts() -> None:
    rows = _reference_rows()
    assert len(rows) == 56
    for row in rows:
        region = get_region(row["programmatic_name"])
        assert region.display_name == row["region"]
        assert region.geography == row["geography"]
        assert region.paired_region == (row["paired_region"] or None)
        assert region.availability_zones == (row["availability_zones"] == "yes")


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
