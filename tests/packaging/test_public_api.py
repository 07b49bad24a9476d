"""The public API of ``sovereign_components``: complete, lazy, and one version everywhere."""

from __future__ import annotations

import json
import subprocess
import sys
import typing
from importlib import metadata

import pytest

import sovereign_components
from sovereign_components import _version


def _fresh_python(code: str) -> str:
    """Run ``code`` in a new interpreter (this one has pulumi imported already) and return stdout."""
    return subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout


def test_importing_the_package_does_not_import_pulumi() -> None:
    loaded = json.loads(_fresh_python(
        "import json, sys, sovereign_components as s\n"
        "s.get_boundary('EU'); s.SovereignEvent\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('pulumi', 'pulumi_azure_native', 'pulumi_policy'))))"
    ))
    assert loaded == []


def test_touching_a_component_imports_it() -> None:
    loaded = _fresh_python(
        "import sys, sovereign_components as s\n"
        "s.ComplianceDLQ\n"
        "print('pulumi' in sys.modules)"
    )
    assert loaded.strip() == "True"


@pytest.mark.parametrize("name", sorted(set(sovereign_components.__all__) - {"__version__"}))
def test_every_public_name_resolves_to_its_definition(name: str) -> None:
    value = getattr(sovereign_components, name)
    module = getattr(value, "__module__", "")
    assert module.startswith("sovereign_components."), (name, module)
    assert getattr(value, "__name__", name) == name


def test_the_api_names_the_components_their_args_boundaries_and_the_contract() -> None:
    required = {
        "RegionalEventPlane", "RegionalEventPlaneArgs", "SovereignEventStore", "SovereignEventStoreArgs",
        "ComplianceDLQ", "ComplianceDLQArgs", "SovereigntyBoundary", "get_boundary", "custom_boundary",
        "SovereignEvent", "MetadataEvent", "__version__",
    }
    assert required <= set(sovereign_components.__all__)
    assert len(sovereign_components.__all__) == len(set(sovereign_components.__all__))
    for name in ("RegionalEventPlaneArgs", "SovereignEventStoreArgs", "ComplianceDLQArgs"):
        assert typing.is_typeddict(getattr(sovereign_components, name))


def test_dir_lists_the_public_names_and_unknown_names_raise() -> None:
    assert set(sovereign_components.__all__) <= set(dir(sovereign_components))
    with pytest.raises(AttributeError, match="no attribute 'RegionalEventPlain'"):
        sovereign_components.RegionalEventPlain  # noqa: B018


def test_one_version_in_package_metadata_and_provider() -> None:
    from sovereign_components.components import provider

    assert sovereign_components.__version__ == _version.__version__
    assert metadata.version("sovereign-components") == _version.__version__
    assert provider.schema()["version"] == _version.__version__


def test_policy_pack_manifest_carries_the_same_version() -> None:
    """Pulumi reads a Python pack's version only from PulumiPolicy.yaml, so it is a second copy
    of the version; this keeps the two equal."""
    from pathlib import Path

    import yaml

    manifest = Path(__file__).resolve().parents[2] / "policy" / "PulumiPolicy.yaml"
    assert str(yaml.safe_load(manifest.read_text(encoding="utf-8"))["version"]) == _version.__version__
