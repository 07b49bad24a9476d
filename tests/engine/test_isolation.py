"""The isolated capture (the only mode) registers exactly what the trusted in-process reference
registers, and ``measure_isolation`` reports both modes' figures. Times are reported, never
asserted (speed belongs to ``make bench``)."""

from __future__ import annotations

import json

import pytest

from sovereign_components.gate.cli import main
from sovereign_components.gate.engine.isolation import format_figures, measure_isolation


def as_json(capture) -> dict:
    return json.loads(json.dumps(capture.to_dict()))


@pytest.fixture(scope="module")
def figures(programs_dir):
    return measure_isolation(programs_dir / "basic", "dev", runs=1)


def test_measure_isolation_captures_agree_and_times_are_reported(figures, basic_capture):
    assert figures["identical"] is True
    assert figures["runs"] == 1 and len(figures["in_process_s"]) == len(figures["isolated_s"]) == 1
    assert all(t > 0 for t in [*figures["in_process_s"], *figures["isolated_s"]])
    assert figures["resources"] == len(basic_capture.resources)
    assert "identical captures: True" in format_figures(figures)


def test_capture_program_never_runs_the_program_in_this_process(programs_dir, basic_capture, monkeypatch):
    from sovereign_components.gate.engine import inprocess
    from sovereign_components.gate.pipeline import capture_program

    def not_here(*args, **kwargs):
        raise AssertionError("captured in this process")

    monkeypatch.setattr(inprocess, "capture_in_process", not_here)
    monkeypatch.setattr(inprocess, "_run", not_here)
    for isolate in (False, True):  # accepted for compatibility, ignored
        capture = capture_program(programs_dir / "basic", "dev", isolate=isolate)
        assert as_json(capture) == as_json(basic_capture)


def test_the_isolate_flag_changes_nothing(capsys, programs_dir, minimal_pack_dir):
    argv = ["preview", "--cwd", str(programs_dir / "basic"), "--policy-pack", str(minimal_pack_dir),
            "--format", "json", "--unknowns"]
    reports = []
    for extra in ([], ["--isolate"]):
        code = main([*argv, *extra])
        out, _ = capsys.readouterr()
        reports.append((code, json.loads(out)))
    assert reports[0] == reports[1]
    assert reports[0][0] == 1  # the minimal pack's mandatory storage rule still fails


def test_runs_must_be_positive(programs_dir):
    with pytest.raises(ValueError):
        measure_isolation(programs_dir / "basic", "dev", runs=0)
