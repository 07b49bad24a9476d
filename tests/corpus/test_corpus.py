"""The honest corpus: compliant Pulumi programs in the styles of public Pulumi Azure Python
programs (stock templates, examples, multi-module and config-driven projects). Everything stays
in the EU, private and keyless; each must end in exit 0 with no mandatory violation — a gate
that blocks them cries wolf, and teams stop listening to it.

Every program lives in ``programs/<name>/`` and names in its docstring (``Style:``) the
real-world style it imitates (none is copied from a public repository). Nothing is marked
xfail: a false positive is a failing test, by design.
"""

from __future__ import annotations

import pytest

from adversarial import harness

PROGRAMS = harness.discover(harness.CORPUS)


@pytest.fixture(scope="module")
def runner(request: pytest.FixtureRequest) -> harness.Runner:
    return harness.session_runner(request)


def test_corpus_is_large_enough_and_documented() -> None:
    assert len(PROGRAMS) >= 30, f"only {len(PROGRAMS)} corpus programs"
    for p in PROGRAMS:
        assert (p.path / "Pulumi.yaml").is_file() and (p.path / f"Pulumi.{p.stack}.yaml").is_file(), p.name


@pytest.mark.parametrize("program", PROGRAMS, ids=str)
def test_passes(program: harness.Program, runner: harness.Runner) -> None:
    run = runner.result(program)
    problem = harness.judge_passed(run)
    assert problem is None, (f"{program.name} ({program.klass}): {program.summary}\n"
                             f"  gate: exit {run.exit_code}: {run.cause()}\n  {problem}")
