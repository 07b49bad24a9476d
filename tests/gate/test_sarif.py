"""SARIF output: valid against the official 2.1.0 schema, one result per violation, levels by
enforcement, every policy as a rule with help and url, repo-relative locations, stable
fingerprints. Checked on a program preview and on a check-state audit."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sovereign_components.gate.reports import sarif as report_sarif
from sovereign_components.gate.model import PreviewReport, Violation

from .conftest import ACME_PROGRAM, EU_CONFIG, REPO, STATE


def _sarif_for_preview(report: Any, pack: Any) -> dict[str, Any]:
    return report_sarif.to_sarif_dict(report, pack=pack, artifact=ACME_PROGRAM / "Pulumi.eu.yaml", root=REPO)


@pytest.fixture(scope="module")
def preview_sarif(acme_preview_external: Any, external_pack: Any) -> dict[str, Any]:
    return _sarif_for_preview(acme_preview_external, external_pack)


@pytest.fixture(scope="module")
def state_report() -> Any:
    from sovereign_components.gate.commands.check_state import check_state

    return check_state(STATE / "eu-v2-public-multiregion-cosmos.export.json", policy_pack_config=EU_CONFIG)


@pytest.fixture(scope="module")
def state_sarif(state_report: Any) -> dict[str, Any]:
    return json.loads(report_sarif.render_sarif(state_report))


def test_preview_sarif_validates_and_has_one_result_per_violation(preview_sarif, acme_preview_external, sarif_validator):
    errors = sorted(sarif_validator.iter_errors(preview_sarif), key=str)
    assert not errors, errors[0]
    run = preview_sarif["runs"][0]
    assert len(run["results"]) == len(acme_preview_external.violations) > 0
    assert preview_sarif["version"] == "2.1.0" and preview_sarif["$schema"].endswith("sarif-schema-2.1.0.json")


def test_rules_are_every_policy_with_help_and_url(preview_sarif, external_pack):
    rules = preview_sarif["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [p.name for p in external_pack.policies]
    by_id = {r["id"]: r for r in rules}
    https = by_id["storage-https-only"]
    assert https["helpUri"] == "https://example.com/acme/policies/storage-https-only"
    assert https["help"]["text"] == "Set enable_https_traffic_only=True on the StorageAccount."
    assert https["defaultConfiguration"]["level"] == "error"  # mandatory in the pack
    assert by_id["required-tags"]["defaultConfiguration"]["level"] == "warning"  # pack default advisory
    assert "helpUri" not in by_id["exploding-policy"]  # no url given: none invented
    driver = preview_sarif["runs"][0]["tool"]["driver"]
    assert driver["name"] == "sovereign" and driver["informationUri"].startswith("https://")


def test_result_levels_follow_enforcement(preview_sarif):
    levels = {r["ruleId"]: r["level"] for r in preview_sarif["runs"][0]["results"]}
    assert levels["storage-https-only"] == "error"
    assert levels["servicebus-min-tls"] == "error"
    assert levels["required-tags"] == "warning"
    assert levels["exploding-policy"] == "warning"  # advisory policy that raised


def test_undecided_is_note_and_properties_carry_urn():
    urn = "urn:pulumi:eu::p::azure-native:storage:StorageAccount::sa"
    report = PreviewReport("p", "eu", "pack", "1.0.0", [], [
        Violation("a", "advisory", "low", urn, "can't run policy 'a' during preview: unknown", undecided=True),
        Violation("b", "mandatory", "high", urn, "bad"),
    ])
    results = report_sarif.to_sarif_dict(report, artifact=None)["runs"][0]["results"]
    assert [r["level"] for r in results] == ["note", "error"]
    assert results[1]["properties"] == {"urn": urn, "enforcementLevel": "mandatory", "severity": "high"}
    assert urn in results[1]["message"]["text"]
    assert results[1]["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == urn


def test_locations_point_at_the_stack_config_relative_to_repo(preview_sarif):
    for result in preview_sarif["runs"][0]["results"]:
        loc = result["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"] == "tests/gate/programs/acme/Pulumi.eu.yaml"
        assert loc["region"]["startLine"] >= 1
        assert result["properties"]["urn"] in result["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]


def test_fingerprints_stable_per_policy_and_urn(preview_sarif, acme_preview_external, external_pack):
    again = _sarif_for_preview(acme_preview_external, external_pack)
    prints = [r["partialFingerprints"] for r in preview_sarif["runs"][0]["results"]]
    assert prints == [r["partialFingerprints"] for r in again["runs"][0]["results"]]
    keys = {(r["ruleId"], r["properties"]["urn"]) for r in preview_sarif["runs"][0]["results"]}
    assert len({json.dumps(p) for p in prints}) == len(keys)
    assert report_sarif.fingerprint("a", "u") != report_sarif.fingerprint("a", "v")


def test_state_sarif_validates_and_points_at_the_urn_line(state_sarif, state_report, sarif_validator):
    errors = sorted(sarif_validator.iter_errors(state_sarif), key=str)
    assert not errors, errors[0]
    run = state_sarif["runs"][0]
    assert len(run["results"]) == len(state_report.violations)
    path = STATE / "eu-v2-public-multiregion-cosmos.export.json"
    lines = path.read_text(encoding="utf-8").splitlines()
    for result in run["results"]:
        loc = result["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"] == path.relative_to(REPO).as_posix()
        urn = result["properties"]["urn"]
        if urn:
            assert f'"urn": "{urn}"' in lines[loc["region"]["startLine"] - 1]


def test_state_sarif_rules_use_effective_levels(state_sarif, builtin_pack):
    rules = {r["id"]: r for r in state_sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert set(rules) == {p.name for p in builtin_pack.policies}
    # every rule of the pack has help text a reviewer can act on
    assert all(r["help"]["text"] for r in rules.values())


def test_cli_sarif_output_file(tmp_path: Path, sarif_validator):
    from sovereign_components.gate.cli import main

    out = tmp_path / "gate.sarif"
    code = main(["check-state", str(STATE / "eu-v3-private.export.json"), "--policy-pack",
                 str(ACME_PROGRAM.parents[2] / "fixtures" / "packs" / "external"), "--format", "sarif",
                 "--output", str(out)])
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert not list(sarif_validator.iter_errors(doc))
    results = doc["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["queues-need-namespace"]
    assert code == 1  # that policy is mandatory
