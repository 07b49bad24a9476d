"""The typed stack config: the real stack files parse, every bad value is one ConfigError naming
its key (``sovereign:<key>[.<sub>]``), and through the CLI such a stack exits 2 before any
resource is created."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from sovereign_components.stack_config.models import StackConfig, parse_stack_config
from sovereign_components.errors import ConfigError

ROOT = Path(__file__).resolve().parents[2]

US_TOPIC = ("/subscriptions/00000000-0000-0000-0000-000000000002/resourceGroups/rg-us/providers/"
            "Microsoft.ServiceBus/namespaces/us-sb/topics/metadata")

VALID: dict[str, Any] = {
    "sovereign:region": "westeurope",
    "sovereign:boundary": "EU",
    "sovereign:alertEmail": "security-team@contoso.eu",
}


def parse(**overrides: Any) -> StackConfig:
    raw = dict(VALID)
    for key, value in overrides.items():
        full = key if ":" in key else f"sovereign:{key}"
        if value is None:
            raw.pop(full, None)
        else:
            raw[full] = value if isinstance(value, str) else json.dumps(value)
    return parse_stack_config(raw)


# --- the project's own stack files ---------------------------------------------------------


@pytest.mark.parametrize(("stack", "region", "boundary"), [("eu", "westeurope", "EU"), ("us", "eastus", "US")])
def test_stack_files_parse(stack: str, region: str, boundary: str) -> None:
    from sovereign_components.stack_config.project import load_project

    config = parse_stack_config(load_project(ROOT, stack).config)
    assert config.region == region
    assert config.boundary.code == boundary
    assert config.boundary.contains(config.region)
    assert "@" in config.alert_email
    assert config.event_plane.processors  # realistic: named processors
    assert config.tags["environment"] == "production"


def test_eu_stack_declares_one_metadata_channel_without_a_cross_boundary_grant() -> None:
    from sovereign_components.stack_config.project import load_project

    config = parse_stack_config(load_project(ROOT, "eu").config)
    [channel] = config.event_plane.metadata_channels or []
    assert channel.name == "inventory-metadata"
    assert channel.classifications == ["Public", "Internal"]
    assert channel.grant_sender_role is False
    # a realistic foreign id: another subscription, the US region's resource group
    assert "/subscriptions/00000000-0000-0000-0000-000000000000/" not in channel.destination_resource_id
    assert "/resourceGroups/rg-sov-us-eastus/" in channel.destination_resource_id
    assert not config.boundary.contains("eastus")  # the channel does cross the boundary
    assert parse_stack_config(load_project(ROOT, "us").config).event_plane.metadata_channels is None


def test_metadata_channel_grant_defaults_to_false() -> None:
    config = parse(eventPlane={"metadataChannels": [{"name": "to-us", "destinationResourceId": US_TOPIC}]})
    assert config.event_plane.metadata_channels[0].grant_sender_role is False


def test_minimal_config_uses_defaults() -> None:
    config = parse()
    assert config.prefix == "sov"
    assert config.allowed_regions == ()
    assert config.event_store.ttl_seconds() is None  # component default (30 days) applies
    assert config.dlq.retention_days is None


def test_values_are_normalised_and_decoded() -> None:
    config = parse(region="West Europe", boundary="eu", eventStore={"ttlDays": 7, "additionalLocations": ["North Europe"]},
                   tags={"team": "events"})
    assert config.region == "westeurope"
    assert config.boundary.code == "EU"
    assert config.event_store.ttl_seconds() == 7 * 86400
    assert config.event_store.additional_locations == ["northeurope"]
    assert config.tags == {"team": "events"}


def test_custom_boundary_object() -> None:
    config = parse(boundary={"code": "BENELUX", "regions": ["westeurope", "belgiumcentral"]})
    assert config.boundary.code == "BENELUX"
    assert config.boundary.regions == {"westeurope", "belgiumcentral"}
    assert config.component_regions() == ["belgiumcentral", "westeurope"]


def test_tags_at_azure_limits_are_accepted() -> None:
    at_limits = {f"t{i}": "v" * 256 for i in range(46)} | {"n" * 128: "x", "region": "overridden"}
    assert len(parse(tags=at_limits).tags) == 48  # + sovereignty-boundary, purpose = 50
    assert parse(tags={"cost-center": "cc-4711", "data owner": "a b: c"}).tags["data owner"] == "a b: c"


def test_booleans_and_numbers_that_are_what_they_say_are_accepted() -> None:
    config = parse(eventStore={"ttlDays": 7, "protect": False}, eventPlane={"captureEnabled": True,
                                                                             "serviceBusCapacity": 2})
    assert (config.event_store.ttl_days, config.event_store.protect) == (7, False)
    assert (config.event_plane.capture_enabled, config.event_plane.service_bus_capacity) == (True, 2)


def test_geo_backup_allowed_where_the_pair_is_inside() -> None:
    config = parse(eventStore={"backupMode": "Periodic", "backupStorageRedundancy": "Geo"})  # westeurope -> northeurope
    assert config.event_store.backup_storage_redundancy == "Geo"


# --- invalid configs: each names its key ---------------------------------------------------

INVALID: list[tuple[dict[str, Any], str, str]] = [
    ({"region": "eastus"}, "sovereign:region", "outside the EU boundary"),
    ({"region": "uksouth"}, "sovereign:region", "outside the EU boundary"),  # UK is not EU
    ({"region": "westeurop"}, "sovereign:region", "did you mean 'westeurope'"),
    ({"region": None}, "sovereign:region", "required"),
    ({"alertEmail": "security-team"}, "sovereign:alertEmail", "e-mail"),
    ({"alertEmail": None}, "sovereign:alertEmail", "required"),
    ({"boundary": "EUROPE"}, "sovereign:boundary", "unknown boundary"),
    ({"boundary": {"code": "X1", "regions": ["westeurope", "atlantis"]}}, "sovereign:boundary.regions[1]", "unknown azure region"),
    ({"boundary": {"code": "X1", "regions": []}}, "sovereign:boundary.regions", "at least 1"),
    ({"regoin": "westeurope"}, "sovereign:regoin", "did you mean 'region'"),
    ({"eventPlane": {"serviceBusSKU": "Premium"}}, "sovereign:eventPlane.serviceBusSKU", "did you mean 'serviceBusSku'"),
    ({"eventPlane": {"processors": [{"name": "orders", "eventTypes": ["A"]}]}},
     "sovereign:eventPlane.processors[0].eventTypes", "includedEventTypes"),
    ({"eventPlane": {"eventHubPartitionCount": "four"}}, "sovereign:eventPlane.eventHubPartitionCount", "integer"),
    ({"eventPlane": {"eventHubPartitionCount": 64}}, "sovereign:eventPlane.eventHubPartitionCount", "less than or equal to 32"),
    ({"eventPlane": {"serviceBusSku": "Basic"}}, "sovereign:eventPlane.serviceBusSku", "Premium"),
    ({"eventPlane": {"metadataChannels": [{"name": "to-us", "destinationResourceId": US_TOPIC,
                                           "classifications": ["Confidential"]}]}},
     "sovereign:eventPlane.metadataChannels[0].classifications[0]", "Public"),
    ({"eventPlane": {"metadataChannels": [{"name": "to-us", "destinationResourceId": "/subscriptions/x"}]}},
     "sovereign:eventPlane.metadataChannels[0].destinationResourceId", "pattern"),
    # a role assignment on the other boundary's topic would be a cross-boundary control-plane write
    ({"eventPlane": {"metadataChannels": [{"name": "to-us", "destinationResourceId": US_TOPIC,
                                           "grantSenderRole": True}]}},
     "sovereign:eventPlane.metadataChannels[0]", "grantSenderRole must be false"),
    ({"eventPlane": {"virtualNetworkId": "/subscriptions/x/vnet"}}, "sovereign:eventPlane", "privateEndpointSubnetId"),
    ({"tags": ["a", "b"]}, "sovereign:tags", "dictionary"),
    ({"tags": "not json"}, "sovereign:tags", "expected a yaml object"),
    ({"prefix": "Sov_EU"}, "sovereign:prefix", "2-12 lower-case"),
    ({"prefix": "a-very-long-prefix"}, "sovereign:prefix", "2-12 lower-case"),
    ({"allowedRegions": ["northeurope", "norwayeast"]}, "sovereign:allowedRegions[1]", "outside the EU boundary"),
    ({"dlq": {"retentionDays": -1}}, "sovereign:dlq.retentionDays", "greater than or equal to 1"),
    ({"dlq": {"alertThreshold": 0}}, "sovereign:dlq.alertThreshold", "greater than or equal to 1"),
    ({"dlq": {"archiveAccountName": "Archive-Account"}}, "sovereign:dlq.archiveAccountName", "pattern"),
    ({"eventStore": {"additionalLocations": ["eastus"]}}, "sovereign:eventStore.additionalLocations[0]", "outside the EU boundary"),
    ({"eventStore": {"backupMode": "Daily"}}, "sovereign:eventStore.backupMode", "Periodic"),
    ({"eventStore": {"ttlDays": 1, "defaultTtlSeconds": 60}}, "sovereign:eventStore", "not both"),
    ({"eventStore": {"backupStorageRedundancy": "Local"}}, "sovereign:eventStore.backupStorageRedundancy", "Periodic"),
    ({"region": "polandcentral", "eventStore": {"backupMode": "Periodic", "backupStorageRedundancy": "Geo"}},
     "sovereign:eventStore.backupStorageRedundancy", "outside the EU boundary"),
    ({"azure-native:location": "northeurope"}, "azure-native:location", "must equal sovereign:region"),
    # booleans are not numbers (pydantic's lax mode reads true as 1: a one-day TTL), nor the reverse
    ({"eventStore": {"ttlDays": True}}, "sovereign:eventStore.ttlDays", "got the boolean true"),
    ({"eventPlane": {"serviceBusCapacity": True}}, "sovereign:eventPlane.serviceBusCapacity", "boolean"),
    ({"dlq": {"retentionDays": False}}, "sovereign:dlq.retentionDays", "boolean"),
    ({"eventPlane": {"captureEnabled": 1}}, "sovereign:eventPlane.captureEnabled", "expected true or false"),
    ({"eventStore": {"protect": "no"}}, "sovereign:eventStore.protect", "expected true or false"),
    # Azure's tag limits (learn.microsoft.com/azure/azure-resource-manager/management/tag-resources#limitations)
    ({"tags": {f"t{i}": "x" for i in range(48)}}, "sovereign:tags", "azure allows 50"),
    ({"tags": {"n" * 129: "x"}}, "sovereign:tags", "128 on storage accounts"),
    ({"tags": {"team": "v" * 257}}, "sovereign:tags", "azure allows 256"),
    ({"tags": {"Env": "a", "env": "b"}}, "sovereign:tags", "differ only in case"),
    ({"tags": {"Region": "eu"}}, "sovereign:tags", "differs only in case from the tag 'region'"),
    ({"tags": {" ": "x"}}, "sovereign:tags", "empty"),
    ({"tags": {"team": 5}}, "sovereign:tags.team", "string"),
    ({"tags": {f"t{i}": "x" for i in range(13)},
      "eventPlane": {"privateEndpointSubnetId": "/subscriptions/s/resourceGroups/r/providers/n/subnets/a",
                     "virtualNetworkId": "/subscriptions/s/resourceGroups/r/providers/n/virtualNetworks/v"}},
     "sovereign:tags", "at most 15 tags"),
]
INVALID += [({"tags": {f"a{c}b": "x"}}, "sovereign:tags", f"contains {c}") for c in "<>%&\\?/"]


@pytest.mark.parametrize(("overrides", "key", "fragment"), INVALID, ids=[f"{i}-{c[1]}" for i, c in enumerate(INVALID)])
def test_invalid_config_names_its_key(overrides: dict[str, Any], key: str, fragment: str) -> None:
    with pytest.raises(ConfigError) as info:
        parse(**overrides)
    assert info.value.key == key
    assert f"config key '{key}'" in str(info.value)
    assert fragment.lower() in str(info.value).lower()


def test_geo_backup_rejected_for_brazil_one_way_pair() -> None:
    """brazilsouth's pair is southcentralus (US): Geo backups would leave a Brazil boundary."""
    with pytest.raises(ConfigError, match="southcentralus") as info:
        parse(region="brazilsouth", boundary="BR", eventStore={"backupMode": "Periodic", "backupStorageRedundancy": "Geo"})
    assert info.value.key == "sovereign:eventStore.backupStorageRedundancy"


