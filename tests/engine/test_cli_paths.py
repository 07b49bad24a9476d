"""Paths the user gets wrong: ``main`` in Pulumi.yaml, ``--output``. Each is exit 2 naming the
path, and ``--output`` problems are found before the program runs (it may take seconds)."""

from __future__ import annotations

import pytest

from sovereign_components.gate.cli import main

CLI_PREFIX = "sovereign preview: error: "


def project(dir_, *, main_entry: str | None, files: dict[str, str]):
    dir_.mkdir(parents=True, exist_ok=True)
    text = "name: paths\nruntime: python\n" + (f"main: {main_entry}\n" if main_entry else "")
    (dir_ / "Pulumi.yaml").write_text(text)
    (dir_ / "Pulumi.s.yaml").write_text("config: {}\n")
    for name, body in files.items():
        path = dir_ / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body)
    return dir_


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["preview", *argv])
    out, err = capsys.readouterr()
    return code, out, err


PROGRAM = "print('the program ran')\n"


@pytest.mark.parametrize(
    ("main_entry", "files", "named"),
    [
        ("src/", {"__main__.py": PROGRAM}, "main 'src/' does not exist"),          # missing directory
        ("app.py", {"__main__.py": PROGRAM}, "main 'app.py' does not exist"),      # missing file
        ("src/", {"src/other.py": PROGRAM}, "main 'src/' has no __main__.py"),     # dir without entry
    ],
)
def test_missing_main_exits_2_naming_it(capsys, tmp_path, main_entry, files, named):
    cwd = project(tmp_path, main_entry=main_entry, files=files)
    code, out, err = run(capsys, "--cwd", str(cwd), "--stack", "s")
    assert code == 2 and out == ""
    assert err.startswith(CLI_PREFIX + "Pulumi.yaml: ") and named in err
    assert "the program ran" not in err and "Traceback" not in err


def test_existing_main_file_runs(capsys, tmp_path, minimal_pack_dir):
    cwd = project(tmp_path, main_entry="app.py", files={"app.py": PROGRAM})
    code, _, err = run(capsys, "--cwd", str(cwd), "--stack", "s", "--policy-pack", str(minimal_pack_dir))
    assert code == 0 and "the program ran" in err  # the same layout with the file present works


def test_output_into_a_missing_directory_exits_2_before_the_program_runs(capsys, tmp_path):
    cwd = project(tmp_path / "p", main_entry=None, files={"__main__.py": PROGRAM})
    target = tmp_path / "missing" / "report.json"
    code, out, err = run(capsys, "--cwd", str(cwd), "--stack", "s", "--format", "json", "--output", str(target))
    assert code == 2 and out == ""
    assert err.startswith(CLI_PREFIX + str(target)) and f"'{target.parent}' does not exist" in err
    assert "the program ran" not in err
    assert not target.parent.exists()


def test_output_that_is_a_directory_exits_2(capsys, tmp_path):
    cwd = project(tmp_path / "p", main_entry=None, files={"__main__.py": PROGRAM})
    code, _, err = run(capsys, "--cwd", str(cwd), "--stack", "s", "--output", str(tmp_path))
    assert code == 2 and f"{tmp_path}: --output is a directory" in err and "the program ran" not in err
