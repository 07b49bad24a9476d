"""Reading Pulumi.yaml and Pulumi.<stack>.yaml the way the Pulumi CLI hands them to programs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sovereign_components.errors import UsageError
from sovereign_components.stack_config.project import SECRET_PLACEHOLDER, load_project


def write(dir_: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = dir_ / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return dir_


def test_config_namespaces_structured_values_and_secrets(tmp_path):
    write(tmp_path, {
        "Pulumi.yaml": "name: proj\nruntime: python\n",
        "__main__.py": "",
        "Pulumi.s.yaml": (
            "config:\n"
            "  owner: team-a\n"                 # no namespace -> project name
            "  sovereign:zones: [1, 2]\n"       # structured -> JSON string
            "  sovereign:opts: {a: true}\n"
            "  sovereign:flag: true\n"
            "  sovereign:key:\n    secure: AAABAJx0\n"
        ),
    })
    project = load_project(tmp_path, "s")
    assert project.config["proj:owner"] == "team-a"
    assert json.loads(project.config["sovereign:zones"]) == [1, 2]
    assert json.loads(project.config["sovereign:opts"]) == {"a": True}
    assert project.config["sovereign:flag"] == "true"
    assert project.config["sovereign:key"] == SECRET_PLACEHOLDER
    assert project.secret_keys == ["sovereign:key"]
    assert any("sovereign:key" in note and "cannot be decrypted offline" in note for note in project.emulated)


def test_main_may_be_a_directory_or_a_file(tmp_path):
    write(tmp_path / "a", {"Pulumi.yaml": "name: a\nruntime: python\nmain: src/\n", "src/__main__.py": "",
                           "Pulumi.x.yaml": ""})
    write(tmp_path / "b", {"Pulumi.yaml": "name: b\nruntime: python\nmain: app.py\n", "app.py": "",
                           "Pulumi.x.yaml": "config: {}\n"})
    assert load_project(tmp_path / "a", "x").main == (tmp_path / "a" / "src").resolve()
    assert load_project(tmp_path / "b", "x").main == (tmp_path / "b" / "app.py").resolve()


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"Pulumi.yaml": "name: p\nruntime: nodejs\n"}, "Pulumi.yaml: runtime is 'nodejs'"),
        ({"Pulumi.yaml": "runtime: python\n"}, "Pulumi.yaml: missing project 'name'"),
        ({"Pulumi.yaml": "name: p\nruntime: python\nmain: nowhere/\n"}, "main 'nowhere/' does not exist"),
        ({"Pulumi.yaml": "name: p\nruntime: python\n", "Pulumi.s.yaml": "config: [1]\n"},
         "Pulumi.s.yaml: 'config' must be a mapping"),
    ],
)
def test_project_errors_name_the_file(tmp_path, files, expected):
    write(tmp_path, {"__main__.py": "", "Pulumi.s.yaml": "config: {}\n", **files})
    with pytest.raises(UsageError) as err:
        load_project(tmp_path, "s")
    assert expected in str(err.value)


def test_secret_config_reaches_the_program_as_a_secret(tmp_path):
    from sovereign_components.gate.pipeline import capture_program

    write(tmp_path, {
        "Pulumi.yaml": "name: sec\nruntime: python\n",
        "Pulumi.s.yaml": "config:\n  sec:password:\n    secure: AAABAJx0\n",
        "__main__.py": (
            "import pulumi\n"
            "from pulumi_azure_native import resources\n"
            "pw = pulumi.Config().require_secret('password')\n"
            "resources.ResourceGroup('rg', location='westeurope', tags={'pw': pw})\n"
        ),
    })
    capture = capture_program(tmp_path, "s")
    rg = next(r for r in capture.resources if r.name == "rg")
    secret = rg.inputs["tags"]["pw"]
    # pulumi's secret envelope on the wire; the value cannot be decrypted offline, so policies
    # see it as unknown (never the placeholder the program was given), and the report says so
    from sovereign_components.gate.model import UNKNOWN
    from sovereign_components.gate.reports.json_report import mask_secrets

    assert secret == {"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", "value": UNKNOWN}
    assert SECRET_PLACEHOLDER not in str(rg.inputs)
    assert any("secret config values" in e and "rg.tags.pw" in e for e in capture.emulated)
    assert mask_secrets(rg.inputs)["tags"]["pw"] == "[secret]"
