"""Issue 13's adversarial suite for the engine: programs written to slip past the offline gate
through the engine (its process, transforms, provider defaults, invokes, computed outputs, wire
format), and honest counterparts that must not be blocked. Every program runs through the
``sovereign preview`` CLI with the pack's strictest EU config; what it must get is in its
docstring (``harness.py``). Nothing here is xfail: a program the gate mis-judges fails.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from . import harness

PROGRAMS = harness.discover()
BULLETS = ("isolation", "transforms", "provider defaults", "invokes", "outputs", "wire truth")


@pytest.fixture(scope="session")
def eu_config(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from sovereign_components.policies.configs import policy_config

    path = tmp_path_factory.mktemp("engine-adversarial") / "config.eu.json"
    path.write_text(json.dumps(policy_config("EU")), encoding="utf-8")
    return path


def test_suite_covers_every_bullet_with_attacks_and_honest_programs() -> None:
    attacks = [p for p in PROGRAMS if p.expect != "pass"]
    honest = [p for p in PROGRAMS if p.expect == "pass"]
    assert len(attacks) >= 40, f"only {len(attacks)} adversarial programs"
    for bullet in BULLETS:
        assert any(p.why.startswith(bullet) for p in attacks), f"no attack on {bullet}"
        assert any(p.why.startswith(bullet) for p in honest), f"no honest counterpart for {bullet}"


@pytest.mark.parametrize("program", PROGRAMS, ids=str)
def test_gate_answers_as_documented(program: harness.Program, eu_config: Path, tmp_path: Path) -> None:
    result = harness.run(program, eu_config, tmp_path)
    problem = harness.judge(result)
    assert problem is None, f"{program.name}: {program.summary}\n  exit {result.code}\n  {problem}"
    if program.expect == "withheld" and result.code == 0:  # undecided is not a pass under --strict
        strict = harness.run(program, eu_config, tmp_path, "--strict")
        assert strict.code == 1, f"{program.name}: --strict must turn undecided into exit 1, got {strict.code}"


@pytest.mark.parametrize("name", ["iso-background-grandchild", "honest-background-grandchild"])
def test_no_process_outlives_the_run(name: str, eu_config: Path, tmp_path: Path) -> None:
    program = next(p for p in PROGRAMS if p.name == name)
    pid_file = program.path / "sleeper.pid"
    pid_file.unlink(missing_ok=True)
    try:
        harness.run(program, eu_config, tmp_path)
        pid = int(pid_file.read_text())
    finally:
        pid_file.unlink(missing_ok=True)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return
    # a zombie reaped by nobody is not running either
    with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
        assert fh.read().split(") ", 1)[1].startswith("Z"), f"process {pid} outlived the run"
