"""User-assigned identities: the monitor answers ``identity`` in the ARM response shape.

The SDK types ``identity.userAssignedIdentities`` as ``Mapping[str, UserAssignedIdentityResponse]``
on output while the input is a list of ids; answering with the input list made every program
with a user-assigned identity fail (``AssertionError: Unexpected type``). The fixture program
``identity`` puts one identity on a storage account and a web app and exports what it reads.
"""

from __future__ import annotations

import uuid

import pytest

from sovereign_components.gate.engine import arm
from sovereign_components.gate.model import STACK_TYPE, UNKNOWN

from sovereign_components.gate.engine.identity import stack_identity

#: the fixture states no subscription: the engine's ids are in the one derived from its names
UAMI_ID = (f"/subscriptions/{stack_identity('identity', 'dev').subscription_id}/resourceGroups/identity-rg"
           "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/app-id")


@pytest.fixture(scope="module")
def captures(programs_dir):
    from sovereign_components.gate.pipeline import capture_program

    return {mode: capture_program(programs_dir / "identity", "dev", unknowns=mode == "unknowns")
            for mode in ("full", "unknowns")}


def by_name(capture, name):
    return next(r for r in capture.resources if r.name == name)


def stack_outputs(capture):
    return next(r for r in capture.resources if r.type == STACK_TYPE).outputs


def test_full_mode_maps_each_identity_id_to_principal_and_client(captures):
    exports = stack_outputs(captures["full"])
    # the storage account's identities: keyed by the identity's ARM id, both GUIDs present
    assert set(exports["accountIdentities"]) == {UAMI_ID}
    entry = exports["accountIdentities"][UAMI_ID]
    assert set(entry) == {"principalId", "clientId"}
    for value in entry.values():
        uuid.UUID(value)  # a GUID, as ARM returns
    # the web app reads the same identity's client id: same identity, same placeholder
    assert exports["appIdentityClient"] == {UAMI_ID: entry["clientId"]}
    uuid.UUID(exports["appPrincipal"])  # the system-assigned half of the web app's identity


def test_inputs_keep_the_list_the_program_passed(captures):
    account = by_name(captures["full"], "sa")
    assert account.inputs["identity"]["userAssignedIdentities"] == [UAMI_ID]
    assert by_name(captures["full"], "app").inputs["identity"]["type"] == "SystemAssigned, UserAssigned"


def test_unknowns_mode_runs_and_leaves_computed_identity_values_unknown(captures):
    exports = stack_outputs(captures["unknowns"])
    # the identity's id is unknown before it exists, so the map (keyed by it) is unknown too
    assert exports["accountIdentities"] == UNKNOWN
    assert exports["appPrincipal"] == UNKNOWN
    account = by_name(captures["unknowns"], "sa")
    assert account.inputs["identity"]["userAssignedIdentities"] == [UNKNOWN]


def test_principals_are_deterministic_and_distinct_per_resource():
    identity = {"type": "SystemAssigned, UserAssigned", "userAssignedIdentities": [UAMI_ID]}
    a = arm.computed_outputs("azure-native:web:WebApp", "app", {"identity": identity})["identity"]
    b = arm.computed_outputs("azure-native:web:WebApp", "app", {"identity": identity})["identity"]
    other = arm.computed_outputs("azure-native:storage:StorageAccount", "sa", {"identity": identity})["identity"]
    assert a == b
    assert a["principalId"] != other["principalId"]  # each resource has its own system identity
    assert a["userAssignedIdentities"] == other["userAssignedIdentities"]  # one shared identity


def test_eventgrid_style_map_input_gives_the_same_response_shape():
    identity = {"type": "UserAssigned", "userAssignedIdentities": {UAMI_ID: {}}}
    out = arm.computed_outputs("azure-native:eventgrid:Topic", "t", {"identity": identity})["identity"]
    assert set(out["userAssignedIdentities"]) == {UAMI_ID}
    assert set(out["userAssignedIdentities"][UAMI_ID]) == {"principalId", "clientId"}


def test_preview_outputs_keep_known_keys_and_unknown_guids():
    identity = {"type": "UserAssigned", "userAssignedIdentities": [UAMI_ID]}
    out = arm.preview_outputs("azure-native:storage:StorageAccount", "sa", {"identity": identity})
    assert out["identity"]["userAssignedIdentities"] == {UAMI_ID: {"principalId": UNKNOWN, "clientId": UNKNOWN}}
    assert out["identity"]["principalId"] == UNKNOWN and out["identity"]["type"] == "UserAssigned"
    assert arm.preview_outputs("azure-native:storage:StorageAccount", "sa", {"identity": {"type": "None"}}) == {}
    assert arm.preview_outputs("random:index:RandomId", "r", {"identity": identity}) == {}
