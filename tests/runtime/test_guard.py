"""The processor guard: inside = the boundary's code or a region it contains; fail closed."""

from __future__ import annotations

import pytest
from runtime_events import make_event

from sovereign_components.geo.boundary import get_boundary
from sovereign_components.events.guard import SovereigntyViolation, assert_processable, default_boundary


@pytest.mark.parametrize("data_region", ["EU", "westeurope", "northeurope", "germanywestcentral"])
def test_eu_data_is_processable_in_westeurope(data_region: str) -> None:
    assert_processable(make_event(data_region), "westeurope")  # no exception


@pytest.mark.parametrize("data_region", ["US", "eastus", "uksouth", "EEA", "norwayeast", "switzerlandnorth"])
def test_other_data_is_refused_in_westeurope(data_region: str) -> None:
    with pytest.raises(SovereigntyViolation) as info:
        assert_processable(make_event(data_region, id="evt-9"), "West Europe")
    violation = info.value
    assert (violation.event_id, violation.data_region, violation.deployment_region) == ("evt-9", make_event(data_region).data_region, "westeurope")
    assert "evt-9" in violation.description and "westeurope" in violation.description


def test_eu_data_refused_in_the_us() -> None:
    with pytest.raises(SovereigntyViolation):
        assert_processable(make_event("EU"), "eastus")


def test_explicit_boundary_widens_to_its_code() -> None:
    assert_processable(make_event("EEA"), "westeurope", "EEA")
    assert_processable(make_event("norwayeast"), "westeurope", get_boundary("EEA"))
    with pytest.raises(SovereigntyViolation):
        assert_processable(make_event("EU"), "westeurope", "EEA")  # a code must equal the boundary


def test_allowed_data_regions_only_narrow() -> None:
    with pytest.raises(SovereigntyViolation):
        assert_processable(make_event("northeurope"), "westeurope", allowed_data_regions=["EU", "westeurope"])
    with pytest.raises(SovereigntyViolation):  # cannot widen past the boundary
        assert_processable(make_event("US"), "westeurope", allowed_data_regions=["US"])


def test_deployment_outside_its_boundary_is_a_config_error() -> None:
    with pytest.raises(ValueError, match="not inside boundary"):
        assert_processable(make_event("EU"), "eastus", "EU")


def test_default_boundary_is_the_smallest() -> None:
    assert default_boundary("westeurope").code == "EU"
    assert default_boundary("switzerlandnorth").code == "CH"
    assert default_boundary("eastus").code == "US"
