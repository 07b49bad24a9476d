"""The engine captures what the program registered: tree, dependencies, ids, emulation."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from sovereign_components.gate.engine.identity import stack_identity
from sovereign_components.gate.pipeline import capture_program
from sovereign_components.gate.model import UNKNOWN

#: the basic fixture states no subscription: its ids live in the one derived from its names
BASIC = stack_identity("basic", "dev")
SUB = f"/subscriptions/{BASIC.subscription_id}"


def by_name(capture):
    return {r.name: r for r in capture.resources}


def test_project_and_stack_names(basic_capture):
    assert (basic_capture.project, basic_capture.stack) == ("basic", "dev")
    stack = by_name(basic_capture)["basic-dev"]
    assert stack.type == "pulumi:pulumi:Stack" and stack.parent == "" and not stack.custom


def test_component_children_have_the_component_as_parent(basic_capture):
    r = by_name(basic_capture)
    component = r["demo-archive"]
    assert component.type == "test:index:Archive" and component.custom is False
    assert r["demo-archive-sa"].parent == component.urn
    assert r["demo-archive-c"].parent == component.urn
    # top-level resources hang off the root stack, as in a real deployment
    assert r["rg"].parent == r["basic-dev"].urn
    assert r["topic"].parent == r["basic-dev"].urn
    # the URN type chain shows the parent type
    assert "test:index:Archive$azure-native:storage:StorageAccount" in r["demo-archive-sa"].urn


def test_output_derived_inputs_become_property_dependencies(basic_capture):
    r = by_name(basic_capture)
    container = r["demo-archive-c"]
    assert container.property_dependencies["accountName"] == [r["demo-archive-sa"].urn]
    assert container.property_dependencies["resourceGroupName"] == [r["rg"].urn]
    # the value flowed through the monitor: the account's name output is its logical name
    assert container.inputs["accountName"] == "demo-archive-sa"
    topic = r["topic"]
    assert topic.property_dependencies["tags"] == [r["demo-archive-sa"].urn]


def test_depends_on_a_component_expands_to_its_children(basic_capture):
    r = by_name(basic_capture)
    deps = set(r["topic"].dependencies)
    assert {r["demo-archive-sa"].urn, r["demo-archive-c"].urn, r["rg"].urn} <= deps


def test_inputs_are_camel_case_wire_values_with_sdk_defaults(basic_capture):
    topic = by_name(basic_capture)["topic"]
    assert topic.inputs["resourceGroupName"] == "demo-rg"
    assert topic.inputs["publicNetworkAccess"] == "Disabled"
    # SDK-injected defaults (docs/sdk-notes.md, "SDK-injected defaults") are visible, as policies see them
    assert topic.inputs["disableLocalAuth"] is False
    assert topic.inputs["inputSchema"] == "EventGridSchema"


def test_structured_and_unnamespaced_config_reach_the_program(basic_capture):
    tags = by_name(basic_capture)["topic"].inputs["tags"]
    assert tags["tier"] == "Standard"  # from the structured basic:settings object
    assert tags["owner"] == "team-a"  # "owner" without namespace -> basic:owner
    assert basic_capture.config["basic:owner"] == "team-a"


def test_ids_are_arm_shaped_and_children_nest_under_parents(basic_capture):
    r = by_name(basic_capture)
    account_id = f"{SUB}/resourceGroups/demo-rg/providers/Microsoft.Storage/storageAccounts/demo-archive-sa"
    assert r["demo-archive-sa"].id == account_id
    assert r["demo-archive-c"].id == account_id + "/blobServices/default/containers/demo-archive-c"
    assert r["rg"].id == f"{SUB}/resourceGroups/demo-rg"
    # an extension resource lives under its scope
    ra = r["archive-reader"]
    assert ra.inputs["scope"] == account_id
    assert ra.id.startswith(account_id + "/providers/Microsoft.Authorization/roleAssignments/")


def test_computed_outputs_from_the_table(basic_capture):
    topic = by_name(basic_capture)["topic"]
    assert topic.outputs["endpoint"].startswith("https://topic.westeurope")
    assert by_name(basic_capture)["demo-archive-sa"].outputs["primaryEndpoints"]["blob"] == (
        "https://demo-archive-sa.blob.core.windows.net/"
    )


def test_provider_location_default_is_emulated_and_listed(basic_capture):
    account = by_name(basic_capture)["demo-archive-sa"]
    assert account.inputs["location"] == "westeurope"  # copied from the resource group
    notes = [e for e in basic_capture.emulated if "location=westeurope" in e]
    assert notes and "demo-archive-sa" in notes[0] and "demo-rg" in notes[0]
    # resources without a location in ARM (child resources) get none
    assert "location" not in by_name(basic_capture)["demo-archive-c"].inputs


def test_invokes_are_answered_and_listed(basic_capture):
    ra = by_name(basic_capture)["archive-reader"]
    assert ra.inputs["principalId"] == BASIC.object_id
    assert any("azure-native:authorization:getClientConfig" in e for e in basic_capture.emulated)


def test_unknowns_mode_makes_ids_and_computed_outputs_unknown(basic_capture_unknowns):
    r = by_name(basic_capture_unknowns)
    assert r["archive-reader"].inputs["scope"] == UNKNOWN
    assert r["demo-archive-c"].inputs["accountName"] == UNKNOWN
    assert r["demo-archive-sa"].id == ""
    # the RG name is an output, so the location default is unknown too (as in a real preview)
    assert r["demo-archive-sa"].inputs["location"] == UNKNOWN
    # plain literal inputs stay known
    assert r["topic"].inputs["publicNetworkAccess"] == "Disabled"


def test_repeated_captures_are_identical(basic_capture):
    again = capture_program(Path(basic_capture.program_dir), "dev")
    assert [r.to_dict() for r in again.resources] == [r.to_dict() for r in basic_capture.resources]
    assert again.emulated == basic_capture.emulated


def test_two_programs_do_not_leak_into_each_other(programs_dir, basic_capture):
    other = capture_program(programs_dir / "other", "dev")
    types = {r.type for r in other.resources}
    # "other" has its own components.py with a different component: it must not get basic's
    assert "other:index:Bucket" in types and "test:index:Archive" not in types
    assert all(r.urn.startswith("urn:pulumi:dev::other::") for r in other.resources)
    assert not any(e for e in other.emulated if "getClientConfig" in e)
    # and basic still captures its own component afterwards
    basic_again = capture_program(programs_dir / "basic", "dev")
    assert "test:index:Archive" in {r.type for r in basic_again.resources}


def test_config_overrides_replace_stack_values(programs_dir):
    capture = capture_program(programs_dir / "basic", "dev", config_overrides={"basic:prefix": "alt"})
    names = {r.name for r in capture.resources}
    assert "alt-archive" in names and "demo-archive" not in names


def test_capture_is_serialisable_for_the_worker(basic_capture):
    from sovereign_components.gate.model import Capture

    data = copy.deepcopy(basic_capture.to_dict())
    assert Capture.from_dict(data).resources == basic_capture.resources


def test_stack_policies_see_each_resources_id_as_its_state_would(basic_capture, basic_capture_unknowns):
    """azure-native records the ARM response's ``id`` among a resource's outputs; stack policies
    place a reference (a role assignment scoped to a resource group of the stack) by it. Under
    --unknowns ids are unknown, as in a preview of resources about to be created."""
    for r in basic_capture.resources:
        if r.custom and r.type.startswith("azure-native:"):
            assert r.outputs["id"] == r.id and r.id.startswith(SUB), r.name
    assert by_name(basic_capture)["rg"].outputs["id"] == f"{SUB}/resourceGroups/demo-rg"
    for r in basic_capture_unknowns.resources:
        assert "id" not in r.outputs or r.outputs["id"] == UNKNOWN, r.name
