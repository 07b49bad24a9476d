"""ComplianceDLQ under mocks: every default (each test fails if its default is removed),
overrides, and invalid arguments rejected before any resource registers.

Positive cases run one small program through the offline engine (ARM-shaped ids, captured
wire inputs); the invalid-argument cases count registrations with a bare MockMonitor.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pulumi
import pytest

from sovereign_components.components.dlq import DEFAULT_QUEUE_NAME
from sovereign_components.errors import ComponentArgumentError

NAMESPACE_ID = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-eu/providers/Microsoft.ServiceBus/namespaces/ns-eu"
WORKSPACE_ID = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-eu/providers/Microsoft.OperationalInsights/workspaces/logs-eu"
EMAIL = "security-team@contoso.eu"

PROGRAM = f'''
from sovereign_components.components.dlq import ComplianceDLQ

base = {{
    "resource_group_name": "rg-eu",
    "boundary": "EU",
    "service_bus_namespace_name": "ns-eu",
    "service_bus_namespace_id": "{NAMESPACE_ID}",
    "alert_email": "{EMAIL}",
}}
ComplianceDLQ("defaults", {{**base, "location": "West Europe",
                            "diagnostic_settings": {{"workspace_id": "{WORKSPACE_ID}"}}}})
ComplianceDLQ("custom", {{**base, "location": "germanynorth", "queue_name": "violations",
                          "retention_days": 365.0, "max_delivery_count": 5, "alert_threshold": 2.0,
                          "archive_account_name": "customarchive01", "protect": False,
                          "lock": {{"kind": "CanNotDelete"}},
                          "private_endpoints": {{"subnet_id": "/subnets/pe",
                              "private_dns_zone_ids": {{"privatelink.blob.core.windows.net": "/zones/blob"}}}}}})
ComplianceDLQ("noarchive", {{**base, "location": "westeurope", "archive": False}})
'''


@pytest.fixture(scope="module")
def capture(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from sovereign_components.gate.pipeline import capture_program

    directory: Path = tmp_path_factory.mktemp("dlq-program")
    (directory / "Pulumi.yaml").write_text("name: dlq-test\nruntime: python\n")
    (directory / "Pulumi.test.yaml").write_text("config: {}\n")
    (directory / "__main__.py").write_text(textwrap.dedent(PROGRAM))
    return capture_program(directory, "test")


def _children(capture: Any, component: str) -> dict[str, Any]:
    """Resources parented (directly) to the ComplianceDLQ named ``component``, by type suffix."""
    (parent,) = [r for r in capture.resources if r.type == "sovereign:index:ComplianceDLQ" and r.name == component]
    return {r.type.split(":", 1)[1]: r for r in capture.resources if r.parent == parent.urn}


@pytest.fixture(scope="module")
def defaults(capture: Any) -> dict[str, Any]:
    return _children(capture, "defaults")


@pytest.fixture(scope="module")
def custom(capture: Any) -> dict[str, Any]:
    return _children(capture, "custom")


# --- structure ---------------------------------------------------------------------------


def test_component_type_and_children(capture: Any, defaults: dict[str, Any]) -> None:
    assert {r.name for r in capture.resources if r.type == "sovereign:index:ComplianceDLQ"} == {"defaults", "custom", "noarchive"}
    assert set(defaults) >= {
        "servicebus:Queue",
        "monitor:ActionGroup",
        "monitor:MetricAlert",
        "storage:StorageAccount",
        "storage:BlobContainer",
        "storage:BlobContainerImmutabilityPolicy",
        "storage:ManagementPolicy",
        "monitor:DiagnosticSetting",
    }
    assert all(r.name.startswith("defaults-") for r in defaults.values())


def test_component_outputs_registered(capture: Any, defaults: dict[str, Any]) -> None:
    (component,) = [r for r in capture.resources if r.type == "sovereign:index:ComplianceDLQ" and r.name == "defaults"]
    out = component.outputs
    assert out["queue_name"] == DEFAULT_QUEUE_NAME
    assert out["queue_id"] == defaults["servicebus:Queue"].id
    assert out["action_group_id"] == defaults["monitor:ActionGroup"].id
    assert out["alert_id"] == defaults["monitor:MetricAlert"].id
    assert out["archive_account_id"] == defaults["storage:StorageAccount"].id
    assert out["archive_account_name"] == defaults["storage:StorageAccount"].inputs["accountName"]
    assert out["archive_container_name"] == "sovereignty-violations"
    assert out["archive_blob_endpoint"] == f"https://{out['archive_account_name']}.blob.core.windows.net/"


# --- queue -------------------------------------------------------------------------------


def test_queue_defaults(defaults: dict[str, Any]) -> None:
    queue = defaults["servicebus:Queue"]
    assert queue.inputs["queueName"] == DEFAULT_QUEUE_NAME
    assert queue.inputs["namespaceName"] == "ns-eu"
    assert queue.inputs["maxDeliveryCount"] == 3
    assert queue.inputs["deadLetteringOnMessageExpiration"] is True
    assert "location" not in queue.inputs  # queues are location-less sub-resources


def test_queue_keeps_messages_for_retention(defaults: dict[str, Any]) -> None:
    assert defaults["servicebus:Queue"].inputs["defaultMessageTimeToLive"] == "P90D"


def test_data_holders_protected_by_default(defaults: dict[str, Any]) -> None:
    for token in ("servicebus:Queue", "storage:StorageAccount", "storage:BlobContainer"):
        assert defaults[token].protect is True, token


# --- alerting ----------------------------------------------------------------------------


def test_action_group_emails_the_security_team(defaults: dict[str, Any]) -> None:
    group = defaults["monitor:ActionGroup"].inputs
    assert group["location"] == "Global"
    assert [r["emailAddress"] for r in group["emailReceivers"]] == [EMAIL]
    assert 1 <= len(group["groupShortName"]) <= 12
    assert group["enabled"] is True


def test_alert_fires_on_first_message_in_dlq(defaults: dict[str, Any]) -> None:
    alert = defaults["monitor:MetricAlert"].inputs
    assert alert["location"] == "global"
    assert alert["scopes"] == [NAMESPACE_ID]
    assert alert["evaluationFrequency"] == "PT1M"
    assert alert["windowSize"] == "PT5M"
    assert alert["enabled"] is True
    (criterion,) = alert["criteria"]["allOf"]
    assert alert["criteria"]["odataType"] == "Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria"
    assert criterion["metricNamespace"] == "Microsoft.ServiceBus/namespaces"
    assert criterion["metricName"] == "ActiveMessages"
    assert criterion["operator"] == "GreaterThanOrEqual"
    assert criterion["threshold"] == 1
    assert criterion["dimensions"] == [{"name": "EntityName", "operator": "Include", "values": [DEFAULT_QUEUE_NAME]}]


def test_alert_notifies_the_action_group(defaults: dict[str, Any]) -> None:
    group = defaults["monitor:ActionGroup"]
    alert = defaults["monitor:MetricAlert"].inputs
    assert [a["actionGroupId"] for a in alert["actions"]] == [group.id]


# --- archive -----------------------------------------------------------------------------

SECURE_ACCOUNT_DEFAULTS = [
    ("publicNetworkAccess", "Disabled"),  # T1
    ("allowBlobPublicAccess", False),  # T2
    ("minimumTlsVersion", "TLS1_2"),  # T3
    ("enableHttpsTrafficOnly", True),  # T4
    ("allowSharedKeyAccess", False),  # T5
    ("allowCrossTenantReplication", False),  # T6
    ("allowedCopyScope", "AAD"),  # G11: copies only within the tenant
    ("location", "westeurope"),  # L1, normalised from "West Europe"
    ("kind", "StorageV2"),
]


@pytest.mark.parametrize(("key", "expected"), SECURE_ACCOUNT_DEFAULTS, ids=[k for k, _ in SECURE_ACCOUNT_DEFAULTS])
def test_archive_account_secure_default(defaults: dict[str, Any], key: str, expected: Any) -> None:
    assert defaults["storage:StorageAccount"].inputs[key] == expected


def test_archive_account_network_denies_by_default(defaults: dict[str, Any]) -> None:
    assert defaults["storage:StorageAccount"].inputs["networkRuleSet"]["defaultAction"] == "Deny"  # T7


def test_archive_account_zone_redundant_where_zones_exist(defaults: dict[str, Any]) -> None:
    assert defaults["storage:StorageAccount"].inputs["sku"]["name"] == "Standard_ZRS"  # G3/T8


def test_archive_account_lrs_without_zones(custom: dict[str, Any]) -> None:
    # germanynorth has no availability zones: LRS, never the GRS family
    assert custom["storage:StorageAccount"].inputs["sku"]["name"] == "Standard_LRS"


def test_archive_account_identity_and_double_encryption(defaults: dict[str, Any]) -> None:
    inputs = defaults["storage:StorageAccount"].inputs
    assert inputs["identity"]["type"] == "SystemAssigned"
    assert inputs["encryption"]["requireInfrastructureEncryption"] is True  # T9


def test_archive_account_name_derived_and_valid(defaults: dict[str, Any], custom: dict[str, Any]) -> None:
    import re

    derived = defaults["storage:StorageAccount"].inputs["accountName"]
    assert re.fullmatch(r"[a-z][a-z0-9]{2,23}", derived)
    assert derived.endswith("dlq") and derived.startswith("defaults")
    assert custom["storage:StorageAccount"].inputs["accountName"] == "customarchive01"


def test_archive_container_private(defaults: dict[str, Any]) -> None:
    assert defaults["storage:BlobContainer"].inputs["publicAccess"] == "None"


def test_archive_immutable_for_retention_with_appends(defaults: dict[str, Any]) -> None:
    policy = defaults["storage:BlobContainerImmutabilityPolicy"].inputs
    assert policy["immutabilityPeriodSinceCreationInDays"] == 90
    assert policy["allowProtectedAppendWrites"] is True
    assert policy["containerName"] == defaults["storage:BlobContainer"].inputs["containerName"]


def test_lifecycle_deletes_after_retention(defaults: dict[str, Any]) -> None:
    (rule,) = defaults["storage:ManagementPolicy"].inputs["policy"]["rules"]
    assert rule["enabled"] is True
    assert rule["definition"]["actions"]["baseBlob"]["delete"]["daysAfterCreationGreaterThan"] == 90
    container = defaults["storage:BlobContainer"].inputs["containerName"]
    assert rule["definition"]["filters"]["prefixMatch"] == [f"{container}/"]


def test_diagnostics_only_to_the_given_workspace(defaults: dict[str, Any], custom: dict[str, Any]) -> None:
    setting = defaults["monitor:DiagnosticSetting"].inputs
    assert setting["workspaceId"] == WORKSPACE_ID
    assert setting["resourceUri"].endswith("/blobServices/default")
    assert not {k for k in setting if k in ("storageAccountId", "eventHubAuthorizationRuleId", "marketplacePartnerId")}
    assert "monitor:DiagnosticSetting" not in custom  # none without diagnostic_settings


# --- overrides ---------------------------------------------------------------------------


def test_overrides_reach_the_resources(custom: dict[str, Any]) -> None:
    queue = custom["servicebus:Queue"].inputs
    assert queue["queueName"] == "violations"
    assert queue["defaultMessageTimeToLive"] == "P365D"  # 365.0 from the component host -> int
    assert queue["maxDeliveryCount"] == 5
    assert custom["storage:BlobContainerImmutabilityPolicy"].inputs["immutabilityPeriodSinceCreationInDays"] == 365
    rule = custom["storage:ManagementPolicy"].inputs["policy"]["rules"][0]
    assert rule["definition"]["actions"]["baseBlob"]["delete"]["daysAfterCreationGreaterThan"] == 365
    (criterion,) = custom["monitor:MetricAlert"].inputs["criteria"]["allOf"]
    assert criterion["threshold"] == 2
    assert criterion["dimensions"][0]["values"] == ["violations"]


def test_protect_false_override(custom: dict[str, Any]) -> None:
    for token in ("servicebus:Queue", "storage:StorageAccount", "storage:BlobContainer"):
        assert custom[token].protect is False, token


def test_lock_and_private_endpoint_when_given(custom: dict[str, Any], defaults: dict[str, Any]) -> None:
    lock = custom["authorization:ManagementLockByScope"].inputs
    assert lock["level"] == "CanNotDelete"
    assert lock["scope"] == custom["storage:StorageAccount"].id
    endpoint = custom["network:PrivateEndpoint"].inputs
    assert endpoint["location"] == "germanynorth"
    (connection,) = endpoint["privateLinkServiceConnections"]
    assert connection["groupIds"] == ["blob"]
    assert connection["privateLinkServiceId"] == custom["storage:StorageAccount"].id
    assert "authorization:ManagementLockByScope" not in defaults
    assert "network:PrivateEndpoint" not in defaults


def test_archive_false_creates_no_storage(capture: Any) -> None:
    children = _children(capture, "noarchive")
    assert "servicebus:Queue" in children and "monitor:MetricAlert" in children
    assert not [t for t in children if t.startswith("storage:")]


# --- invalid arguments: rejected before anything registers -------------------------------


VALID = {
    "location": "westeurope",
    "resource_group_name": "rg",
    "boundary": "EU",
    "service_bus_namespace_name": "ns",
    "service_bus_namespace_id": NAMESPACE_ID,
    "alert_email": EMAIL,
}

INVALID = [
    ({"location": "eastus"}, "location", "outside the EU boundary"),
    ({"location": "westeurop"}, "location", "did you mean 'westeurope'"),
    ({"boundary": "ATLANTIS"}, "boundary", "unknown boundary"),
    ({"alert_email": "security-team"}, "alert_email", "email"),
    ({"retention_days": 0}, "retention_days", "greater than or equal to 1"),
    ({"retention_days": 90.5}, "retention_days", "whole number"),
    ({"max_delivery_count": 0}, "max_delivery_count", "greater than or equal to 1"),
    ({"alert_threshold": 0}, "alert_threshold", "greater than or equal to 1"),
    ({"archive_account_name": "Bad_Name"}, "archive_account_name", "pattern"),
    ({"queue_name": "-violations"}, "queue_name", "pattern"),
    ({"lock": {"kind": "Forever"}}, "lock.kind", "CanNotDelete"),
    ({"allowed_regions": ["uksouth"]}, "allowed_regions[0]", "outside the EU boundary"),
    ({"customer_managed_key": {"key_vault_key_uri": "https://kv.vault.azure.net/keys/k"}},
     "customer_managed_key.user_assigned_identity_id", "user-assigned"),
]


@pytest.mark.parametrize(("override", "argument", "fragment"), INVALID, ids=[c[1] + ":" + str(list(c[0].values())[0]) for c in INVALID])
def test_invalid_argument_rejected_before_registration(counting: Any, override: dict, argument: str, fragment: str) -> None:
    from sovereign_components.components.dlq import ComplianceDLQ

    monitor = counting

    with pytest.raises(ComponentArgumentError) as info:
        ComplianceDLQ("bad", {**VALID, **override})  # type: ignore[typeddict-item]
    assert info.value.argument == argument
    assert info.value.component == "ComplianceDLQ"
    assert fragment.lower() in str(info.value).lower()
    assert monitor.types == []
    assert monitor.custom_types == []


def test_valid_arguments_do_register_with_the_same_harness(counting: Any) -> None:
    """The counting harness itself sees registrations (so the zero counts above mean something)."""
    from sovereign_components.components.dlq import ComplianceDLQ

    monitor = counting

    @pulumi.runtime.test
    def build() -> Any:
        dlq = ComplianceDLQ("good", dict(VALID))  # type: ignore[arg-type]
        return dlq.queue_name

    build()
    assert "sovereign:index:ComplianceDLQ" in monitor.types
    assert "azure-native:servicebus:Queue" in monitor.custom_types
