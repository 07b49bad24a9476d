"""Every azure-native resource type the repository's programs create is vetted: one resource of
each, registered through the real servicer, draws no ``unvetted-resource-type`` violation.

The types are found in the source, not listed: every ``<module>.<Class>(...)`` call on a
``pulumi_azure_native`` module (``from pulumi_azure_native import storage``, ``import
pulumi_azure_native as azure_native``, ``from pulumi_azure_native.storage import X``) in the
stacks, the components, the examples, the policy fixtures and the honest corpus, kept when the
installed SDK declares ``azure-native:<module>:<Class>`` a resource. (The adversarial programs
are left out on purpose: blocking their types is the point.)
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sovereign_components.gate.pipeline import CapturedResource, analyze

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ["stacks", "examples", "sovereign_components/components", "tests/policies/fixtures", "tests/corpus",
           "__main__.py"]
PACKAGE = "pulumi_azure_native"


def _python_files() -> Iterator[Path]:
    for source in SOURCES:
        path = ROOT / source
        if path.is_file():
            yield path
        elif path.is_dir():
            yield from (p for p in sorted(path.rglob("*.py")) if ".venv" not in p.parts)


def _calls(tree: ast.AST) -> Iterator[tuple[str, str]]:
    """(module, Class) of every resource-looking call on a pulumi_azure_native module."""
    modules: dict[str, str] = {}   # local name -> azure-native module ("" = the package itself)
    classes: dict[str, tuple[str, str]] = {}  # local name -> (module, Class)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == PACKAGE:
                    modules[alias.asname or alias.name] = ""
                elif alias.name.startswith(PACKAGE + "."):
                    modules[alias.asname or alias.name] = alias.name.split(".")[1]
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module == PACKAGE:
                for alias in node.names:
                    modules[alias.asname or alias.name] = alias.name
            elif node.module.startswith(PACKAGE + "."):
                module = node.module.split(".")[1]
                for alias in node.names:
                    classes[alias.asname or alias.name] = (module, alias.name)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id in classes:
            yield classes[func.id]
        elif isinstance(func, ast.Attribute) and func.attr[:1].isupper():
            owner = func.value
            if isinstance(owner, ast.Name) and owner.id in modules and modules[owner.id]:
                yield modules[owner.id], func.attr
            elif (isinstance(owner, ast.Attribute) and isinstance(owner.value, ast.Name)
                  and modules.get(owner.value.id) == ""):
                yield owner.attr, func.attr


def repo_types() -> list[str]:
    from sovereign_components.gate.sdk import load_schema

    schema = load_schema()
    found: set[str] = set()
    for path in _python_files():
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        except (SyntaxError, UnicodeDecodeError):
            continue
        for module, cls in _calls(tree):
            token = f"azure-native:{module}:{cls}"
            spec = schema.resource(token)
            if spec is not None and spec.token == token:
                found.add(token)
    return sorted(found)


TYPES = repo_types()


def test_the_scan_finds_the_stacks_types() -> None:
    """The scan is not vacuous: the event plane's own types are among them."""
    for token in ("azure-native:storage:StorageAccount", "azure-native:eventgrid:Topic",
                  "azure-native:cosmosdb:DatabaseAccount", "azure-native:web:WebApp",
                  "azure-native:monitor:DiagnosticSetting", "azure-native:network:PrivateEndpoint"):
        assert token in TYPES
    assert len(TYPES) >= 25


def test_every_type_the_repository_creates_is_vetted(policy_pack: Any) -> None:
    resources = [CapturedResource(urn=f"urn:pulumi:eu::repo::{token}::r{i}", type=token, name=f"r{i}",
                                  inputs={"location": "westeurope"})
                 for i, token in enumerate(TYPES)]
    result = analyze(resources, policy_pack, ROOT / "policy" / "config.eu.json")
    unvetted = sorted({v.urn.split("::")[-2] for v in result.violations if v.policy == "unvetted-resource-type"})
    assert unvetted == []


@pytest.mark.parametrize("token", ["azure-native:datafactory:Factory", "aws:s3/bucket:Bucket"])
def test_the_same_registration_blocks_an_unvetted_type(token: str, policy_pack: Any) -> None:
    """The check above can fail: one unvetted type among them is reported by name."""
    r = CapturedResource(urn=f"urn:pulumi:eu::repo::{token}::x", type=token, name="x", inputs={"location": "westeurope"})
    result = analyze([r], policy_pack, ROOT / "policy" / "config.eu.json")
    assert [v.urn for v in result.violations if v.policy == "unvetted-resource-type"] == [r.urn]
