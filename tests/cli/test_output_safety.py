"""``--output`` never destroys an input of the run, is checked before any work, and is written
atomically: a run killed mid-write (a real SIGTERM to a real process) leaves the previous report
whole and no temporary file behind.

Refusals are asserted to happen before the program or the audit runs: the pipeline entry points
are replaced by functions that fail the test if called.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from sovereign_components.files import TEMP_PREFIX
from sovereign_components.gate.cli import main

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"
STATE = FIXTURES / "state" / "eu-v3-private.export.json"
EU_CONFIG = REPO / "policy" / "config.eu.json"
MINIMAL_PACK = FIXTURES / "packs" / "minimal"
EVENT = REPO / "examples" / "events"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def program(tmp_path: Path) -> Path:
    """A copy of the config_error program (stack ``good``) with a policy config next to it."""
    target = tmp_path / "prog"
    shutil.copytree(FIXTURES / "programs" / "config_error", target)
    (target / "policy.json").write_text('{"all": "mandatory"}\n')
    return target


@pytest.fixture
def nothing_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if a program run or an audit starts."""
    from sovereign_components.gate import pipeline

    def must_not_run(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the run started although --output was refused")

    monkeypatch.setattr(pipeline, "run_preview", must_not_run)
    monkeypatch.setattr(pipeline, "audit", must_not_run)


def _snapshot(paths: list[Path]) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in paths}


# -- inputs are refused ----------------------------------------------------------------------
PREVIEW_INPUTS = {
    "stack file": lambda p: p / "Pulumi.good.yaml",
    "project file": lambda p: p / "Pulumi.yaml",
    "another stack's file": lambda p: p / "Pulumi.badregion.yaml",
    "program source": lambda p: p / "__main__.py",
    "policy config": lambda p: p / "policy.json",
    "pack file": lambda p: MINIMAL_PACK / "__main__.py",
    "stack file via ..": lambda p: p / "sub" / ".." / "Pulumi.good.yaml",
}


@pytest.mark.parametrize("which", sorted(PREVIEW_INPUTS))
def test_preview_refuses_to_write_onto_its_inputs(program: Path, capsys, nothing_runs, which: str) -> None:
    (program / "sub").mkdir()
    target = PREVIEW_INPUTS[which](program)
    before = _snapshot([program / n for n in ("Pulumi.good.yaml", "Pulumi.yaml", "__main__.py", "policy.json")]
                       + [MINIMAL_PACK / "__main__.py"])
    code, out, err = _run(capsys, "preview", "--cwd", str(program), "--stack", "good", "--policy-pack",
                          str(MINIMAL_PACK), "--policy-pack-config", str(program / "policy.json"),
                          "--output", str(target))
    assert code == 2 and out == ""
    assert "refusing to overwrite" in err and str(target) in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert _snapshot(list(before)) == before


def test_preview_refuses_a_symlink_to_its_stack_file(program: Path, tmp_path: Path, capsys, nothing_runs) -> None:
    link = tmp_path / "report.txt"
    link.symlink_to(program / "Pulumi.good.yaml")
    before = (program / "Pulumi.good.yaml").read_bytes()
    code, _, err = _run(capsys, "preview", "--cwd", str(program), "--stack", "good", "--output", str(link))
    assert code == 2 and f"-> {program / 'Pulumi.good.yaml'}" in err
    assert (program / "Pulumi.good.yaml").read_bytes() == before and link.is_symlink()


def test_preview_refuses_a_hard_link_to_its_stack_file(program: Path, tmp_path: Path, capsys, nothing_runs) -> None:
    link = tmp_path / "report.txt"
    os.link(program / "Pulumi.good.yaml", link)
    code, _, err = _run(capsys, "preview", "--cwd", str(program), "--stack", "good", "--output", str(link))
    assert code == 2 and "refusing to overwrite an input of this run" in err


