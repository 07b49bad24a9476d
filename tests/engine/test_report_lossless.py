"""The JSON report is a lossless ``check-state`` input: auditing a preview's own report gives the
preview's verdicts (issue 13 item 6), for both shipped stacks with their policy configs. It also
carries what a check needs to see the same resources: property dependencies (stack policies
resolve references through them), outputs, provider, aliases, custom, and validates against the
shipped schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator

from sovereign_components.gate.cli import main
from sovereign_components.gate.reports.json_report import report_schema

REPO = Path(__file__).resolve().parents[2]


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def _verdicts(report: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    return sorted((v["policy"], v["enforcementLevel"], v["urn"], v["message"]) for v in report["violations"])


@pytest.mark.parametrize("stack", ["eu", "us"])
def test_check_state_of_a_preview_report_gives_the_preview_verdicts(capsys, tmp_path, stack):
    config = str(REPO / "policy" / f"config.{stack}.json")
    report_file = tmp_path / f"{stack}.json"
    code, _ = _run(capsys, "preview", "--cwd", str(REPO), "--stack", stack, "--policy-pack-config", config,
                   "--format", "json", "--output", str(report_file))
    preview = json.loads(report_file.read_text())
    assert code in (0, 1) and preview["resources"]
    assert list(Draft7Validator(report_schema()).iter_errors(preview)) == []
    with_deps = [r for r in preview["resources"] if any(r["propertyDependencies"].values())]
    assert with_deps, "a stack whose references all lost their property dependencies"

    audit_code, out = _run(capsys, "check-state", str(report_file), "--policy-pack-config", config,
                           "--format", "json")
    audit = json.loads(out)
    assert audit_code == code
    assert _verdicts(audit) == _verdicts(preview)
    assert audit["summary"] == preview["summary"]


def test_report_resources_carry_what_the_analysis_read(capsys, programs_dir, minimal_pack_dir):
    code, out = _run(capsys, "preview", "--cwd", str(programs_dir / "basic"), "--policy-pack",
                     str(minimal_pack_dir), "--format", "json")
    report = json.loads(out)
    by_name = {r["name"]: r for r in report["resources"]}
    container = by_name["demo-archive-c"]
    assert container["propertyDependencies"]["accountName"] == [by_name["demo-archive-sa"]["urn"]]
    assert container["custom"] is True and by_name["demo-archive"]["custom"] is False
    assert container["id"].endswith("/containers/demo-archive-c")
    assert by_name["demo-archive-sa"]["outputs"]["primaryEndpoints"]["blob"].startswith("https://demo-archive-sa.")
    assert all(r["unreadableKeys"] == [] and r["external"] is False for r in report["resources"])
    assert report["config"]["basic:owner"] == "team-a"


def report_as_export(report: dict[str, Any]) -> dict[str, Any]:
    """The report's resources as a ``pulumi stack export`` (deployment version 3) holds them:
    the report carries every field an export resource has that the audit reads."""
    keys = ("urn", "custom", "id", "type", "inputs", "outputs", "parent", "dependencies", "propertyDependencies",
            "protect", "provider", "aliases")
    return {"version": 3, "deployment": {"manifest": {}, "resources": [{k: r[k] for k in keys} for r in report["resources"]]}}


@pytest.mark.parametrize("stack", ["eu", "us"])
def test_the_report_holds_every_field_an_export_audit_reads(capsys, tmp_path, stack):
    config = str(REPO / "policy" / f"config.{stack}.json")
    code, out = _run(capsys, "preview", "--cwd", str(REPO), "--stack", stack, "--policy-pack-config", config,
                     "--format", "json")
    preview = json.loads(out)
    export = tmp_path / "export.json"
    export.write_text(json.dumps(report_as_export(preview)))
    audit_code, audited = _run(capsys, "check-state", str(export), "--policy-pack-config", config, "--format", "json")
    assert audit_code == code
    assert _verdicts(json.loads(audited)) == _verdicts(preview)
