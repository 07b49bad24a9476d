"""The package as a user gets it: ``python -m build`` (sdist, then the wheel built from the
sdist), installed into a fresh virtual environment with nothing of this repository's dev
tooling, then the consumer example previewed with that environment's ``sovereign``.

The fresh environment installs the runtime dependencies with the pins of ``requirements.txt``
as constraints (pip reuses its wheel cache; otherwise PyPI): about a minute, once per session.
A second, dependency-free environment checks the install from the repository path.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from sovereign_components import _version

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "sovereign_components"
EXAMPLE = REPO / "examples" / "consumer"
GOLDEN = Path(__file__).parent / "golden" / "schema.json"
COMPONENT_TOKENS = {
    "sovereign:index:RegionalEventPlane",
    "sovereign:index:SovereignEventStore",
    "sovereign:index:ComplianceDLQ",
}


def _clean_env() -> dict[str, str]:
    """The environment without anything that would let the repository's sources or venv leak in."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def _run(cmd: list[str], cwd: Path, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(cmd, cwd=cwd, env=_clean_env(), capture_output=True, text=True, **kwargs)
    return proc


def _ok(cmd: list[str], cwd: Path) -> str:
    proc = _run(cmd, cwd)
    assert proc.returncode == 0, f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stdout[-2000:]}\n{proc.stderr[-3000:]}"
    return proc.stdout


def _new_venv(path: Path) -> Path:
    _ok([sys.executable, "-m", "venv", str(path)], path.parent)
    return path / "bin" / "python"


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    _ok([sys.executable, "-m", "build", "--outdir", str(out), str(REPO)], out)
    return out


@pytest.fixture(scope="module")
def wheel(dist: Path) -> Path:
    (found,) = dist.glob("sovereign_components-*.whl")
    return found


@pytest.fixture(scope="module")
def consumer(tmp_path_factory: pytest.TempPathFactory, wheel: Path) -> tuple[Path, Path]:
    """(project dir, its fresh .venv's bin dir): the example copied out of the repository, its
    virtualenv created from the wheel."""
    project = tmp_path_factory.mktemp("fresh") / "consumer"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns(".venv", "__pycache__"))
    python = _new_venv(project / ".venv")
    _ok([str(python), "-m", "pip", "install", "-q", "-c", str(REPO / "requirements.txt"), str(wheel)], project)
    return project, python.parent


def test_wheel_ships_types_data_function_app_and_every_module(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    required = {
        "sovereign_components/py.typed",
        "sovereign_components/geo/data/regions.csv",
        "sovereign_components/geo/data/boundaries.toml",
        "sovereign_components/components/data/roles.toml",
        "sovereign_components/events/functions_app/function_app.py",
        "sovereign_components/events/functions_app/host.json",
        "sovereign_components/events/functions_app/requirements.txt",
    }
    assert required <= names, required - names
    sources = {p.relative_to(REPO).as_posix() for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts}
    assert sources <= names, f"modules missing from the wheel: {sorted(sources - names)}"
    # The policy pack's modules (the offline engine's built-in pack) and the preview data.
    assert any(n.startswith("sovereign_components/policies/rules/") for n in names)
    assert {p.relative_to(REPO).as_posix() for p in (PACKAGE / "preview" / "data").glob("*") if p.is_file()} <= names
    assert not any(n.startswith(("tests/", "examples/", "bench/")) for n in names)
    metadata = zipfile.ZipFile(wheel).read(f"sovereign_components-{_version.__version__}.dist-info/entry_points.txt").decode()
    assert "sovereign = sovereign_components.gate.cli:entry" in metadata


def test_fresh_environment_imports_the_installed_package_not_the_checkout(consumer: tuple[Path, Path]) -> None:
    project, bin_dir = consumer
    out = _ok([str(bin_dir / "python"), "-c",
               "import json, sovereign_components as s; print(json.dumps([s.__file__, s.__version__]))"], project)
    location, version = json.loads(out)
    assert Path(location).is_relative_to(project / ".venv")
    assert version == _version.__version__
    assert Path(location).with_name("py.typed").exists()
    _ok([str(bin_dir / "python"), "-m", "pip", "check"], project)
    listed = _ok([str(bin_dir / "python"), "-m", "pip", "list", "--format=json"], project)
    assert not {"pytest", "build", "azure-functions"} & {p["name"].lower() for p in json.loads(listed)}


def test_consumer_preview_from_the_fresh_environment_passes_the_pack(consumer: tuple[Path, Path]) -> None:
    project, bin_dir = consumer
    proc = _run([str(bin_dir / "sovereign"), "preview", "--cwd", str(project), "--stack", "dev", "--format", "json"],
                project)
    assert proc.returncode == 0, proc.stderr[-3000:]
    report = json.loads(proc.stdout)
    assert report["project"] == "sovereign-consumer" and report["stack"] == "dev"
    assert report["summary"]["mandatory"] == 0
    assert COMPONENT_TOKENS <= {r["type"] for r in report["resources"]}
    assert report["summary"]["resources"] == len(report["resources"])


def test_installed_provider_infers_the_golden_schema(consumer: tuple[Path, Path]) -> None:
    """Docstrings are read from the installed sources: a wheel without them would lose every
    description of the multi-language SDKs."""
    project, bin_dir = consumer
    out = _ok([str(bin_dir / "python"), "-c",
               "import json; from sovereign_components.components.provider import schema; print(json.dumps(schema()))"], project)
    installed = json.loads(out)
    assert json.dumps({**installed, "version": "<version>"}, indent=2, sort_keys=True) + "\n" == GOLDEN.read_text(encoding="utf-8")


def test_install_from_the_repository_path(tmp_path: Path) -> None:
    """``pip install <checkout>`` (what the example's ``requirements.txt`` does, editable) builds
    the same package; checked without dependencies, through the pure modules. The checkout is
    copied first: pip builds in-tree, and a ``build/`` left in the real checkout could feed
    stale modules into later builds."""
    checkout = tmp_path / "checkout"
    shutil.copytree(REPO, checkout, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache", ".sovereign"))
    python = _new_venv(tmp_path / "venv")
    _ok([str(python), "-m", "pip", "install", "-q", "--no-deps", str(checkout)], tmp_path)
    out = _ok([str(python), "-c",
               "import sovereign_components as s, sys; from sovereign_components.geo.regions import get_region; "
               "print(s.__file__); print(get_region('westeurope').paired_region); print('pulumi' in sys.modules)"],
              tmp_path)
    location, pair, pulumi_loaded = out.split()
    assert Path(location).is_relative_to(tmp_path / "venv")
    assert pair == "northeurope"
    assert pulumi_loaded == "False"
