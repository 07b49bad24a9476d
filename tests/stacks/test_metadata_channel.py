"""The EU stack's declared metadata channel (issues 6 and 10): what the program registers for it
(on a dedicated metadata topic, filtered on the metadata kind and non-regulated classifications,
with one sender), and that the policy pack allows it only because of the allow-list entry in
policy/config.eu.json (the analysis without that entry blocks exactly the channel)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from sovereign_components.events.names import (
    CLASSIFICATION_ATTRIBUTE,
    KIND_ATTRIBUTE,
    METADATA_CHANNEL_LABEL,
    METADATA_KIND,
    METADATA_TOPIC_KIND,
    NON_REGULATED_CLASSIFICATIONS,
    TOPIC_KIND_TAG,
)

ROOT = Path(__file__).resolve().parents[2]


def channels(capture: Any) -> list[Any]:
    return [r for r in capture.resources
            if r.type == "azure-native:eventgrid:EventSubscription" and METADATA_CHANNEL_LABEL in (r.inputs.get("labels") or [])]


def configured_destination() -> str:
    from sovereign_components.stack_config.project import load_project

    raw = load_project(ROOT, "eu").config["sovereign:eventPlane"]
    plane = json.loads(raw) if isinstance(raw, str) else raw
    [channel] = plane["metadataChannels"]
    return channel["destinationResourceId"]


def test_eu_stack_registers_the_channel_as_configured(stack_captures: dict[str, Any]) -> None:
    [channel] = channels(stack_captures["eu"])
    inputs = channel.inputs
    assert inputs["eventSubscriptionName"] == "inventory-metadata"
    destination = inputs["deliveryWithResourceIdentity"]["destination"]
    assert destination == {"endpointType": "ServiceBusTopic", "resourceId": configured_destination()}
    kind, flt = inputs["filter"]["advancedFilters"]
    assert kind == {"operatorType": "StringIn", "key": KIND_ATTRIBUTE, "values": [METADATA_KIND]}
    assert (flt["operatorType"], flt["key"]) == ("StringIn", CLASSIFICATION_ATTRIBUTE)
    assert set(flt["values"]) <= set(NON_REGULATED_CLASSIFICATIONS)
    assert inputs["filter"]["enableAdvancedFilteringOnArrays"] is False
    # on the stack's metadata topic, never on the topic the processors read
    topics = {r.id: r for r in stack_captures["eu"].resources if r.type == "azure-native:eventgrid:Topic"}
    assert topics[inputs["scope"]].inputs["tags"][TOPIC_KIND_TAG] == METADATA_TOPIC_KIND
    # dead letters stay in the region (the plane's own storage account)
    assert "/resourceGroups/rg-sov-eu-westeurope/" in inputs["deadLetterWithResourceIdentity"]["deadLetterDestination"]["resourceId"]


def test_no_role_assignment_is_written_on_the_foreign_topic(stack_captures: dict[str, Any]) -> None:
    """grantSenderRole false: this stack writes nothing into the US subscription's control plane."""
    destination = configured_destination().lower()
    scopes = [str(r.inputs.get("scope", "")).lower() for r in stack_captures["eu"].resources
              if r.type == "azure-native:authorization:RoleAssignment"]
    assert scopes  # the stack does grant roles on its own resources
    assert not [s for s in scopes if s.startswith(destination) or "/subscriptions/00000000-0000-0000-0000-000000000002" in s]


def test_the_metadata_topic_has_one_sender_and_it_is_not_the_processor(stack_captures: dict[str, Any]) -> None:
    resources = stack_captures["eu"].resources
    [topic] = [r for r in resources if r.type == "azure-native:eventgrid:Topic"
               and (r.inputs.get("tags") or {}).get(TOPIC_KIND_TAG) == METADATA_TOPIC_KIND]
    grants = [r.inputs for r in resources if r.type == "azure-native:authorization:RoleAssignment"
              and r.inputs["scope"] == topic.id]
    [publisher] = [r for r in resources if r.type == "azure-native:managedidentity:UserAssignedIdentity"]
    assert [g["principalId"] for g in grants] == [publisher.outputs["principalId"]]
    [app] = [r for r in resources if r.type == "azure-native:web:WebApp"]
    assert app.outputs["identity"]["principalId"] != publisher.outputs["principalId"]
    assert publisher.inputs["location"] == "westeurope"


def test_us_stack_declares_no_channel(stack_captures: dict[str, Any]) -> None:
    assert channels(stack_captures["us"]) == []
    topics = [r for r in stack_captures["us"].resources if r.type == "azure-native:eventgrid:Topic"]
    assert [t.inputs.get("tags", {}).get(TOPIC_KIND_TAG) for t in topics] == [None]


@pytest.fixture(scope="module")
def sovereignty_pack() -> Any:
    from sovereign_components.gate.pipeline import load_policy_pack

    return load_policy_pack(ROOT / "policy")


@pytest.mark.parametrize("unknowns", [False, True], ids=["known", "unknowns"])
def test_the_allow_list_entry_is_what_lets_the_channel_through(
    stack_captures: dict[str, Any], sovereignty_pack: Any, tmp_path: Path, unknowns: bool
) -> None:
    from sovereign_components.gate.pipeline import analyze, capture_program

    capture = capture_program(ROOT, "eu", unknowns=True) if unknowns else stack_captures["eu"]
    [channel] = channels(capture)
    shipped = ROOT / "policy" / "config.eu.json"
    config = json.loads(shipped.read_text())
    for entry in config.values():
        entry.pop("allowedExternalEndpoints", None)
    stripped = tmp_path / "config.json"
    stripped.write_text(json.dumps(config))

    def mandatory(path: Path) -> list[tuple[str, str]]:
        result = analyze(capture.resources, sovereignty_pack, path, project=capture.project, stack=capture.stack,
                         stack_config=capture.config)
        assert [v.message for v in result.violations if v.undecided] == []
        return [(v.policy, v.urn) for v in result.violations if v.enforcement_level == "mandatory"]

    assert mandatory(shipped) == []
    assert mandatory(stripped) == [("eventgrid-destinations-in-boundary", channel.urn)]


def test_plane_args_pass_the_stack_default_grant() -> None:
    """A channel configured without grantSenderRole reaches the component with False (the
    component's own default is True)."""
    from sovereign_components.stack_config.models import parse_stack_config

    sys.path.insert(0, str(ROOT / "stacks"))
    try:
        import regional_stack
    finally:
        sys.path.remove(str(ROOT / "stacks"))
    config = parse_stack_config({
        "sovereign:region": "westeurope", "sovereign:boundary": "EU", "sovereign:alertEmail": "sec@contoso.eu",
        "sovereign:eventPlane": json.dumps({"metadataChannels": [
            {"name": "to-us", "destinationResourceId": configured_destination()}]}),
    })
    args = regional_stack.plane_args(config, regional_stack.stack_names(config, "proj", "dev"), "rg")
    assert args["metadata_channels"] == [
        {"name": "to-us", "destination_resource_id": configured_destination(), "grant_sender_role": False}]
