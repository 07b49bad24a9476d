"""The processor's settings as the RegionalEventPlane writes them: named and custom boundaries
(a custom one is a non-named code plus ALLOWED_DATA_REGIONS), and settings that cannot decide
failing at start, naming the key."""

from __future__ import annotations

from typing import Any

import pytest
from runtime_events import make_event

from sovereign_components.events import names as contract
from sovereign_components.errors import ConfigError
from sovereign_components.events.processor import InMemoryEventStore, process_event
from sovereign_components.events.settings import ProcessorSettings

CUSTOM = {
    contract.DEPLOYMENT_REGION_SETTING: "germanywestcentral",
    contract.BOUNDARY_SETTING: "DE",
    contract.ALLOWED_DATA_REGIONS_SETTING: "DE,germanynorth,germanywestcentral",
}


def _plane_settings(args: dict[str, Any]) -> dict[str, str]:
    """The app settings the plane's builder writes for ``args`` (plain values only)."""
    from sovereign_components.components.event_plane import functions
    from sovereign_components.components.event_plane.validation import validate_plane_args

    plan = validate_plane_args(args)
    settings = functions.app_settings(
        location=plan.location, boundary=plan.boundary, storage_account_name="st", service_bus_namespace="sb",
        processing_queue=plan.processing_queue_name, compliance_dlq_queue="dlq", archive_blob_endpoint="https://a/",
        archive_container="archive", package="https://st.blob.core.windows.net/p/app.zip", event_store=None,
    )
    return {name: str(value) for name, value in settings}


def test_custom_boundary_from_the_allowed_regions() -> None:
    settings = ProcessorSettings.from_env(CUSTOM)
    assert settings.boundary.code == "DE"
    assert settings.boundary.regions == frozenset({"germanynorth", "germanywestcentral"})
    assert settings.allowed_data_regions == ("germanynorth", "germanywestcentral")  # the code is no dataRegion


def test_settings_written_by_a_custom_boundary_plane_load() -> None:
    env = _plane_settings({"location": "germanywestcentral", "resource_group_name": "rg", "boundary": "DE",
                           "allowed_regions": ["germanywestcentral", "germanynorth"], "alert_email": "sec@contoso.de"})
    assert env[contract.BOUNDARY_SETTING] == "DE"
    settings = ProcessorSettings.from_env(env)
    assert settings.boundary.regions == frozenset({"germanynorth", "germanywestcentral"})


def test_settings_written_by_a_named_boundary_plane_load() -> None:
    env = _plane_settings({"location": "westeurope", "resource_group_name": "rg", "boundary": "EU",
                           "alert_email": "sec@contoso.eu"})
    settings = ProcessorSettings.from_env(env)
    assert settings.boundary.code == "EU" and "EU" in settings.allowed_data_regions


def test_custom_boundary_guards_its_regions_only() -> None:
    settings = ProcessorSettings.from_env(CUSTOM)
    store = InMemoryEventStore()
    inside = process_event(make_event("germanynorth", id="evt-de"), settings, store)
    outside = process_event(make_event("westeurope", id="evt-eu"), settings, store)  # EU, but not DE
    assert inside.action == "complete" and list(store.events) == ["evt-de"]
    assert outside.action == "dead_letter" and outside.reason == contract.SOVEREIGNTY_VIOLATION_REASON


@pytest.mark.parametrize(
    ("env", "key"),
    [
        ({**CUSTOM, contract.ALLOWED_DATA_REGIONS_SETTING: ""}, contract.BOUNDARY_SETTING),
        ({**CUSTOM, contract.ALLOWED_DATA_REGIONS_SETTING: "DE"}, contract.BOUNDARY_SETTING),
        ({**CUSTOM, contract.ALLOWED_DATA_REGIONS_SETTING: "DE,germanynorth"}, contract.BOUNDARY_SETTING),  # not the deployment region
        ({**CUSTOM, contract.ALLOWED_DATA_REGIONS_SETTING: "DE,germanywestcentral,atlantis"}, contract.ALLOWED_DATA_REGIONS_SETTING),
    ],
)
def test_undecidable_custom_settings_name_the_key(env: dict[str, str], key: str) -> None:
    with pytest.raises(ConfigError) as info:
        ProcessorSettings.from_env(env)
    assert info.value.key == key