@pytest.mark.parametrize("which", ["state file", "state file via symlink", "policy config", "pack file"])
def test_check_state_refuses_to_write_onto_its_inputs(tmp_path: Path, capsys, nothing_runs, which: str) -> None:
    state = tmp_path / "S.json"
    shutil.copy(STATE, state)
    config = tmp_path / "config.json"
    shutil.copy(EU_CONFIG, config)
    link = tmp_path / "link.json"
    link.symlink_to(state)
    target = {"state file": state, "state file via symlink": link, "policy config": config,
              "pack file": MINIMAL_PACK / "PulumiPolicy.yaml"}[which]
    before = _snapshot([state, config])
    code, out, err = _run(capsys, "check-state", str(state), "--policy-pack-config", str(config),
                          "--policy-pack", str(MINIMAL_PACK), "--output", str(target))
    assert code == 2 and out == "" and "refusing to overwrite" in err
    assert _snapshot([state, config]) == before


def test_the_gate_never_writes_into_its_own_package(tmp_path: Path, capsys, nothing_runs) -> None:
    import sovereign_components.policies as builtin_pack

    target = Path(builtin_pack.__file__)
    code, _, err = _run(capsys, "check-state", str(STATE), "--output", str(target))
    assert code == 2 and "refusing to overwrite a file of" in err


def test_schema_refuses_to_overwrite_an_event_file(tmp_path: Path, capsys) -> None:
    event = tmp_path / "order.json"
    shutil.copy(next(EVENT.glob("*.json")), event)
    before = event.read_bytes()
    code, _, err = _run(capsys, "schema", "event", "--output", str(event))
    assert code == 2 and "is not a JSON Schema" in err and str(event) in err
    assert event.read_bytes() == before


def test_schema_overwrites_an_earlier_schema_or_an_empty_file(tmp_path: Path, capsys) -> None:
    target = tmp_path / "event.schema.json"
    target.write_text("")
    assert _run(capsys, "schema", "event", "--output", str(target))[0] == 0
    assert main(["schema", "metadata-event", "--output", str(target)]) == 0  # over the earlier schema
    assert "payload" not in json.loads(target.read_text())["properties"]


# -- the directory is checked before the run ---------------------------------------------------
def test_an_unwritable_directory_is_exit_2_before_the_run(program: Path, capsys, nothing_runs) -> None:
    """``/sys`` refuses new files even to root (sysfs), so this holds however the suite runs."""
    code, _, err = _run(capsys, "preview", "--cwd", str(program), "--stack", "good", "--output", "/sys/report.txt")
    assert code == 2 and "directory '/sys' is not writable" in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into mode-0555 directories; see the unshare test")
def test_a_read_only_directory_is_exit_2_before_the_run(tmp_path: Path, capsys, nothing_runs) -> None:
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    try:
        code, _, err = _run(capsys, "check-state", str(STATE), "--output", str(ro / "audit.json"))
    finally:
        ro.chmod(0o755)
    assert code == 2 and f"directory '{ro}' is not writable" in err


