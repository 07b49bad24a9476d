"""``examples/consumer``: a separate Pulumi project that composes the three components with
its own resources, previewed offline with the sovereignty pack (what
``sovereign preview --cwd examples/consumer --stack dev`` reports once its ``.venv`` exists).

The example is copied next to a ``.venv`` link to this interpreter's environment (the project
names ``.venv`` as its virtualenv, as Pulumi would use it), so it runs in-process against the
working tree. ``test_wheel.py`` runs the same example from a wheel in a fresh environment.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from sovereign_components.geo.boundary import get_boundary

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "consumer"


def copy_example(target: Path) -> Path:
    """The example in ``target`` without any local virtualenv of the original."""
    shutil.copytree(EXAMPLE, target, ignore=shutil.ignore_patterns(".venv", "__pycache__"))
    return target


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = copy_example(tmp_path_factory.mktemp("consumer") / "consumer")
    (directory / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)
    return directory


@pytest.fixture(scope="module")
def report(project: Path) -> Any:
    from sovereign_components.gate.pipeline import run_preview

    return run_preview(project, "dev")


def _by_type(report: Any, token: str) -> dict[str, Any]:
    return {r.name: r for r in report.resources if r.type == token}


def test_the_pack_passes_with_no_mandatory_violation(report: Any) -> None:
    mandatory = [f"{v.policy}: {v.urn}" for v in report.violations if v.enforcement_level == "mandatory"]
    assert mandatory == []
    assert not [v for v in report.violations if v.undecided or v.error]


def test_it_composes_the_three_components(report: Any) -> None:
    assert set(_by_type(report, "sovereign:index:RegionalEventPlane")) == {"orders"}
    assert set(_by_type(report, "sovereign:index:SovereignEventStore")) == {"orders"}
    # The plane's own ComplianceDLQ child and the payments team's.
    assert set(_by_type(report, "sovereign:index:ComplianceDLQ")) == {"orders-dlq", "payments"}


def test_it_brings_its_own_resources(report: Any) -> None:
    (group,) = _by_type(report, "azure-native:resources:ResourceGroup").values()
    exports = _by_type(report, "azure-native:storage:StorageAccount")["orders-exports"]
    assert group.parent.endswith("sovereign-consumer-dev")  # the stack, not a component
    assert exports.protect
    assert exports.inputs["publicNetworkAccess"] == "Disabled"
    zones = _by_type(report, "azure-native:privatedns:PrivateZone")
    # The components were given the consumer's zones, so none created one of its own.
    assert set(zones) == {"orders-eventgrid", "orders-servicebus", "orders-cosmos", "orders-blob", "orders-sites"}


def test_overridden_defaults_take_effect(report: Any) -> None:
    queues = {r.name: r.inputs for r in _by_type(report, "azure-native:servicebus:Queue").values()}
    assert queues["payments-queue"]["queueName"] == "payments-violations"
    assert queues["payments-queue"]["defaultMessageTimeToLive"] == "P365D"  # default 90 days
    assert queues["orders-dlq-queue"]["defaultMessageTimeToLive"] == "P180D"  # via compliance_dlq
    (hub,) = _by_type(report, "azure-native:eventhub:EventHub").values()
    assert hub.inputs["partitionCount"] == 4  # default 2
    (workspace,) = _by_type(report, "azure-native:operationalinsights:Workspace").values()
    assert workspace.inputs["retentionInDays"] == 90  # default 30
    (container,) = _by_type(report, "azure-native:cosmosdb:SqlResourceSqlContainer").values()
    assert container.inputs["resource"]["defaultTtl"] == -1  # default 30 days
    assert container.inputs["resource"]["id"] == "order-events"
    subscriptions = _by_type(report, "azure-native:eventgrid:EventSubscription")
    assert len(subscriptions) == 2  # two processors instead of the default one
    plane_storage = _by_type(report, "azure-native:storage:StorageAccount")["orders-storage"]
    assert plane_storage.protect


def test_every_regional_resource_is_in_the_configured_location(report: Any) -> None:
    boundary = get_boundary("EU")
    locations = {r.inputs["location"] for r in report.resources if isinstance(r.inputs.get("location"), str)}
    regional = {location for location in locations if location.lower() not in ("global",)}
    assert regional == {"germanywestcentral"}
    assert boundary.contains("germanywestcentral")


def test_the_pack_takes_the_boundary_from_the_stack_config(report: Any, project: Path) -> None:
    """Without ``sovereign:boundary`` in the stack config (and no policy config) the
    boundary-aware policies fail closed: the example's boundary comes from that key."""
    from sovereign_components.gate.pipeline import analyze, load_policy_pack

    config = {"sovereign-consumer:location": "germanywestcentral"}
    result = analyze(report.resources, load_policy_pack(None), None, project=report.project,
                     stack=report.stack, stack_config=config)
    assert result.mandatory > 0
    assert any("sovereign:boundary" in v.message for v in result.violations)


@pytest.mark.skipif(Path(sys.prefix).resolve() != (REPO / ".venv").resolve(),
                    reason="the example's .venv links to the repository's .venv, which is not this interpreter")
def test_the_documented_command_passes_in_the_checkout() -> None:
    """``sovereign preview --cwd examples/consumer --stack dev``, literally, from the repository
    root (the example's ``.venv`` link makes it run under the repository's environment)."""
    proc = subprocess.run([str(Path(sys.prefix) / "bin" / "sovereign"), "preview", "--cwd", "examples/consumer",
                           "--stack", "dev", "--format", "json"], cwd=REPO, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-2000:]
    summary = json.loads(proc.stdout)["summary"]
    assert summary["mandatory"] == 0 and summary["resources"] > 50
