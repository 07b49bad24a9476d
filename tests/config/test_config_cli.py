"""Hostile and careless stack files through the real CLI (``sovereign preview``): each is exit 2
with one line naming the stack file and what is wrong, no traceback, and -- for the files the
reader must stop early on -- before the program runs. An encrypted alert address and a custom
boundary object are not errors: those stacks preview.

Stack files: ``tests/fixtures/programs/config_error/Pulumi.<case>.yaml``.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from sovereign_components.gate.cli import main

PREFIX = "sovereign preview: error: "

REFUSED = [
    ("aliasbomb", "Pulumi.aliasbomb.yaml: line 11: aliases expand to more than 10,000 values"),
    ("deep", "Pulumi.deep.yaml: "),  # the depth limit, or libyaml's own, whichever comes first
    ("dupkeys", "Pulumi.dupkeys.yaml: line 6: duplicate key 'sovereign:boundary' (first at line 5)"),
    ("misspelt", "Pulumi.misspelt.yaml: config key 'soverign:dlq': unknown namespace 'soverign'"),
    ("barekey", "Pulumi.barekey.yaml: config key 'eventStore': a key without a namespace belongs to the project "
                "'config-error'"),
    ("boolttl", "Pulumi.boolttl.yaml: config key 'sovereign:eventStore.ttlDays': "),
    ("badtags", "Pulumi.badtags.yaml: config key 'sovereign:tags': "),
]


@pytest.fixture
def preview(capsys: pytest.CaptureFixture[str], programs_dir: Any, minimal_pack_dir: Any):
    def run(stack: str, *extra: str) -> tuple[int, str, str]:
        code = main(["preview", "--cwd", str(programs_dir / "config_error"), "--stack", stack,
                     "--policy-pack", str(minimal_pack_dir), *extra])
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.mark.parametrize(("stack", "expected"), REFUSED, ids=[c[0] for c in REFUSED])
def test_a_bad_stack_file_is_one_line_exit_2(preview, stack: str, expected: str) -> None:
    code, out, err = preview(stack)
    assert code == 2 and out == ""
    assert err.startswith(PREFIX + expected), err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("stack", ["aliasbomb", "deep", "dupkeys", "misspelt", "barekey"])
def test_file_level_problems_stop_before_the_program_runs(preview, monkeypatch: pytest.MonkeyPatch,
                                                          stack: str) -> None:
    from sovereign_components.gate import pipeline

    def must_not_run(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the program ran")

    monkeypatch.setattr(pipeline, "run_preview", must_not_run)
    assert preview(stack)[0] == 2


def test_the_misspelt_namespace_and_the_bare_key_say_what_was_meant(preview) -> None:
    assert "did you mean 'sovereign:dlq'?" in preview("misspelt")[2]
    assert "did you mean 'sovereign:eventStore'?" in preview("barekey")[2]
    assert "expected a number, got the boolean true" in preview("boolttl")[2]
    assert "contains /" in preview("badtags")[2]


def test_an_encrypted_alert_address_previews_and_is_listed_as_emulated(preview) -> None:
    code, out, err = preview("secretemail", "--format", "json")
    assert code == 0, err
    report = json.loads(out)
    notes = [n for n in report["emulated"] if "sovereign:alertEmail" in n]
    assert notes and "security-team@example.com" in notes[0]


def test_a_custom_boundary_object_previews(preview) -> None:
    code, out, err = preview("custombound", "--format", "json")
    assert code == 0, err
    assert json.loads(out)["stack"] == "custombound"


def test_isolate_is_still_accepted_and_changes_nothing(preview) -> None:
    """Scripts written for the in-process engine pass --isolate; isolation is now the only mode."""
    plain, isolated = preview("good", "--format", "json"), preview("good", "--format", "json", "--isolate")
    assert plain[0] == isolated[0] == 0
    assert json.loads(plain[1])["resources"] == json.loads(isolated[1])["resources"]
