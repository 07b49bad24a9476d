"""A custom boundary object in ``sovereign:boundary`` works end to end: the stack config parses
it, the real regional stack previews under the built-in pack with the boundary taken from the
stack config (no policy config), and ``route`` delivers an event of a region inside it while
refusing one of a region outside it.

The stack is the repository's own (``stacks/``, ``Pulumi.eu.yaml``) with the boundary replaced
by ``{code: BENELUX, regions: [westeurope, belgiumcentral, northeurope]}`` and without the EU
stack's metadata channel (a cross-boundary channel needs a policy config allow-list, which is
not what this test is about).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from sovereign_components.errors import ConfigError
from sovereign_components.gate.cli import main
from sovereign_components.stack_config.models import parse_stack_config
from sovereign_components.stack_config.project import load_project

ROOT = Path(__file__).resolve().parents[2]
BENELUX = {"code": "BENELUX", "regions": ["westeurope", "belgiumcentral", "northeurope"]}


def _write_project(target: Path, **overrides: Any) -> Path:
    shutil.copytree(ROOT / "stacks", target / "stacks", ignore=shutil.ignore_patterns("__pycache__"))
    project = yaml.safe_load((ROOT / "Pulumi.yaml").read_text())
    project["runtime"] = "python"  # run under this interpreter (the copy has no .venv)
    (target / "Pulumi.yaml").write_text(yaml.safe_dump(project))
    stack = yaml.safe_load((ROOT / "Pulumi.eu.yaml").read_text())
    stack["config"]["sovereign:boundary"] = BENELUX
    stack["config"]["sovereign:eventPlane"].pop("metadataChannels")
    stack["config"].update(overrides)
    (target / "Pulumi.benelux.yaml").write_text(yaml.safe_dump(stack))
    return target


@pytest.fixture(scope="module")
def benelux(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _write_project(tmp_path_factory.mktemp("benelux"))


def test_the_stack_config_reads_the_custom_boundary(benelux: Path) -> None:
    config = parse_stack_config(load_project(benelux, "benelux").config)
    assert config.boundary_is_custom and config.boundary.code == "BENELUX"
    assert config.component_regions() == sorted(BENELUX["regions"])


@pytest.mark.parametrize(("override", "key"), [
    ({"sovereign:region": "germanywestcentral", "azure-native:location": "germanywestcentral"}, "sovereign:region"),
    ({"sovereign:eventStore": {"additionalLocations": ["francecentral"]}}, "sovereign:eventStore.additionalLocations[0]"),
    ({"sovereign:allowedRegions": ["germanywestcentral"]}, "sovereign:allowedRegions[0]"),
])
def test_regions_outside_the_custom_boundary_are_config_errors(tmp_path: Path, override: dict[str, Any],
                                                               key: str) -> None:
    with pytest.raises(ConfigError) as info:
        parse_stack_config(load_project(_write_project(tmp_path, **override), "benelux").config)
    assert info.value.key == key and "outside the BENELUX boundary" in str(info.value)


def test_preview_with_the_boundary_from_the_stack_config_passes(benelux: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    """No policy config: the pack takes the boundary from ``sovereign:boundary``. A custom
    object there must be understood, not turned into a violation by every policy."""
    code = main(["preview", "--cwd", str(benelux), "--stack", "benelux", "--format", "json"])
    out, err = capsys.readouterr()
    report = json.loads(out) if out else {}
    mandatory = [f"{v['policy']}: {v['message'][:120]}" for v in report.get("violations", [])
                 if v["enforcementLevel"] == "mandatory"]
    assert code == 0, err or "\n".join(mandatory[:10])
    assert report["summary"]["mandatory"] == 0 and report["summary"]["resources"] > 20


@pytest.mark.parametrize(("region", "delivered"), [
    ("westeurope", True), ("belgiumcentral", True), ("germanywestcentral", False), ("eastus", False),
])
def test_route_delivers_only_events_of_the_custom_boundary(benelux: Path, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str], region: str,
                                                           delivered: bool) -> None:
    event = json.loads((ROOT / "examples" / "events" / "eu-order.json").read_text())
    event["dataRegion"] = region
    path = tmp_path / "event.json"
    path.write_text(json.dumps(event))
    code = main(["route", str(path), "--cwd", str(benelux), "--stack", "benelux", "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    names = {d["subscription"] for d in json.loads(out)["delivered"]}
    assert ("order-processor" in names) is delivered
