"""The azure-native provider's ``location`` default, by the provider's own rules (issue 13 item 4):
explicit provider resource > ``azure-native:location`` (stack, then project config) > the
resource group; for every type whose SDK input has a ``location`` (resource groups included),
derived from the installed SDK; undecided with a reason where offline cannot know."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from sovereign_components.gate.engine.defaults import LocationDefaults
from sovereign_components.gate.model import UNKNOWN
from sovereign_components.gate.pipeline import capture_program

RG = "azure-native:resources:ResourceGroup"
NS = "azure-native:eventhub:Namespace"
PROVIDER_URN = "urn:pulumi:dev::p::pulumi:providers:azure-native::us"


def project(tmp_path: Path, main: str, stack: str = "config: {}\n", project_extra: str = "") -> Path:
    (tmp_path / "Pulumi.yaml").write_text(f"name: p\nruntime: python\n{project_extra}")
    (tmp_path / "Pulumi.dev.yaml").write_text(stack)
    (tmp_path / "__main__.py").write_text(textwrap.dedent(main))
    return tmp_path


def locations(capture) -> dict[str, object]:
    return {r.name: r.inputs.get("location") for r in capture.resources if r.custom}


# -- the rules, as a unit ---------------------------------------------------------------------
def test_config_then_group_for_the_default_provider():
    d = LocationDefaults({"azure-native:location": "westeurope"})
    assert d.resolve(RG, {}, "").value == "westeurope"
    d = LocationDefaults({})
    assert d.resolve(RG, {}, "") is None  # a group has no group to copy: the provider's Check would fail
    d.add_resource_group("rg-a", "northeurope")
    found = d.resolve(NS, {"resourceGroupName": "rg-a"}, "")
    assert (found.value, found.source) == ("northeurope", "resource group 'rg-a'")


def test_an_explicit_provider_wins_and_does_not_read_stack_config():
    d = LocationDefaults({"azure-native:location": "westeurope"})
    d.add_provider(PROVIDER_URN, "pulumi:providers:azure-native", "us", {"location": "eastus"})
    assert d.resolve(RG, {}, f"{PROVIDER_URN}::abc").value == "eastus"
    d.add_provider(PROVIDER_URN + "2", "pulumi:providers:azure-native", "bare", {})
    d.add_resource_group("rg-a", "northeurope")
    # a provider without a location: no config fallback, only the group
    assert d.resolve(RG, {}, f"{PROVIDER_URN}2::abc") is None
    assert d.resolve(NS, {"resourceGroupName": "rg-a"}, f"{PROVIDER_URN}2::abc").value == "northeurope"


@pytest.mark.parametrize(("defaults", "props", "reason"), [
    (LocationDefaults({}, esc_environments=["acme/azure-eastus"]), {}, "acme/azure-eastus"),
    (LocationDefaults({"azure-native:location": "x"}, secret_keys=["azure-native:location"]), {}, "secret"),
    (LocationDefaults({}), {"resourceGroupName": UNKNOWN}, "name is unknown"),
    (LocationDefaults({}), {"resourceGroupName": "rg-shared"}, "not created by this program"),
])
def test_what_offline_cannot_know_is_unknown_with_its_reason(defaults, props, reason):
    found = defaults.resolve(NS, props, "")
    assert found is not None and found.value == UNKNOWN and reason in found.reason


# -- through the engine ------------------------------------------------------------------------
def test_done_when_a_group_without_location_follows_config_or_its_explicit_provider(tmp_path):
    """Issue 13 "Done when": westeurope from azure-native:location; eastus from Provider(location=)."""
    program = project(tmp_path, """
        import pulumi
        import pulumi_azure_native as azure_native
        from pulumi_azure_native import resources

        resources.ResourceGroup("by-config")
        us = azure_native.Provider("us", location="eastus")
        resources.ResourceGroup("by-provider", opts=pulumi.ResourceOptions(provider=us))
    """, stack="config:\n  azure-native:location: westeurope\n")
    capture = capture_program(program, "dev")
    found = locations(capture)
    assert found["by-config"] == "westeurope" and found["by-provider"] == "eastus"
    notes = "\n".join(capture.emulated)
    assert "location=eastus from explicit provider 'us'" in notes and "for by-provider" in notes


def test_inherited_providers_and_project_config(tmp_path):
    program = project(tmp_path, """
        import pulumi
        import pulumi_azure_native as azure_native
        from pulumi_azure_native import resources

        class Plane(pulumi.ComponentResource):
            def __init__(self, name, opts):
                super().__init__("acme:index:Plane", name, None, opts)
                resources.ResourceGroup(f"{name}-rg", opts=pulumi.ResourceOptions(parent=self))
                self.register_outputs({})

        us = azure_native.Provider("us", location="eastus")
        Plane("mapped", pulumi.ResourceOptions(providers={"azure-native": us}))
        Plane("inherited", pulumi.ResourceOptions(provider=us))
        resources.ResourceGroup("plain")
    """, project_extra="config:\n  azure-native:location: northeurope\n")
    found = locations(capture_program(program, "dev"))
    assert found["mapped-rg"] == "eastus" and found["inherited-rg"] == "eastus"
    assert found["plain"] == "northeurope"  # the project-level config block of Pulumi.yaml


def test_every_type_the_sdk_says_takes_a_location_gets_the_default(tmp_path):
    """No hand list: a type the id table does not know (key vault) is defaulted because its SDK
    input has a location; one whose input has none (a queue) is not."""
    from sovereign_components.gate.engine import arm
    from sovereign_components.gate.sdk import load_schema

    assert arm.type_info("azure-native:keyvault:Vault") is None
    assert load_schema().resource("azure-native:keyvault:Vault").takes_location
    assert not load_schema().resource("azure-native:servicebus:Queue").takes_location
    program = project(tmp_path, """
        from pulumi_azure_native import keyvault, resources, servicebus

        rg = resources.ResourceGroup("rg")
        keyvault.Vault("kv", resource_group_name=rg.name, properties=keyvault.VaultPropertiesArgs(
            tenant_id="00000000-0000-0000-0000-000000000000", sku=keyvault.SkuArgs(family="A", name="standard")))
        servicebus.Queue("q", resource_group_name=rg.name, namespace_name="ns")
    """, stack="config:\n  azure-native:location: swedencentral\n")
    capture = capture_program(program, "dev")
    found = locations(capture)
    assert found["rg"] == found["kv"] == "swedencentral" and found["q"] is None


def test_a_group_named_before_it_registers_is_resolved_at_the_end(tmp_path):
    program = project(tmp_path, """
        from pulumi_azure_native import eventhub, resources

        eventhub.Namespace("ns", resource_group_name="rg-late", sku=eventhub.SkuArgs(name="Standard"))
        resources.ResourceGroup("late", resource_group_name="rg-late", location="eastus")
    """)
    assert locations(capture_program(program, "dev"))["ns"] == "eastus"


def test_undecided_locations_are_listed_with_their_reason(tmp_path):
    program = project(tmp_path, """
        from pulumi_azure_native import eventhub, resources

        resources.ResourceGroup("rg")
        eventhub.Namespace("ns", resource_group_name="rg-shared", sku=eventhub.SkuArgs(name="Standard"))
    """, stack="environment:\n  - acme/azure-eastus\nconfig: {}\n")
    capture = capture_program(program, "dev")
    assert locations(capture) == {"rg": UNKNOWN, "ns": UNKNOWN}
    notes = "\n".join(capture.emulated)
    assert "location undecided for ns, rg" in notes or (
        "location undecided for rg" in notes and "location undecided for ns" in notes)
    assert "acme/azure-eastus" in notes
