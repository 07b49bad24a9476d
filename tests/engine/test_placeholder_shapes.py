"""Placeholders a program can use as a real value would be used (issue 13 follow-up 3): a field
its SDK describes as base64 decodes; what a program makes of a placeholder stays unknown to
policies; real programs' shapes (a kubeconfig decoded in an apply) run to a verdict."""

from __future__ import annotations

import base64
import binascii
import textwrap
from pathlib import Path

from sovereign_components.gate.engine import invokes
from sovereign_components.gate.engine.placeholders import TEXT, is_made_up
from sovereign_components.gate.model import UNKNOWN
from sovereign_components.gate.pipeline import capture_program
from sovereign_components.gate.sdk import load_schema

CREDENTIALS = ("listManagedClusterUserCredentials", "listManagedClusterAdminCredentials",
               "listManagedClusterMonitoringUserCredentials")


def test_fields_the_sdk_calls_base64_get_valid_base64():
    for name in CREDENTIALS:
        result, _ = invokes.answer(f"azure-native:containerservice:{name}", {}, load_schema())
        value = result["kubeconfigs"][0]["value"]
        decoded = base64.b64decode(value, validate=True).decode("ascii")
        assert TEXT in decoded and TEXT not in value
        assert is_made_up(value), "an encoded placeholder must still be recognised as made up"
        assert not _is_base64(result["kubeconfigs"][0]["name"]) or result["kubeconfigs"][0]["name"] == value


def _is_base64(text: str) -> bool:
    try:
        base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return False
    return True


def test_every_base64_field_of_five_modules_decodes():
    """Walk every function of five azure-native modules: each string its SDK describes as base64
    is answered with valid base64 (a description-driven rule, not a list of fields)."""
    schema = load_schema()
    found = 0
    for module in ("containerservice", "web", "storage", "keyvault", "compute"):
        for fn in schema.module(f"pulumi_azure_native.{module}")[1].values():
            result, _ = invokes.answer(fn.token, {}, schema)
            token = fn.token
            for path, value in _base64_values(result, fn.result):
                found += 1
                assert _is_base64(value), f"{token} {path}={value!r}"
    assert found >= 3


def _base64_values(value, spec, path=""):
    from sovereign_components.gate.engine.placeholders import BASE64_DESCRIPTION

    if spec is None:
        return
    if spec.kind == "object" and isinstance(value, dict):
        for wire, prop in spec.properties.items():
            here = f"{path}.{wire}" if path else wire
            if prop.kind == "string" and not prop.enum and BASE64_DESCRIPTION.search(spec.descriptions.get(wire, "")):
                if isinstance(value.get(wire), str):
                    yield here, value[wire]
            else:
                yield from _base64_values(value.get(wire), prop, here)
    elif spec.kind == "array" and isinstance(value, list):
        for i, item in enumerate(value):
            yield from _base64_values(item, spec.items, f"{path}[{i}]")


PROGRAM = """
import base64
import pulumi
from pulumi_azure_native import containerservice, resources

rg = resources.ResourceGroup("rg", location="westeurope")
creds = containerservice.list_managed_cluster_user_credentials_output(resource_group_name=rg.name, resource_name="aks")
kubeconfig = creds.apply(lambda c: base64.b64decode(c.kubeconfigs[0].value).decode())
resources.ResourceGroup("tagged", location="westeurope", tags={"kube": kubeconfig.apply(lambda k: k[:40])})
pulumi.export("kubeconfig", kubeconfig)
"""


def test_a_program_that_decodes_a_kubeconfig_is_gated_and_its_use_stays_unknown(tmp_path: Path):
    (tmp_path / "Pulumi.yaml").write_text("name: kube\nruntime: python\n")
    (tmp_path / "Pulumi.dev.yaml").write_text("config: {}\n")
    (tmp_path / "__main__.py").write_text(textwrap.dedent(PROGRAM))
    capture = capture_program(tmp_path, "dev")
    tagged = next(r for r in capture.resources if r.name == "tagged")
    assert tagged.inputs["tags"]["kube"] == UNKNOWN  # decoded from a placeholder: not judged
    assert any("inputs made from placeholder values" in line and "tagged.tags.kube" in line
               for line in capture.emulated)