@pytest.mark.skipif(shutil.which("unshare") is None, reason="needs unshare(1) for a read-only bind mount")
def test_a_read_only_mount_is_exit_2_before_the_program_runs(program: Path, tmp_path: Path) -> None:
    """A real read-only file system (a bind mount remounted ``ro`` in a private mount
    namespace): the preview must refuse at once; the program, which would leave a marker file
    when it runs, must not have run."""
    ro = tmp_path / "reports"
    ro.mkdir()
    marker = tmp_path / "program-ran"
    (program / "__main__.py").write_text(f"open({str(marker)!r}, 'w').close()\n" + (program / "__main__.py").read_text())
    script = (f"mount --bind {ro} {ro} && mount -o remount,ro,bind {ro} && "
              f"exec {sys.executable} -m sovereign_components preview --cwd {program} --stack good "
              f"--policy-pack {MINIMAL_PACK} --output {ro}/report.txt")
    probe = subprocess.run(["unshare", "-rm", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("user namespaces are not available here")
    result = subprocess.run(["unshare", "-rm", "sh", "-c", script], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 2, result.stderr
    assert f"directory '{ro}' is not writable" in result.stderr and "Read-only file system" in result.stderr
    assert not marker.exists()


def test_an_existing_read_only_report_is_not_replaced(tmp_path: Path, capsys) -> None:
    report = tmp_path / "schema.json"
    report.write_text("")
    report.chmod(0o444)
    code, _, err = _run(capsys, "schema", "event", "--output", str(report))
    assert code == 2 and "the file is read-only" in err and report.read_text() == ""


def test_output_that_is_a_directory_is_refused(tmp_path: Path, capsys) -> None:
    code, _, err = _run(capsys, "check-state", str(STATE), "--output", str(tmp_path))
    assert code == 2 and "is a directory" in err


# -- writes are atomic -------------------------------------------------------------------------
def test_a_symlinked_report_is_replaced_through_the_link(tmp_path: Path, capsys) -> None:
    real = tmp_path / "reports" / "schema.json"
    real.parent.mkdir()
    real.write_text("")
    real.chmod(0o640)
    link = tmp_path / "latest.json"
    link.symlink_to(real)
    assert _run(capsys, "schema", "event", "--output", str(link))[0] == 0
    assert link.is_symlink() and json.loads(real.read_text())["$schema"]
    assert stat.S_IMODE(real.stat().st_mode) == 0o640  # the old file's permissions are kept


def test_a_device_is_written_in_place_not_replaced(capsys) -> None:
    assert _run(capsys, "schema", "event", "--output", os.devnull)[0] == 0
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


CHILD = textwrap.dedent("""
    import os, sys, time
    real_fsync = os.fsync

    def stalled_fsync(fd):
        # the report is in the temporary file, not yet renamed: tell the parent, then hang
        sys.stderr.write("MID-WRITE\\n"); sys.stderr.flush()
        time.sleep(120)
        real_fsync(fd)

    os.fsync = stalled_fsync
    from sovereign_components.gate.cli import main
    sys.exit(main(sys.argv[1:]))
""")


def _kill_mid_write(argv: list[str], sig: int) -> subprocess.CompletedProcess[str]:
    child = subprocess.Popen([sys.executable, "-c", CHILD, *argv], stderr=subprocess.PIPE, stdout=subprocess.PIPE,
                             text=True, cwd=REPO)
    assert child.stderr is not None
    lines = []
    for line in child.stderr:  # blocks until the child reaches the write (no timing assumption)
        lines.append(line)
        if line.strip() == "MID-WRITE":
            break
    else:
        child.wait()
        raise AssertionError(f"the child never reached the write: {''.join(lines)}")
    child.send_signal(sig)
    out, err = child.communicate(timeout=120)
    return subprocess.CompletedProcess(child.args, child.returncode, out, "".join(lines) + err)


@pytest.mark.parametrize("command", [
    ["schema", "event"],
    ["check-state", str(STATE), "--policy-pack", str(MINIMAL_PACK), "--format", "json"],
])
def test_sigterm_mid_write_keeps_the_old_report_and_leaves_no_temp_file(tmp_path: Path, command: list[str]) -> None:
    report = tmp_path / "report.json"
    old = '{"$schema": "https://json-schema.org/draft/2020-12/schema", "old": true}\n'
    report.write_text(old)
    result = _kill_mid_write([*command, "--output", str(report)], signal.SIGTERM)
    assert result.returncode == 128 + signal.SIGTERM, result.stderr
    assert "terminated (SIGTERM)" in result.stderr and "Traceback" not in result.stderr
    assert report.read_text() == old
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_sigkill_mid_write_still_keeps_the_old_report(tmp_path: Path) -> None:
    """SIGKILL cannot be handled: the old report still survives (the rename never happened);
    the unfinished temporary file is left, named so that it is recognisable."""
    report = tmp_path / "schema.json"
    report.write_text("")
    result = _kill_mid_write(["schema", "event", "--output", str(report)], signal.SIGKILL)
    assert result.returncode == -signal.SIGKILL
    assert report.read_text() == ""
    assert all(p.name == "schema.json" or p.name.startswith(TEMP_PREFIX) for p in tmp_path.iterdir())
