"""A program whose Pulumi.yaml names a virtualenv runs under that interpreter, as pulumi does,
over the same monitor protocol as every other program."""

from __future__ import annotations

import os
import site
import sys
from pathlib import Path

import pytest

from sovereign_components.errors import UsageError
from sovereign_components.gate.engine import runner
from sovereign_components.gate.pipeline import capture_program


def name_virtualenv(program: Path, venv: str) -> None:
    text = (program / "Pulumi.yaml").read_text().replace(
        "runtime: python", f"runtime:\n  name: python\n  options:\n    virtualenv: {venv}"
    )
    (program / "Pulumi.yaml").write_text(text)


def make_venv_sharing_our_packages(path: Path) -> Path:
    """A minimal real virtualenv (pyvenv.cfg + interpreter link) whose site-packages points,
    via a .pth file, at this venv's packages: a *different* sys.prefix, same libraries,
    no network and no pip install."""
    base = Path(getattr(sys, "_base_executable", sys.executable)).resolve()
    (path / "bin").mkdir(parents=True)
    os.symlink(base, path / "bin" / "python")
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    (path / "pyvenv.cfg").write_text(
        f"home = {base.parent}\ninclude-system-site-packages = false\nversion = {version}\n"
    )
    packages = path / "lib" / f"python{version}" / "site-packages"
    packages.mkdir(parents=True)
    (packages / "shared.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    return path


def test_missing_virtualenv_is_an_error_naming_it(program_copy):
    program = program_copy("basic")
    name_virtualenv(program, "venv-missing")
    with pytest.raises(UsageError) as err:
        capture_program(program, "dev")
    assert str(program / "venv-missing") in str(err.value) and "does not exist" in str(err.value)


def test_the_running_virtualenv_runs_under_this_interpreter(program_copy):
    program = program_copy("basic")
    name_virtualenv(program, sys.prefix)
    assert runner.interpreter(runner_project(program)) == Path(sys.executable)
    assert any(r.type == "test:index:Archive" for r in capture_program(program, "dev").resources)


def runner_project(program: Path):
    from sovereign_components.stack_config.project import load_project

    return load_project(program, "dev")


@pytest.mark.skipif(os.name == "nt", reason="POSIX venv layout")
def test_another_virtualenv_runs_in_a_subprocess_with_the_same_capture(program_copy, tmp_path, basic_capture):
    program = program_copy("basic")
    make_venv_sharing_our_packages(tmp_path / "other-venv")
    name_virtualenv(program, str(tmp_path / "other-venv"))
    assert not runner.is_current_venv(tmp_path / "other-venv")
    assert runner.interpreter(runner_project(program)) == tmp_path / "other-venv" / "bin" / "python"
    capture = capture_program(program, "dev")
    assert [r.to_dict() for r in capture.resources] == [r.to_dict() for r in basic_capture.resources]
    assert capture.emulated == basic_capture.emulated


def test_program_errors_cross_the_subprocess_boundary(program_copy, tmp_path):
    from sovereign_components.errors import ProgramError

    program = program_copy("raises")
    make_venv_sharing_our_packages(tmp_path / "v")
    name_virtualenv(program, str(tmp_path / "v"))
    with pytest.raises(ProgramError) as err:
        capture_program(program, "dev")
    assert "ValueError: region 'mars' is not an Azure region" in str(err.value)