# --- load_stack_config reads every key Pulumi gives the program ----------------------------


@pytest.fixture
def runtime_config() -> Any:
    from pulumi.runtime import config as runtime_config

    token = runtime_config.CONFIG.set({})
    yield runtime_config
    runtime_config.CONFIG.reset(token)


def test_load_stack_config_from_pulumi_config(runtime_config: Any) -> None:
    from sovereign_components.stack_config.loader import load_stack_config

    runtime_config.set_all_config({**VALID, "sovereign:dlq": json.dumps({"retentionDays": 120}),
                                   "azure-native:location": "westeurope", "other:key": "ignored"})
    config = load_stack_config()
    assert config.region == "westeurope"
    assert config.dlq.retention_days == 120


def test_load_stack_config_rejects_an_unknown_key(runtime_config: Any) -> None:
    from sovereign_components.stack_config.loader import load_stack_config

    runtime_config.set_all_config({**VALID, "sovereign:alertEmails": "x@contoso.eu"})
    with pytest.raises(ConfigError) as info:
        load_stack_config()
    assert info.value.key == "sovereign:alertEmails"
    assert "did you mean 'alertEmail'" in str(info.value)


# --- end to end through the CLI ------------------------------------------------------------

CLI_CASES = [
    ({"sovereign:region": "eastus"}, "sovereign:region"),
    ({"sovereign:regoin": "westeurope"}, "sovereign:regoin"),
    ({"sovereign:alertEmail": "not-an-address"}, "sovereign:alertEmail"),
    ({"sovereign:dlq": {"retentionDays": -5}}, "sovereign:dlq.retentionDays"),
]


