"""SovereignEventStore under mocks: every default (each test fails if its default is removed),
overrides, and invalid arguments rejected before any resource registers."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path
from typing import Any

import pulumi
import pytest

from sovereign_components.errors import ComponentArgumentError

WORKSPACE_ID = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/logs"
PRINCIPAL = "11111111-2222-3333-4444-555555555555"

PROGRAM = f'''
from sovereign_components.components.event_store import SovereignEventStore

base = {{"resource_group_name": "rg", "boundary": "EU"}}
SovereignEventStore("defaults", {{**base, "location": "West Europe",
    "diagnostic_settings": {{"workspace_id": "{WORKSPACE_ID}"}},
    "writer_principal_ids": ["{PRINCIPAL}"]}})
SovereignEventStore("custom", {{**base, "location": "germanywestcentral",
    "account_name": "custom-events", "database_name": "ledger", "container_name": "stream",
    "default_ttl_seconds": 86400.0, "consistency_level": "Session",
    "additional_locations": ["North Europe"], "backup_mode": "Periodic",
    "backup_storage_redundancy": "Zone", "protect": False,
    "lock": {{"kind": "CanNotDelete"}},
    "customer_managed_key": {{"key_vault_key_uri": "https://kv.vault.azure.net/keys/cosmos"}},
    "private_endpoints": {{"subnet_id": "/subnets/pe",
        "private_dns_zone_ids": {{"privatelink.documents.azure.com": "/zones/cosmos"}}}}}})
SovereignEventStore("periodic", {{**base, "location": "francecentral", "backup_mode": "Periodic"}})
SovereignEventStore("geo-inside", {{**base, "location": "westeurope", "backup_mode": "Periodic",
    "backup_storage_redundancy": "Geo"}})
'''


@pytest.fixture(scope="module")
def capture(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from sovereign_components.gate.pipeline import capture_program

    directory: Path = tmp_path_factory.mktemp("store-program")
    (directory / "Pulumi.yaml").write_text("name: store-test\nruntime: python\n")
    (directory / "Pulumi.test.yaml").write_text("config: {}\n")
    (directory / "__main__.py").write_text(textwrap.dedent(PROGRAM))
    return capture_program(directory, "test")


def _component(capture: Any, name: str) -> Any:
    (found,) = [r for r in capture.resources if r.type == "sovereign:index:SovereignEventStore" and r.name == name]
    return found


def _children(capture: Any, name: str) -> dict[str, Any]:
    parent = _component(capture, name)
    return {r.type.split(":", 1)[1]: r for r in capture.resources if r.parent == parent.urn}


@pytest.fixture(scope="module")
def defaults(capture: Any) -> dict[str, Any]:
    return _children(capture, "defaults")


@pytest.fixture(scope="module")
def account(defaults: dict[str, Any]) -> dict[str, Any]:
    return defaults["cosmosdb:DatabaseAccount"].inputs


@pytest.fixture(scope="module")
def custom(capture: Any) -> dict[str, Any]:
    return _children(capture, "custom")


def test_component_and_children(defaults: dict[str, Any]) -> None:
    assert set(defaults) >= {
        "cosmosdb:DatabaseAccount",
        "cosmosdb:SqlResourceSqlDatabase",
        "cosmosdb:SqlResourceSqlContainer",
        "cosmosdb:SqlResourceSqlRoleAssignment",
        "monitor:DiagnosticSetting",
    }
    assert all(r.name.startswith("defaults-") for r in defaults.values())


def test_outputs_registered(capture: Any, defaults: dict[str, Any]) -> None:
    out = _component(capture, "defaults").outputs
    account = defaults["cosmosdb:DatabaseAccount"]
    assert out["account_name"] == account.inputs["accountName"]
    assert out["account_id"] == account.id
    assert out["endpoint"] == f"https://{account.inputs['accountName']}.documents.azure.com:443/"
    assert out["database_name"] == "events"
    assert out["container_name"] == "event-store"
    assert out["container_id"] == defaults["cosmosdb:SqlResourceSqlContainer"].id


# --- account defaults --------------------------------------------------------------------

ACCOUNT_DEFAULTS = [
    ("location", "westeurope"),  # L1, normalised
    ("enableMultipleWriteLocations", False),  # G4
    ("enableAutomaticFailover", False),  # G4
    ("publicNetworkAccess", "Disabled"),  # C1
    ("networkAclBypass", "None"),  # C4
    ("disableLocalAuth", True),  # C2
    ("disableKeyBasedMetadataWriteAccess", True),  # C3
    ("minimalTlsVersion", "Tls12"),  # C6
    ("databaseAccountOfferType", "Standard"),
]


@pytest.mark.parametrize(("key", "expected"), ACCOUNT_DEFAULTS, ids=[k for k, _ in ACCOUNT_DEFAULTS])
def test_account_default(account: dict[str, Any], key: str, expected: Any) -> None:
    assert account[key] == expected


def test_single_location_zone_redundant(account: dict[str, Any]) -> None:
    assert account["locations"] == [{"locationName": "westeurope", "failoverPriority": 0, "isZoneRedundant": True}]


def test_strong_consistency(account: dict[str, Any]) -> None:
    assert account["consistencyPolicy"]["defaultConsistencyLevel"] == "Strong"


def test_continuous_backup(account: dict[str, Any]) -> None:
    assert account["backupPolicy"] == {"type": "Continuous", "continuousModeProperties": {"tier": "Continuous7Days"}}


def test_system_assigned_identity_and_no_cmk(account: dict[str, Any]) -> None:
    assert account["identity"]["type"] == "SystemAssigned"
    assert "keyVaultKeyUri" not in account


def test_account_protected_and_named(defaults: dict[str, Any], account: dict[str, Any]) -> None:
    assert defaults["cosmosdb:DatabaseAccount"].protect is True
    assert defaults["cosmosdb:SqlResourceSqlContainer"].protect is True
    assert re.fullmatch(r"[a-z0-9][a-z0-9-]{1,42}[a-z0-9]", account["accountName"])
    assert account["accountName"].startswith("defaults-")


# --- database and container --------------------------------------------------------------


def test_database_default(defaults: dict[str, Any]) -> None:
    db = defaults["cosmosdb:SqlResourceSqlDatabase"].inputs
    assert db["databaseName"] == "events"
    assert db["resource"]["id"] == "events"
    assert db["location"] == "westeurope"


@pytest.fixture(scope="module")
def container(defaults: dict[str, Any]) -> dict[str, Any]:
    return defaults["cosmosdb:SqlResourceSqlContainer"].inputs


def test_container_partition_key(container: dict[str, Any]) -> None:
    assert container["containerName"] == "event-store"
    assert container["resource"]["partitionKey"] == {"paths": ["/aggregateId"], "kind": "Hash"}


def test_container_default_ttl_30_days(container: dict[str, Any]) -> None:
    assert container["resource"]["defaultTtl"] == 30 * 24 * 3600


def test_indexing_policy_for_event_queries(container: dict[str, Any]) -> None:
    policy = container["resource"]["indexingPolicy"]
    assert policy["indexingMode"] == "consistent"
    included = {p["path"] for p in policy["includedPaths"]}
    assert included >= {"/aggregateId/?", "/aggregateType/?", "/eventType/?", "/timestamp/?", "/dataRegion/?", "/correlationId/?"}
    excluded = {p["path"] for p in policy["excludedPaths"]}
    assert {"/payload/*", '/"_etag"/?', "/*"} <= excluded
    assert [{"path": "/aggregateId", "order": "ascending"}, {"path": "/timestamp", "order": "ascending"}] in policy["compositeIndexes"]


# --- access ------------------------------------------------------------------------------


def test_writer_gets_data_contributor_on_the_database(defaults: dict[str, Any]) -> None:
    assignment = defaults["cosmosdb:SqlResourceSqlRoleAssignment"].inputs
    account_id = defaults["cosmosdb:DatabaseAccount"].id
    assert assignment["principalId"] == PRINCIPAL
    assert assignment["roleDefinitionId"] == f"{account_id}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002"
    assert assignment["scope"] == f"{account_id}/dbs/events"
    assert re.fullmatch(r"[0-9a-f-]{36}", assignment["roleAssignmentId"])


def test_diagnostics_to_workspace(defaults: dict[str, Any], custom: dict[str, Any]) -> None:
    setting = defaults["monitor:DiagnosticSetting"].inputs
    assert setting["workspaceId"] == WORKSPACE_ID
    assert setting["resourceUri"] == defaults["cosmosdb:DatabaseAccount"].id
    assert "monitor:DiagnosticSetting" not in custom


# --- overrides ---------------------------------------------------------------------------


def test_overrides(custom: dict[str, Any]) -> None:
    account = custom["cosmosdb:DatabaseAccount"].inputs
    assert account["accountName"] == "custom-events"
    assert account["consistencyPolicy"]["defaultConsistencyLevel"] == "Session"
    assert account["locations"] == [
        {"locationName": "germanywestcentral", "failoverPriority": 0, "isZoneRedundant": True},
        {"locationName": "northeurope", "failoverPriority": 1, "isZoneRedundant": True},
    ]
    assert account["enableMultipleWriteLocations"] is False
    assert account["backupPolicy"] == {"type": "Periodic", "periodicModeProperties": {"backupStorageRedundancy": "Zone"}}
    container = custom["cosmosdb:SqlResourceSqlContainer"].inputs
    assert container["containerName"] == "stream"
    assert container["resource"]["defaultTtl"] == 86400
    assert custom["cosmosdb:SqlResourceSqlDatabase"].inputs["databaseName"] == "ledger"
    assert custom["cosmosdb:DatabaseAccount"].protect is False


def test_customer_managed_key_first_party_identity(custom: dict[str, Any]) -> None:
    account = custom["cosmosdb:DatabaseAccount"].inputs
    assert account["keyVaultKeyUri"] == "https://kv.vault.azure.net/keys/cosmos"
    assert account["identity"] == {"type": "SystemAssigned"}
    assert account["defaultIdentity"] == "FirstPartyIdentity"


def test_customer_managed_key_user_assigned_identity(counting: Any) -> None:
    # The engine's mocks answer ``identity.userAssignedIdentities`` as a map, the provider's
    # output shape, so the component's outputs resolve.
    from google.protobuf.json_format import MessageToDict

    from sovereign_components.components.event_store import SovereignEventStore

    monitor = counting

    @pulumi.runtime.test
    def build() -> Any:
        store = SovereignEventStore("cmk", {**VALID, "customer_managed_key": {  # type: ignore[typeddict-item]
            "key_vault_key_uri": "https://kv.vault.azure.net/keys/cosmos", "user_assigned_identity_id": "/identities/cmk"}})
        return store.account_id

    build()
    (account,) = [MessageToDict(r.object) for r in monitor.requests if r.type == "azure-native:cosmosdb:DatabaseAccount"]
    assert account["identity"] == {"type": "SystemAssigned,UserAssigned", "userAssignedIdentities": ["/identities/cmk"]}
    assert account["defaultIdentity"] == "UserAssignedIdentity=/identities/cmk"
    assert account["keyVaultKeyUri"] == "https://kv.vault.azure.net/keys/cosmos"


def test_lock_and_private_endpoint(custom: dict[str, Any]) -> None:
    assert custom["authorization:ManagementLockByScope"].inputs["scope"] == custom["cosmosdb:DatabaseAccount"].id
    endpoint = custom["network:PrivateEndpoint"].inputs
    assert endpoint["location"] == "germanywestcentral"
    assert endpoint["privateLinkServiceConnections"][0]["groupIds"] == ["Sql"]


def test_periodic_backup_defaults_to_local(capture: Any) -> None:
    account = _children(capture, "periodic")["cosmosdb:DatabaseAccount"].inputs
    assert account["backupPolicy"]["periodicModeProperties"]["backupStorageRedundancy"] == "Local"


def test_geo_backup_allowed_when_pair_inside(capture: Any) -> None:
    # westeurope pairs with northeurope, both in the EU
    account = _children(capture, "geo-inside")["cosmosdb:DatabaseAccount"].inputs
    assert account["backupPolicy"]["periodicModeProperties"]["backupStorageRedundancy"] == "Geo"


# --- invalid arguments -------------------------------------------------------------------


VALID = {"location": "westeurope", "resource_group_name": "rg", "boundary": "EU"}

INVALID = [
    ({"location": "eastus"}, "location", "outside the EU boundary"),
    ({"location": "westeurop"}, "location", "did you mean 'westeurope'"),
    ({"boundary": "NARNIA"}, "boundary", "unknown boundary"),
    ({"additional_locations": ["uksouth"]}, "additional_locations[0]", "outside the EU boundary"),
    ({"additional_locations": ["westeurope"]}, "additional_locations[0]", "twice"),
    ({"backup_mode": "Periodic", "backup_storage_redundancy": "Geo", "location": "polandcentral"},
     "backup_storage_redundancy", "outside the EU boundary"),
    ({"backup_mode": "Hourly"}, "backup_mode", "pattern"),
    ({"consistency_level": "Linearizable"}, "consistency_level", "pattern"),
    ({"account_name": "Events_Store"}, "account_name", "pattern"),
    ({"default_ttl_seconds": 0}, "default_ttl_seconds", "-1"),
    ({"default_ttl_seconds": -5}, "default_ttl_seconds", "greater than or equal to -1"),
    ({"partition_key_path": "aggregateId"}, "partition_key_path", "pattern"),
    ({"continuous_backup_tier": "Continuous90Days"}, "continuous_backup_tier", "pattern"),
    ({"backup_storage_redundancy": "Local"}, "backup_storage_redundancy", "Periodic"),
]


@pytest.mark.parametrize(("override", "argument", "fragment"), INVALID, ids=[f"{c[1]}-{i}" for i, c in enumerate(INVALID)])
def test_invalid_argument_rejected_before_registration(counting: Any, override: dict, argument: str, fragment: str) -> None:
    from sovereign_components.components.event_store import SovereignEventStore

    monitor = counting
    with pytest.raises(ComponentArgumentError) as info:
        SovereignEventStore("bad", {**VALID, **override})  # type: ignore[typeddict-item]
    assert info.value.argument == argument
    assert fragment.lower() in str(info.value).lower()
    assert monitor.types == [] and monitor.custom_types == []


def test_geo_backup_rejected_where_pair_leaves_boundary(counting: Any) -> None:
    """brazilsouth pairs one-way with southcentralus (US): Geo is out for a Brazil boundary."""
    from sovereign_components.components.event_store import SovereignEventStore

    with pytest.raises(ComponentArgumentError, match="southcentralus"):
        SovereignEventStore(
            "br",
            {"location": "brazilsouth", "resource_group_name": "rg", "boundary": "BR",
             "allowed_regions": ["brazilsouth", "brazilsoutheast"],
             "backup_mode": "Periodic", "backup_storage_redundancy": "Geo"},
        )
