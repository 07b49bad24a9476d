"""RegionalEventPlane's pure parts: argument validation/resolution, Azure names, key URIs.
No Pulumi runtime: these run in milliseconds."""

from __future__ import annotations

from typing import Any

import pytest

from sovereign_components.geo.boundary import get_boundary
from sovereign_components.errors import ComponentArgumentError
from sovereign_components.components.event_plane.keys import split_key_uri
from sovereign_components.components.event_plane.naming import STORAGE_ACCOUNT_NAME, plane_names
from sovereign_components.components.event_plane.validation import validate_plane_args

VALID = {"location": "westeurope", "resource_group_name": "rg", "boundary": "EU", "alert_email": "sec@contoso.eu"}


class _Unknown:
    """Stands for a ``pulumi.Output``: a value validation must leave to the engine."""


def test_defaults_resolved() -> None:
    plan = validate_plane_args(VALID)
    assert plan.location == "westeurope"
    assert [p.name for p in plan.processors] == ["processor"]
    assert plan.service_bus_sku == "Premium"
    assert plan.max_delivery_count == 3
    assert plan.processing_queue_name == "sovereign-events"
    assert plan.capture_enabled is True
    assert plan.channels == ()


def test_processors_deliver_to_the_queue_by_default() -> None:
    plan = validate_plane_args(VALID)
    assert [p.endpoint_type for p in plan.processors] == ["ServiceBusQueue"]
    assert plan.queue_delivery is True


def test_function_only_processors_need_no_queue_delivery() -> None:
    plan = validate_plane_args({**VALID, "processors": [{"name": "fn-path", "endpoint_type": "AzureFunction"}]})
    assert plan.processors[0].endpoint_type == "AzureFunction"
    assert plan.queue_delivery is False


def test_event_store_grant_is_opt_in() -> None:
    store = {"account_name": "eu-store", "database_name": "events", "container_name": "event-store"}
    assert validate_plane_args({**VALID, "event_store": store}).event_store["grant_data_access"] is False
    account_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.DocumentDB/databaseAccounts/EU-STORE"
    plan = validate_plane_args({**VALID, "event_store": {**store, "grant_data_access": True, "account_id": account_id}})
    assert plan.event_store["grant_data_access"] is True
    # an Output id is left to the engine (it carries the dependency on the account)
    plan = validate_plane_args({**VALID, "event_store": {**store, "grant_data_access": True, "account_id": _Unknown()}})
    assert plan.event_store["grant_data_access"] is True


def test_location_spelling_is_normalised() -> None:
    assert validate_plane_args({**VALID, "location": "West Europe"}).location == "westeurope"


def test_region_filter_values_are_the_boundary_code_and_regions() -> None:
    plan = validate_plane_args(VALID)
    values = plan.region_filter_values()
    assert values[0] == "EU"
    assert set(values[1:]) == set(get_boundary("EU").regions)


def test_custom_boundary_from_allowed_regions() -> None:
    plan = validate_plane_args({**VALID, "boundary": "DE", "location": "germanywestcentral",
                                "allowed_regions": ["germanywestcentral", "germanynorth"]})
    assert plan.region_filter_values() == ["DE", "germanynorth", "germanywestcentral"]


def test_allowed_regions_must_stay_inside_a_named_boundary() -> None:
    with pytest.raises(ComponentArgumentError) as err:
        validate_plane_args({**VALID, "allowed_regions": ["eastus"]})
    assert err.value.argument == "allowed_regions[0]"


@pytest.mark.parametrize(("location", "zones"), [("westeurope", True), ("germanynorth", False), ("swedensouth", False)])
def test_zone_redundancy_follows_the_region(location: str, zones: bool) -> None:
    assert validate_plane_args({**VALID, "location": location}).zone_redundant is zones


def test_zone_redundancy_override() -> None:
    assert validate_plane_args({**VALID, "zone_redundant": False}).zone_redundant is False


def test_unknown_location_is_left_to_the_engine_and_not_zone_redundant() -> None:
    plan = validate_plane_args({**VALID, "location": _Unknown()})
    assert plan.location is None
    assert plan.zone_redundant is False  # cannot show zones exist: LRS, never GRS


def test_output_values_are_not_judged() -> None:
    plan = validate_plane_args({**VALID, "alert_email": _Unknown(), "event_hub_partition_count": _Unknown()})
    assert plan.event_hub_partition_count == 2


def test_integers_may_arrive_as_floats() -> None:
    plan = validate_plane_args({**VALID, "event_hub_partition_count": 8.0, "max_delivery_count": 5.0})
    assert (plan.event_hub_partition_count, plan.max_delivery_count) == (8, 5)