@pytest.mark.parametrize(("override", "key"), CLI_CASES, ids=[k for _, k in CLI_CASES])
def test_cli_preview_of_a_bad_stack_exits_2_naming_the_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], override: dict[str, Any], key: str
) -> None:
    import yaml

    from sovereign_components.gate.cli import main

    shutil.copytree(ROOT / "stacks", tmp_path / "stacks", ignore=shutil.ignore_patterns("__pycache__"))
    project = yaml.safe_load((ROOT / "Pulumi.yaml").read_text())
    project["runtime"] = "python"  # run in this interpreter (the copy has no .venv)
    (tmp_path / "Pulumi.yaml").write_text(yaml.safe_dump(project))
    stack = yaml.safe_load((ROOT / "Pulumi.eu.yaml").read_text())
    stack["config"].update(override)
    (tmp_path / "Pulumi.bad.yaml").write_text(yaml.safe_dump(stack))

    code = main(["preview", "--cwd", str(tmp_path), "--stack", "bad"])
    err = capsys.readouterr().err
    assert code == 2
    assert key in err
    assert "Traceback" not in err


@pytest.mark.parametrize(("key", "suggestion"), [
    ("soverign:dlq", "sovereign:dlq"),
    ("{project}:eventStore", "sovereign:eventStore"),  # a bare key in Pulumi.<stack>.yaml, filed under the project
])
def test_load_stack_config_refuses_keys_filed_where_it_never_reads(runtime_config: Any, key: str,
                                                                    suggestion: str) -> None:
    import pulumi

    from sovereign_components.stack_config.loader import load_stack_config

    key = key.format(project=pulumi.get_project())  # whatever project the runtime names
    runtime_config.set_all_config({**VALID, key: json.dumps({"retentionDays": 30})})
    with pytest.raises(ConfigError) as info:
        load_stack_config()
    assert info.value.key == key
    assert f"did you mean '{suggestion}'?" in str(info.value)
