"""Files the user gets wrong (a directory, bytes that are not UTF-8, a missing path) are one line
and exit 2 from every command that reads them, never a traceback (whose exit 1 CI would read as
a mandatory policy violation)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sovereign_components.gate.cli import main

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def not_utf8(tmp_path: Path) -> Path:
    path = tmp_path / "latin1.json"
    path.write_bytes('{"name": "caf\xe9"}'.encode("latin-1"))
    return path


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().err


@pytest.mark.parametrize("kind", ["directory", "not-utf8", "missing"])
@pytest.mark.parametrize("command", ["check-state", "route", "preview-config"])
def test_bad_input_file_is_one_line_exit_2_naming_it(capsys, tmp_path, not_utf8, kind, command) -> None:
    bad = {"directory": tmp_path, "not-utf8": not_utf8, "missing": tmp_path / "nope.json"}[kind]
    argv = {
        "check-state": ["check-state", str(bad)],
        "route": ["route", str(bad), "--cwd", str(REPO), "--stack", "eu"],
        # the policy config is read before the program runs
        "preview-config": ["preview", "--cwd", str(REPO), "--stack", "eu", "--policy-pack-config", str(bad)],
    }[command]
    code, err = _run(capsys, *argv)
    assert code == 2, err
    assert str(bad) in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
