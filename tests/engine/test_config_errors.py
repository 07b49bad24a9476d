"""A program's ConfigError names the stack file and the key; wrong YAML types give the program's
own validation message (design.md: exit 2, "one clear message naming the file/key").

The fixture ``config_error`` validates its config with ``sovereign_components.stack_config.loader`` (as the
regional stacks do) and has one stack file per case. Expected messages are not copied from
the CLI: they are what the program's validator says about the same values, prefixed with the
stack file, which is the engine's whole contribution.
"""

from __future__ import annotations

import pytest

from sovereign_components.gate.cli import main
from sovereign_components.stack_config.models import parse_stack_config
from sovereign_components.errors import ConfigError
from sovereign_components.stack_config.project import load_project
from sovereign_components.gate.engine.runner import stack_config_error

CLI_PREFIX = "sovereign preview: error: "


@pytest.fixture
def preview(capsys, programs_dir, minimal_pack_dir):
    def run(stack: str, *extra: str) -> tuple[int, str, str]:
        code = main(["preview", "--cwd", str(programs_dir / "config_error"), "--stack", stack,
                     "--policy-pack", str(minimal_pack_dir), *extra])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def validator_message(programs_dir, stack: str) -> str:
    """What the program's own validation says about this stack file's values."""
    project = load_project(programs_dir / "config_error", stack)
    raw = {k: v for k, v in project.config.items() if k.startswith("sovereign:")}
    with pytest.raises(ConfigError) as err:
        parse_stack_config(raw)
    return str(err.value)


def test_the_fixture_is_valid_apart_from_the_bad_values(preview):
    code, out, _ = preview("good")
    assert code == 0 and "config-error" in out


@pytest.mark.parametrize(
    ("stack", "key"),
    [
        ("badregion", "sovereign:region"),               # a bad value
        ("tagslist", "sovereign:tags"),                  # a list where a mapping belongs
        ("planstring", "sovereign:eventPlane"),          # a string where an object belongs
        ("partitions", "sovereign:eventPlane.eventHubPartitionCount"),  # wrong type, nested
    ],
)
def test_config_error_names_the_stack_file_and_the_key(preview, programs_dir, stack, key):
    code, out, err = preview(stack)
    assert code == 2 and out == ""
    assert err.startswith(CLI_PREFIX)
    message = err.removeprefix(CLI_PREFIX).rstrip("\n")
    assert message.startswith(f"Pulumi.{stack}.yaml: config key '{key}': ")
    assert message == f"Pulumi.{stack}.yaml: {validator_message(programs_dir, stack)}"
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_debug_shows_the_traceback(preview):
    code, _, err = preview("badregion", "--debug")
    assert code == 2 and "Traceback" in err and "Pulumi.badregion.yaml: config key 'sovereign:region'" in err


def test_the_programs_process_reports_the_key_and_the_gate_names_the_stack_file(preview, monkeypatch):
    """The ConfigError is raised in the program's own process (another interpreter state); it
    crosses as a failure report and the gate names the stack file, whatever the flags."""
    from sovereign_components.gate.engine import inprocess

    def not_here(*args, **kwargs):
        raise AssertionError("the CLI captured in this process")

    monkeypatch.setattr(inprocess, "capture_in_process", not_here)
    code, _, err = preview("tagslist", "--isolate")
    assert code == 2
    assert err.removeprefix(CLI_PREFIX).startswith("Pulumi.tagslist.yaml: config key 'sovereign:tags': ")


def test_an_error_naming_its_own_source_is_kept(programs_dir):
    project = load_project(programs_dir / "config_error", "good")
    own = ConfigError("sovereign:region", "nope", source="settings.json")
    assert stack_config_error(own, project) is own
    named = stack_config_error(ConfigError("sovereign:prefix", "too long"), project)
    assert (named.key, named.source) == ("sovereign:prefix", "Pulumi.good.yaml")
    assert str(named) == "Pulumi.good.yaml: config key 'sovereign:prefix': too long"
