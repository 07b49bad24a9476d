"""Sovereignty boundaries: the jurisdiction cases people get wrong."""

from __future__ import annotations

import pytest

from sovereign_components.geo.boundary import (
    boundaries_containing,
    custom_boundary,
    get_boundary,
    is_boundary_code,
    named_boundaries,
)
from sovereign_components.errors import UnknownBoundaryError, UnknownRegionError
from sovereign_components.geo.regions import is_known_region


def test_required_boundaries_exist() -> None:
    assert {"EU", "EEA", "US", "UK", "CH"} <= set(named_boundaries())


def test_eu_is_member_states_only() -> None:
    eu = get_boundary("EU")
    for inside in ("westeurope", "North Europe", "germanywestcentral", "swedencentral", "italynorth"):
        assert eu.contains(inside), inside
    for outside in ("uksouth", "ukwest", "norwayeast", "switzerlandnorth", "eastus"):
        assert not eu.contains(outside), outside


def test_eea_adds_norway_but_not_switzerland_or_uk() -> None:
    eea = get_boundary("eea")
    assert eea.contains("norwayeast") and eea.contains("westeurope")
    assert not eea.contains("switzerlandnorth")
    assert not eea.contains("uksouth")
    assert get_boundary("EU").regions < eea.regions


def test_uk_is_not_eu_and_its_pair_stays_home() -> None:
    uk = get_boundary("UK")
    assert uk.contains("uksouth") and not get_boundary("EU").contains("uksouth")
    assert uk.pair_inside("uksouth") and uk.pair_inside("ukwest")


def test_brazil_south_pairs_out_to_the_us() -> None:
    br = get_boundary("BR")
    assert br.contains("brazilsouth")
    assert not br.pair_inside("brazilsouth")  # southcentralus is in the US
    assert get_boundary("US").contains("southcentralus")


def test_westus3_pairs_one_way_inside_the_us() -> None:
    us = get_boundary("US")
    assert us.pair_inside("westus3")  # -> eastus
    assert us.pair_inside("eastus")  # -> westus, not back to westus3


def test_regions_without_a_pair_cannot_show_their_pair_inside() -> None:
    assert not get_boundary("EU").pair_inside("italynorth")


def test_global_and_unknown_locations_are_outside() -> None:
    eu = get_boundary("EU")
    assert not eu.contains("global")
    assert not eu.contains("atlantis")


def test_every_boundary_lists_only_known_regions() -> None:
    for boundary in named_boundaries().values():
        assert boundary.regions, boundary.code
        assert all(is_known_region(r) for r in boundary.regions), boundary.code


def test_unknown_boundary_lists_the_known_ones() -> None:
    with pytest.raises(UnknownBoundaryError, match="known: .*EU"):
        get_boundary("EUROPA")
    assert is_boundary_code("us") and not is_boundary_code("mars")


def test_custom_boundary_and_extra_regions() -> None:
    dach = custom_boundary("dach", ["Germany West Central", "switzerlandnorth", "austriaeast"])
    assert dach.code == "DACH"
    assert dach.contains("austriaeast") and not dach.contains("westeurope")
    widened = get_boundary("EU").with_regions(["norwayeast"])
    assert widened.contains("norwayeast") and not get_boundary("EU").contains("norwayeast")
    with pytest.raises(UnknownRegionError):
        custom_boundary("x", ["nowhere"])
    with pytest.raises(ValueError):
        custom_boundary("x", [])


def test_filter_values_start_with_the_code_then_regions() -> None:
    values = get_boundary("EU").filter_values()
    assert values[0] == "EU"
    assert "westeurope" in values and "northeurope" in values
    assert "uksouth" not in values


def test_boundaries_containing_a_region() -> None:
    assert boundaries_containing("westeurope") == ["EEA", "EU", "EUDB"]
    assert boundaries_containing("switzerlandnorth") == ["CH", "EUDB"]
    assert boundaries_containing("nowhere") == []