def test_metadata_channel_defaults_and_canonical_classifications() -> None:
    plan = validate_plane_args({**VALID, "metadata_channels": [
        {"name": "meta-a", "destination_resource_id": _Unknown()},
        {"name": "meta-b", "destination_resource_id": "/x", "classifications": ["public"]},
    ]})
    first, second = plan.channels
    assert (first.endpoint_type, first.classifications, first.grant_sender_role) == ("ServiceBusTopic", ("Public", "Internal"), True)
    assert second.classifications == ("Public",)
    assert second.index == 1


@pytest.mark.parametrize("classification", ["Confidential", "Restricted", "Secret"])
def test_metadata_channel_rejects_regulated_or_unknown_classifications(classification: str) -> None:
    with pytest.raises(ComponentArgumentError) as err:
        validate_plane_args({**VALID, "metadata_channels": [
            {"name": "meta", "destination_resource_id": "/x", "classifications": ["Public", classification]}]})
    assert err.value.argument == "metadata_channels[0].classifications"


def test_metadata_channel_name_must_not_clash_with_a_processor() -> None:
    with pytest.raises(ComponentArgumentError) as err:
        validate_plane_args({**VALID, "metadata_channels": [{"name": "processor", "destination_resource_id": "/x"}]})
    assert err.value.argument == "metadata_channels"


def test_cmk_needs_premium() -> None:
    cmk = {"key_vault_key_uri": "https://kv.vault.azure.net/keys/k", "user_assigned_identity_id": "/uai"}
    validate_plane_args({**VALID, "customer_managed_key": cmk})
    with pytest.raises(ComponentArgumentError) as err:
        validate_plane_args({**VALID, "customer_managed_key": cmk, "service_bus_sku": "Standard"})
    assert err.value.argument == "service_bus_sku"


def test_private_endpoints_with_all_zones_given_need_no_vnet() -> None:
    zones = {z: f"/zones/{z}" for z in ("privatelink.eventgrid.azure.net", "privatelink.servicebus.windows.net",
                                       "privatelink.blob.core.windows.net", "privatelink.azurewebsites.net")}
    validate_plane_args({**VALID, "private_endpoints": {"subnet_id": "/s", "private_dns_zone_ids": zones}})
    del zones["privatelink.azurewebsites.net"]
    with pytest.raises(ComponentArgumentError, match="azurewebsites"):
        validate_plane_args({**VALID, "private_endpoints": {"subnet_id": "/s", "private_dns_zone_ids": zones}})


# --- names ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["eu", "EU_Plane.primary", "9lives", "a-very-long-component-name-for-the-eu-region-plane"])
def test_storage_account_name_is_valid(name: str) -> None:
    assert STORAGE_ACCOUNT_NAME.match(plane_names(name, "proj/stack/" + name).storage_account)


def test_names_are_stable_and_unique_per_seed() -> None:
    a, b = plane_names("eu", "proj/eu/eu"), plane_names("eu", "proj/eu/eu")
    c = plane_names("eu", "proj/prod/eu")
    assert a == b
    assert a.service_bus_namespace != c.service_bus_namespace
    assert a.storage_account != c.storage_account


def test_dns_names_follow_azure_rules() -> None:
    names = plane_names("EU plane", "seed")
    for value in (names.service_bus_namespace, names.event_hub_namespace, names.function_app, names.topic):
        assert value[0].isalpha() and value[-1].isalnum() and value == value.lower()
        assert 6 <= len(value) <= 50
    assert names.service_bus_namespace != names.event_hub_namespace  # they share *.servicebus.windows.net


def test_storage_account_name_override() -> None:
    assert plane_names("eu", "seed", storage_account="myaccount01").storage_account == "myaccount01"


# --- key URIs ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("uri", "expected"),
    [
        ("https://kv-eu.vault.azure.net/keys/events", ("https://kv-eu.vault.azure.net", "events", None)),
        ("https://kv-eu.vault.azure.net/keys/events/abc123", ("https://kv-eu.vault.azure.net", "events", "abc123")),
    ],
)
def test_split_key_uri(uri: str, expected: Any) -> None:
    assert tuple(split_key_uri(uri)) == expected


@pytest.mark.parametrize("uri", ["http://kv.vault.azure.net/keys/k", "https://kv.vault.azure.net/secrets/k", "kv/keys/k"])
def test_split_key_uri_rejects_non_keys(uri: str) -> None:
    with pytest.raises(ValueError):
        split_key_uri(uri)
