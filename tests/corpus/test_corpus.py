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
    return harness.session_runner(request.session.items)


def test_corpus_is_large_enough_and_documented() -> None:
    assert len(PROGRAMS) >= 30, f"only {len(PROGRAMS)} corpus programs"
    for p in PROGRAMS:
        assert (p.path / "Pulumi.yaml").is_file() and (p.path / f"Pulumi.{p.stack}.yaml").is_file(), p.name


@pytest.mark.parametrize("program", PROGRAMS, ids=str)
def test_passes(program: harness.Program, runner: harness.Runner) -> None:
    run = runner.result(program)
    why = f"{program.name} ({program.klass}): {program.summary}\n  gate: exit {run.exit_code}: {run.cause()}"
    assert run.exit_code is not None, f"{why}\n  the gate hung"
    assert not run.has_traceback, f"{why}\n  a traceback is not a verdict:\n{run.stderr[-2000:]}"
    assert run.exit_code == 0, (
        f"{why}\n  an honest program must pass; mandatory findings:\n"
        + "\n".join(f"    - {v.get('policy')} on {str(v.get('urn')).rsplit('::', 1)[-1]}: "
                    f"{str(v.get('message')).splitlines()[-1]}" for v in run.mandatory)
        + (f"\n  stderr: {run.stderr.strip()[-1500:]}" if run.exit_code == 2 else ""))
    assert run.report is not None, f"{why}\n  exit 0 without a report is not a judgement ({run.report_error})"
    assert not run.mandatory, f"{why}\n  exit 0 but mandatory violations were reported"
    assert run.report["summary"]["resources"] >= 2, f"{why}\n  the gate saw (almost) nothing"
    text = run.text.lower()
    missing = [m for m in program.mentions if m.lower() not in text]
    assert not missing, f"{why}\n  the gate's output never mentions {missing}"
