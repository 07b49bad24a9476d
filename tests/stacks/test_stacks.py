"""The regional stacks: what they export, how the components are wired, and the sovereignty
pack's verdict on both (zero mandatory violations, in full and in preview-faithful mode)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
STACKS = {"eu": ("westeurope", "EU"), "us": ("eastus", "US")}


def by_name(capture: Any) -> dict[str, Any]:
    return {r.name: r for r in capture.resources}


@pytest.fixture(scope="module")
def regional_stack() -> Any:
    sys.path.insert(0, str(ROOT / "stacks"))
    try:
        import regional_stack

        yield regional_stack
    finally:
        sys.path.remove(str(ROOT / "stacks"))


# --- exports -------------------------------------------------------------------------------

EXPORTS = {
    "region", "boundary", "resourceGroupName", "topicEndpoint", "serviceBusFqdn", "processingQueueName",
    "eventStoreEndpoint", "eventStoreDatabase", "eventStoreContainer", "complianceDlqQueueName",
    "complianceArchiveContainer", "functionAppName",
}


@pytest.mark.parametrize("stack", list(STACKS))
def test_stack_exports_what_applications_need(stack_captures: dict[str, Any], stack: str) -> None:
    region, code = STACKS[stack]
    (root,) = [r for r in stack_captures[stack].resources if r.type == "pulumi:pulumi:Stack"]
    out = root.outputs
    # the EU stack declares a metadata channel: it also says where (and as whom) to publish metadata
    metadata = {"metadataTopicEndpoint", "metadataPublisherIdentityId", "metadataPublisherClientId"}
    assert set(out) == EXPORTS | (metadata if stack == "eu" else set())
    assert (out["region"], out["boundary"]) == (region, code)
    assert out["serviceBusFqdn"].endswith(".servicebus.windows.net")
    assert out["eventStoreEndpoint"].startswith("https://") and ".documents.azure.com" in out["eventStoreEndpoint"]
    assert out["complianceDlqQueueName"] == "sovereignty-violations-dlq"
    assert out["eventStoreDatabase"] == "events" and out["eventStoreContainer"] == "event-store"


@pytest.mark.parametrize("stack", list(STACKS))
def test_nothing_secret_is_exported(stack_captures: dict[str, Any], stack: str) -> None:
    (root,) = [r for r in stack_captures[stack].resources if r.type == "pulumi:pulumi:Stack"]
    text = repr(root.outputs).lower()
    for word in ("key", "secret", "password", "connectionstring", "sas", "4dabf18193072939515e22adb298388d"):
        assert word not in text


# --- wiring --------------------------------------------------------------------------------


@pytest.mark.parametrize("stack", list(STACKS))
def test_plane_and_store_share_names_and_workspace(stack_captures: dict[str, Any], stack: str) -> None:
    resources = by_name(stack_captures[stack])
    prefix = f"sov-{stack}"
    account = resources[f"{prefix}-store-account"]
    app = resources[f"{prefix}-plane-functions"]
    settings = {s["name"]: s["value"] for s in app.inputs["siteConfig"]["appSettings"]}
    assert settings["EVENT_STORE_ENDPOINT"] == f"https://{account.inputs['accountName']}.documents.azure.com:443/"
    assert settings["EVENT_STORE_DATABASE"] == "events"
    assert settings["EVENT_STORE_CONTAINER"] == "event-store"
    workspace = resources[f"{prefix}-plane-logs"]
    assert resources[f"{prefix}-store-diagnostics"].inputs["workspaceId"] == workspace.id


@pytest.mark.parametrize("stack", list(STACKS))
def test_store_grants_the_processor_identity(stack_captures: dict[str, Any], stack: str) -> None:
    resources = by_name(stack_captures[stack])
    prefix = f"sov-{stack}"
    app = resources[f"{prefix}-plane-functions"]
    assignment = resources[f"{prefix}-store-writer-0"]
    assert assignment.inputs["principalId"] == app.outputs["identity"]["principalId"]


@pytest.mark.parametrize("stack", list(STACKS))
def test_resource_group_in_region(stack_captures: dict[str, Any], stack: str) -> None:
    region, _ = STACKS[stack]
    group = by_name(stack_captures[stack])[f"sov-{stack}-rg"]
    assert group.inputs["location"] == region
    assert group.inputs["resourceGroupName"] == f"rg-sov-{stack}-{region}"
    assert group.inputs["tags"]["sovereignty-boundary"] == STACKS[stack][1]


def test_plane_args_from_config(regional_stack: Any) -> None:
    from sovereign_components.stack_config.models import parse_stack_config

    config = parse_stack_config({
        "sovereign:region": "westeurope", "sovereign:boundary": "EU", "sovereign:alertEmail": "sec@contoso.eu",
        "sovereign:eventPlane": '{"eventHubPartitionCount": 8, "privateEndpointSubnetId": "/subscriptions/s/subnets/pe"}',
        "sovereign:dlq": '{"retentionDays": 120}',
    })
    names = regional_stack.stack_names(config, "proj", "dev")
    args = regional_stack.plane_args(config, names, "rg")
    assert args["event_hub_partition_count"] == 8
    assert "private_endpoint_subnet_id" not in args
    assert args["private_endpoints"] == {"subnet_id": "/subscriptions/s/subnets/pe"}
    assert args["compliance_dlq"] == {"retention_days": 120}
    assert args["event_store"]["account_name"] == names.store_account
    store = regional_stack.store_args(config, names, "rg", workspace_id="ws", writer_principal_id="p")
    assert store["account_name"] == names.store_account
    assert store["writer_principal_ids"] == ["p"]
    assert store["private_endpoints"] == args["private_endpoints"]
    assert "default_ttl_seconds" not in store  # the component default (30 days) applies


def test_function_package_url_reaches_the_plane_and_refuses_a_sas(regional_stack: Any) -> None:
    from sovereign_components.stack_config.models import parse_stack_config
    from sovereign_components.errors import ConfigError

    base = {"sovereign:region": "westeurope", "sovereign:boundary": "EU", "sovereign:alertEmail": "sec@contoso.eu"}
    url = "https://pkgs.blob.core.windows.net/releases/functions-0.1.0.zip"
    config = parse_stack_config({**base, "sovereign:eventPlane": f'{{"functionPackageUrl": "{url}"}}'})
    args = regional_stack.plane_args(config, regional_stack.stack_names(config, "proj", "dev"), "rg")
    assert args["function_package_url"] == url
    with pytest.raises(ConfigError, match="functionPackageUrl"):
        parse_stack_config({**base, "sovereign:eventPlane": f'{{"functionPackageUrl": "{url}?sv=2024&sig=x"}}'})


def test_store_ttl_days_becomes_seconds(regional_stack: Any) -> None:
    from sovereign_components.stack_config.models import parse_stack_config

    config = parse_stack_config({
        "sovereign:region": "eastus", "sovereign:boundary": "US", "sovereign:alertEmail": "sec@contoso.com",
        "sovereign:eventStore": '{"ttlDays": 7}',
    })
    names = regional_stack.stack_names(config, "proj", "dev")
    assert regional_stack.store_args(config, names, "rg", workspace_id="ws", writer_principal_id="p")["default_ttl_seconds"] == 7 * 86400


# --- the sovereignty pack on both stacks ---------------------------------------------------


@pytest.fixture(scope="module")
def sovereignty_pack() -> Any:
    from sovereign_components.gate.pipeline import load_policy_pack

    return load_policy_pack(ROOT / "policy")


@pytest.mark.parametrize("stack", list(STACKS))
def test_no_mandatory_violation_under_the_sovereignty_pack(
    stack_captures: dict[str, Any], sovereignty_pack: Any, stack: str
) -> None:
    from sovereign_components.gate.pipeline import analyze

    capture = stack_captures[stack]
    result = analyze(capture.resources, sovereignty_pack, ROOT / "policy" / f"config.{stack}.json",
                     project=capture.project, stack=capture.stack, stack_config=capture.config)
    mandatory = [f"{v.policy}: {v.message}" for v in result.violations if v.enforcement_level == "mandatory"]
    assert mandatory == []


def test_us_stack_fails_under_the_eu_policy_config(stack_captures: dict[str, Any], sovereignty_pack: Any) -> None:
    """The same analysis is not vacuous: eastus resources break the EU boundary's L1."""
    from sovereign_components.gate.pipeline import analyze

    capture = stack_captures["us"]
    result = analyze(capture.resources, sovereignty_pack, ROOT / "policy" / "config.eu.json",
                     project=capture.project, stack=capture.stack, stack_config=capture.config)
    assert any(v.enforcement_level == "mandatory" for v in result.violations)


def test_eu_stack_decides_in_preview_faithful_mode(sovereignty_pack: Any) -> None:
    """With ids and computed outputs unknown (as in a real preview), every policy still decides
    and none is violated: the stack sets locations explicitly and wires by dependency."""
    from sovereign_components.gate.pipeline import analyze, capture_program

    capture = capture_program(ROOT, "eu", unknowns=True)
    result = analyze(capture.resources, sovereignty_pack, ROOT / "policy" / "config.eu.json",
                     project=capture.project, stack=capture.stack, stack_config=capture.config)
    assert [v.policy for v in result.violations if v.enforcement_level == "mandatory"] == []
    assert [v.message for v in result.violations if v.undecided] == []
