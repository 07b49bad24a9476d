"""The domain layering (pyproject ``[tool.importlinter]``) holds, and the contract can fail."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LINT = [sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command; "
        "sys.exit(lint_imports_command())"]


def _lint(cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {"PYTHONPATH": str(cwd), "PATH": "/usr/bin:/bin"}
    return subprocess.run([*LINT, "--no-cache"], cwd=cwd, capture_output=True, text=True, env=env)


def test_import_contracts_are_kept() -> None:
    result = _lint(REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_an_upward_import_breaks_the_contract(tmp_path: Path) -> None:
    """geo is the bottom layer: a copy of the package whose geo imports the gate is refused."""
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copytree(REPO / "sovereign_components", tmp_path / "sovereign_components",
                    ignore=shutil.ignore_patterns("__pycache__"))
    regions = tmp_path / "sovereign_components" / "geo" / "regions.py"
    regions.write_text(regions.read_text() + "\nfrom ..gate import pipeline  # noqa\n")
    result = _lint(tmp_path)
    assert result.returncode != 0
    assert "sovereign_components.geo.regions -> sovereign_components.gate.pipeline" in result.stdout
