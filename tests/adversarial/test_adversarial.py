"""The red-team suite: Pulumi programs written to deploy data outside the EU boundary or to a
public network, or to blind the gate (issues 12 and 13, "Why"). Each must end in exit 1 or 2.

Every program lives in ``programs/<name>/`` and says in its docstring what it attempts, why it
must be blocked, and which resource a block must name (``harness.py`` reads the keys). Nothing
here is marked xfail: a program the gate lets through is a failing test, by design.

Run one: ``.venv/bin/python -m pytest -q -p no:cacheprovider tests/adversarial -k <name>``;
the whole table: ``.venv/bin/python -m tests.adversarial.run_table``.
"""

from __future__ import annotations

import json

import pytest

from . import harness

PROGRAMS = harness.discover(harness.ADVERSARIAL)
#: Programs no offline gate can win, judged as documented limitations (``Limitation:``).
LIMITATIONS = [p for p in PROGRAMS if p.limitation]
WINNABLE = [p for p in PROGRAMS if not p.limitation]


@pytest.fixture(scope="module")
def runner(request: pytest.FixtureRequest) -> harness.Runner:
    return harness.session_runner(request)


def test_suite_is_large_enough_and_documented() -> None:
    """The brief asks for at least 80 programs, each stating its class and why it is blocked."""
    assert len(PROGRAMS) >= 80, f"only {len(PROGRAMS)} adversarial programs"
    for p in PROGRAMS:
        assert p.issue, f"{p.name}: docstring names no 'Issue:' bullet"
        assert (p.path / "Pulumi.yaml").is_file() and (p.path / f"Pulumi.{p.stack}.yaml").is_file(), p.name


def test_suite_config_is_the_packs_eu_config() -> None:
    """config.eu.json = the pack's own EU config with no allow-listed endpoint. When the pack's
    rules change, regenerate it (``python -m sovereign_components.policies.configs EU >
    tests/adversarial/config.eu.json``) — a stale file would make every program exit 2 for a
    reason that has nothing to do with it."""
    from sovereign_components.policies.configs import policy_config

    assert json.loads(harness.EU_CONFIG.read_text(encoding="utf-8")) == policy_config("EU")


@pytest.mark.parametrize("program", WINNABLE, ids=str)
def test_blocked(program: harness.Program, runner: harness.Runner) -> None:
    run = runner.result(program)
    problem = harness.judge_blocked(run)
    assert problem is None, (f"{program.name} ({program.klass}): {program.summary}\n"
                             f"  gate: exit {run.exit_code}: {run.cause()}\n  {problem}")


@pytest.mark.parametrize("program", LIMITATIONS, ids=str)
def test_documented_limitation(program: harness.Program, runner: harness.Runner) -> None:
    """A program no offline gate can win: the gate's verdict is the one its docstring states and
    the page it names still documents the limitation (both checked, so either change fails)."""
    run = runner.result(program)
    problem = harness.judge_limitation(run)
    assert problem is None, (f"{program.name} ({program.klass}): {program.summary}\n"
                             f"  gate: exit {run.exit_code}: {run.cause()}\n  {problem}")


def test_limitations_stay_few() -> None:
    """A limitation is an admission, not a way to make a test pass: at most a handful."""
    assert len(LIMITATIONS) <= 3, [p.name for p in LIMITATIONS]
