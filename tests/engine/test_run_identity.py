"""The subscription and tenant a run is answered in (issue 13 follow-up 1): not recognisable as a
placeholder, the stack's own when its config states them, the same value everywhere a program
or a policy meets it, and the same on every run."""

from __future__ import annotations

import textwrap
import uuid
from pathlib import Path

import pytest

from sovereign_components.gate.engine import arm
from sovereign_components.gate.engine.identity import looks_real, stack_identity
from sovereign_components.gate.pipeline import capture_program

STATED_SUB = "6b0a4c1e-9d3f-4a27-8f5e-2c7b9d1e0f43"
STATED_TENANT = "a1f2c3d4-5e6f-4a7b-9c8d-0e1f2a3b4c5d"

PROGRAM = """
import pulumi
from pulumi_azure_native import authorization, managedidentity, resources, storage

client = authorization.get_client_config()
rg = resources.ResourceGroup("rg", resource_group_name="rg-id", location="westeurope")
account = storage.StorageAccount("sa", account_name="said", resource_group_name=rg.name,
                                 kind="StorageV2", sku=storage.SkuArgs(name="Standard_LRS"))
uami = managedidentity.UserAssignedIdentity("uami", resource_group_name=rg.name)
authorization.RoleAssignment(
    "reader",
    scope=pulumi.Output.concat("/subscriptions/", client.subscription_id, "/resourceGroups/rg-id"),
    principal_id=client.object_id,
    role_definition_id=pulumi.Output.concat("/subscriptions/", client.subscription_id,
        "/providers/Microsoft.Authorization/roleDefinitions/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1"),
    principal_type="ServicePrincipal",
)
pulumi.export("subscription", client.subscription_id)
pulumi.export("tenant", client.tenant_id)
pulumi.export("client", client.client_id)
pulumi.export("uamiTenant", uami.tenant_id)
"""


def project(tmp_path: Path, stack: str, config: str = "config: {}\n") -> Path:
    (tmp_path / "Pulumi.yaml").write_text("name: ident\nruntime: python\n")
    (tmp_path / f"Pulumi.{stack}.yaml").write_text(textwrap.dedent(config))
    (tmp_path / "__main__.py").write_text(textwrap.dedent(PROGRAM))
    return tmp_path


def exports(capture) -> dict[str, object]:
    [stack] = [r for r in capture.resources if r.type == "pulumi:pulumi:Stack"]
    return dict(stack.outputs)


def by_name(capture):
    return {r.name: r for r in capture.resources}


# -- the derivation, as a unit ---------------------------------------------------------------------
def test_a_derived_identity_has_the_shape_of_a_real_one():
    ident = stack_identity("orders", "prod-eu")
    values = [ident.subscription_id, ident.tenant_id, ident.client_id, ident.object_id]
    for value in values:
        parsed = uuid.UUID(value)
        assert str(parsed) == value  # canonical, lower-case
        assert parsed.version == 4 and parsed.variant == uuid.RFC_4122  # as Azure issues them
        assert set(value.replace("-", "")) != {"0"} and not value.startswith("00000000")
    assert len(set(values)) == 4


def test_the_derivation_is_deterministic_and_per_stack():
    assert stack_identity("orders", "eu") == stack_identity("orders", "eu")
    assert stack_identity("orders", "eu").subscription_id != stack_identity("orders", "us").subscription_id
    assert stack_identity("orders", "eu").subscription_id != stack_identity("billing", "eu").subscription_id
    assert looks_real("a", "b") == looks_real("a", "b") != looks_real("a", "c")


def test_stated_config_wins_and_only_a_readable_guid_is_taken():
    config = {"azure-native:subscriptionId": STATED_SUB.upper(), "azure-native:tenantId": "not-a-guid"}
    ident = stack_identity("orders", "eu", config)
    derived = stack_identity("orders", "eu")
    assert ident.subscription_id == STATED_SUB  # canonical form of the stated GUID
    assert ident.tenant_id == derived.tenant_id  # an unreadable value is not taken at its word
    assert dict(ident.sources)["subscription_id"] == "stack config azure-native:subscriptionId"
    # a secret cannot be read offline: the derived value stands in
    secret = stack_identity("orders", "eu", config, secret_keys=["azure-native:subscriptionId"])
    assert secret.subscription_id == derived.subscription_id


def test_pure_functions_use_the_identity_they_are_given():
    ident = stack_identity("p", "s", {"azure-native:subscriptionId": STATED_SUB})
    rid = arm.arm_id("azure-native:resources:ResourceGroup", "rg", {"resourceGroupName": "rg"}, ident)
    assert rid == f"/subscriptions/{STATED_SUB}/resourceGroups/rg"


# -- a program sees one identity everywhere ---------------------------------------------------------
def test_a_program_without_stated_ids_sees_the_derived_identity_everywhere(tmp_path):
    capture = capture_program(project(tmp_path, "dev"), "dev")
    ident = stack_identity("ident", "dev")
    out, r = exports(capture), by_name(capture)
    assert out["subscription"] == ident.subscription_id and out["tenant"] == ident.tenant_id
    assert out["client"] == ident.client_id and out["uamiTenant"] == ident.tenant_id
    sub = f"/subscriptions/{ident.subscription_id}"
    assert r["rg"].id == f"{sub}/resourceGroups/rg-id"
    assert r["sa"].id.startswith(f"{sub}/resourceGroups/rg-id/")
    # the program's own ids (from the client config) name the subscription the engine's ids name
    assert r["reader"].inputs["scope"] == r["rg"].id
    assert r["reader"].inputs["roleDefinitionId"].startswith(f"{sub}/providers/")
    assert r["reader"].inputs["principalId"] == ident.object_id
    assert any(ident.subscription_id in line and "derived" in line for line in capture.emulated)


def test_stated_ids_are_used_and_runs_are_identical(tmp_path):
    config = f"""
    config:
      azure-native:subscriptionId: {STATED_SUB}
      azure-native:tenantId: {STATED_TENANT}
    """
    directory = project(tmp_path, "prod", config)
    first, second = capture_program(directory, "prod"), capture_program(directory, "prod")
    out = exports(first)
    assert (out["subscription"], out["tenant"]) == (STATED_SUB, STATED_TENANT)
    assert by_name(first)["rg"].id == f"/subscriptions/{STATED_SUB}/resourceGroups/rg-id"
    assert [(r.urn, r.id, r.inputs) for r in first.resources] == [(r.urn, r.id, r.inputs) for r in second.resources]
    assert first.emulated == second.emulated


@pytest.mark.parametrize("stack", ["dev"])
def test_no_all_zero_guid_reaches_the_program(tmp_path, stack):
    capture = capture_program(project(tmp_path, stack), stack)
    for r in capture.resources:
        text = f"{r.id} {r.inputs} {r.outputs}"
        assert "00000000-0000-0000-0000-000000000000" not in text, r.name
