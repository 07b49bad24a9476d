"""``load_project``: the project-level ``config:`` block of ``Pulumi.yaml`` merged under the stack
file (stack wins), ESC ``environment:`` imports, ``stackConfigDir``, typed placeholders for
``secure:`` values, and keys Pulumi would file where nothing reads them.

Each case writes a small project to ``tmp_path``; expected values are what Pulumi's project-file
documentation says the program would see
(https://www.pulumi.com/docs/iac/concepts/projects/project-file/#config-options).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sovereign_components.errors import ConfigError, SovereignError, UsageError
from sovereign_components.stack_config.models import parse_stack_config
from sovereign_components.stack_config.project import load_project, stack_names
from sovereign_components.stack_config.secrets import SECRET_PLACEHOLDER

VALID_STACK = (
    "config:\n"
    "  sovereign:region: westeurope\n"
    "  sovereign:boundary: EU\n"
    "  sovereign:alertEmail: secops@contoso.eu\n"
)


def project(tmp_path: Path, project_yaml: str, stack_yaml: str, stack: str = "s") -> Path:
    (tmp_path / "Pulumi.yaml").write_text("name: proj\nruntime: python\n" + project_yaml)
    (tmp_path / "__main__.py").write_text("")
    (tmp_path / f"Pulumi.{stack}.yaml").write_text(stack_yaml)
    return tmp_path


# -- project-level config ---------------------------------------------------------------------
def test_project_config_is_merged_under_the_stack_file(tmp_path: Path) -> None:
    project(tmp_path,
            "config:\n"
            "  size: small\n"                         # shorthand: a default for a project key
            "  tier: {type: string, default: bronze}\n"
            "  azure-native:location: westeurope\n"   # shorthand: a value for another namespace
            "  sovereign:tags: {value: {team: events}}\n"
            "  sovereign:prefix: {value: sov}\n",
            VALID_STACK + "  tier: gold\n  sovereign:prefix: sov-eu\n")
    config = load_project(tmp_path, "s").config
    assert config["proj:size"] == "small"
    assert config["proj:tier"] == "gold"              # the stack file wins
    assert config["sovereign:prefix"] == "sov-eu"     # ... for namespaced keys too
    assert config["azure-native:location"] == "westeurope"
    assert json.loads(config["sovereign:tags"]) == {"team": "events"}
    assert parse_stack_config(config).tags == {"team": "events"}


def test_a_required_project_key_missing_from_the_stack_is_exit_2(tmp_path: Path) -> None:
    project(tmp_path, "config:\n  dbName: {type: string}\n", VALID_STACK)
    with pytest.raises(UsageError, match=r"Pulumi.s.yaml: stack 's' is missing configuration value\(s\) 'dbName'"):
        load_project(tmp_path, "s")


@pytest.mark.parametrize(("project_yaml", "stack_extra", "fragment"), [
    ("config:\n  count: {type: integer}\n", "  count: many\n", "must be of type 'integer'"),
    ("config:\n  flag: {type: boolean}\n", "  flag: 1\n", "must be of type 'boolean'"),
    ("config:\n  names: {type: array}\n", "", "array without 'items'"),
    ("config:\n  pw: {type: string, secret: true}\n", "  pw: plain\n", "must be encrypted"),
    ("config:\n  x: {default: 1, value: 2}\n", "", "both a 'default' and a 'value'"),
    ("config:\n  azure-native:location: {default: westeurope}\n", "", "did you mean 'value'"),
    ("config:\n  azure-native:location: {type: string, value: westeurope}\n", "", "cannot declare a type"),
    ("config:\n  sovereign:tags: {team: events}\n", "", "unknown field(s) team"),
])
def test_project_config_errors_name_the_file_and_key(tmp_path: Path, project_yaml: str, stack_extra: str,
                                                      fragment: str) -> None:
    project(tmp_path, project_yaml, VALID_STACK + stack_extra)
    with pytest.raises(UsageError) as info:
        load_project(tmp_path, "s")
    assert fragment in str(info.value)
    assert str(info.value).startswith("Pulumi.")


def test_typed_project_keys_accept_what_pulumi_accepts(tmp_path: Path) -> None:
    project(tmp_path, "config:\n  count: {type: integer}\n  flag: {type: boolean}\n"
                      "  names: {type: array, items: {type: string}}\n",
            VALID_STACK + "  count: '3'\n  flag: 'true'\n  names: [a, b]\n")
    config = load_project(tmp_path, "s").config
    assert (config["proj:count"], config["proj:flag"], json.loads(config["proj:names"])) == ("3", "true", ["a", "b"])


# -- environment, stackConfigDir, stack names ---------------------------------------------------
@pytest.mark.parametrize(("environment", "expected"), [
    ("environment:\n  - org/base\n  - org/eu\n", ["org/base", "org/eu"]),
    ("environment:\n  imports:\n    - org/base\n    - org/eu: {merge: false}\n", ["org/base", "org/eu"]),
    ("environment:\n  values:\n    pulumiConfig: {sovereign:region: eastus}\n", ["(inline values in Pulumi.s.yaml)"]),
    ("", []),
])
def test_esc_environments_are_listed(tmp_path: Path, environment: str, expected: list[str]) -> None:
    project(tmp_path, "", VALID_STACK + environment)
    assert load_project(tmp_path, "s").esc_environments == expected


def test_stack_config_dir_is_where_stack_files_live(tmp_path: Path) -> None:
    project(tmp_path, "stackConfigDir: stacks-config\n", "config: {}\n", stack="ignored")
    (tmp_path / "stacks-config").mkdir()
    (tmp_path / "stacks-config" / "Pulumi.eu.yaml").write_text(VALID_STACK)
    loaded = load_project(tmp_path, "eu")
    assert loaded.stack_file == tmp_path.resolve() / "stacks-config" / "Pulumi.eu.yaml"
    assert loaded.config["sovereign:region"] == "westeurope"
    assert stack_names(tmp_path) == ["eu"]
    assert loaded.input_files == [tmp_path.resolve() / "Pulumi.yaml", loaded.stack_file]


@pytest.mark.parametrize("stack", ["../outside", "a/b", "", "x" * 101])
def test_a_stack_name_cannot_leave_the_project(tmp_path: Path, stack: str) -> None:
    project(tmp_path, "", VALID_STACK)
    with pytest.raises(UsageError, match="stack name"):
        load_project(tmp_path, stack)


# -- secrets: typed placeholders ----------------------------------------------------------------
def test_an_encrypted_alert_email_is_a_valid_placeholder_listed_as_emulated(tmp_path: Path) -> None:
    project(tmp_path, "", VALID_STACK.replace("  sovereign:alertEmail: secops@contoso.eu\n",
                                              "  sovereign:alertEmail:\n    secure: v1:AAABAJx0cGxhY2Vob2xkZXI=\n"))
    loaded = load_project(tmp_path, "s")
    assert loaded.secret_keys == ["sovereign:alertEmail"]
    config = parse_stack_config(loaded.config)  # the e-mail validation passes on the placeholder
    assert "@" in config.alert_email
    assert any("sovereign:alertEmail" in note and config.alert_email in note for note in loaded.emulated)


@pytest.mark.parametrize("key", ["sovereign:region", "sovereign:boundary", "azure-native:location"])
def test_an_encrypted_placement_setting_is_refused(tmp_path: Path, key: str) -> None:
    plain = [line for line in VALID_STACK.splitlines(keepends=True) if not line.startswith(f"  {key}:")]
    project(tmp_path, "", "".join(plain) + f"  {key}:\n    secure: v1:AAAB\n")
    with pytest.raises(ConfigError) as info:
        load_project(tmp_path, "s")
    assert info.value.key == key and "plain text" in str(info.value)


def test_a_nested_secret_is_found_and_judged_by_its_field(tmp_path: Path) -> None:
    nested = (VALID_STACK + "  sovereign:eventStore:\n    additionalLocations:\n      - secure: v1:AAAB\n")
    project(tmp_path, "", nested)
    with pytest.raises(ConfigError) as info:
        load_project(tmp_path, "s")
    assert info.value.key == "sovereign:eventStore.additionalLocations[0]"


def test_secrets_of_other_namespaces_get_the_generic_placeholder(tmp_path: Path) -> None:
    project(tmp_path, "", VALID_STACK + "  app:token:\n    secure: v1:AAAB\n  app:obj:\n    inner:\n      secure: v1:AAAB\n")
    loaded = load_project(tmp_path, "s")
    assert loaded.config["app:token"] == SECRET_PLACEHOLDER
    assert json.loads(loaded.config["app:obj"]) == {"inner": SECRET_PLACEHOLDER}
    assert loaded.secret_keys == ["app:token", "app:obj"]


# -- keys filed where nothing reads them ---------------------------------------------------------
@pytest.mark.parametrize(("line", "key", "suggestion"), [
    ("  soverign:dlq: {retentionDays: 30}\n", "soverign:dlq", "did you mean 'sovereign:dlq'?"),
    ("  Sovereign:prefix: sov\n", "Sovereign:prefix", "did you mean 'sovereign:prefix'?"),
    ("  azure-natve:location: westeurope\n", "azure-natve:location", "did you mean 'azure-native:location'?"),
    ("  azure_native:location: westeurope\n", "azure_native:location", "did you mean 'azure-native:location'?"),
    ("  dlq: {retentionDays: 30}\n", "dlq", "did you mean 'sovereign:dlq'?"),   # bare: files as proj:dlq
    ("  Tags: {a: b}\n", "Tags", "did you mean 'sovereign:tags'?"),
])
def test_misfiled_keys_are_exit_2_with_did_you_mean(tmp_path: Path, line: str, key: str, suggestion: str) -> None:
    project(tmp_path, "", VALID_STACK + line)
    with pytest.raises(ConfigError) as info:
        load_project(tmp_path, "s")
    assert info.value.key == key
    assert suggestion in str(info.value)
    assert str(info.value).startswith("Pulumi.s.yaml: ")


@pytest.mark.parametrize(("project_yaml", "line"), [
    ("", "  proj:alertEmail: ops@contoso.eu\n"),                                   # namespace spelt out
    ("config:\n  alertEmail: {type: string}\n", "  alertEmail: ops@contoso.eu\n"),  # declared by the project
    ("config:\n  proj:tags: {type: object}\n", "  tags: {a: b}\n"),
    ("", "  prefix: x\n  sovereign:prefix: y\n"),                                  # both set: not a slip
])
def test_project_keys_meant_for_the_program_are_kept(tmp_path: Path, project_yaml: str, line: str) -> None:
    """``examples/consumer`` reads its own ``alertEmail`` with ``pulumi.Config()`` next to
    ``sovereign:boundary``: a key the project spells out or declares is deliberate."""
    project(tmp_path, project_yaml, VALID_STACK + line)
    assert any(k.startswith("proj:") for k in load_project(tmp_path, "s").config)


def test_bare_keys_of_a_project_that_does_not_use_this_library_are_its_own(tmp_path: Path) -> None:
    """``region`` is a perfectly good project key of a program that never reads ``sovereign:``."""
    project(tmp_path, "", "config:\n  region: westeurope\n  azure:location: westeurope\n  app:foreign: x\n")
    assert load_project(tmp_path, "s").config["proj:region"] == "westeurope"


def test_every_project_error_is_a_sovereign_error() -> None:
    assert issubclass(ConfigError, SovereignError) and issubclass(UsageError, SovereignError)


# -- key spellings Pulumi normalises ---------------------------------------------------------------
def test_the_legacy_ns_config_name_form_is_the_same_key(tmp_path: Path) -> None:
    """Pulumi reads ``ns:config:name`` as ``ns:name`` (config.ParseKey); so must the gate, or the
    program would see a different config offline than under ``pulumi up``."""
    project(tmp_path, "", VALID_STACK + "  sovereign:config:prefix: sov-eu\n")
    assert load_project(tmp_path, "s").config["sovereign:prefix"] == "sov-eu"


@pytest.mark.parametrize(("extra", "fragment"), [
    ("  sovereign:config:boundary: US\n", "config key 'sovereign:boundary' is given twice"),
    ("  proj:size: 1\n  size: 2\n", "config key 'proj:size' is given twice"),
    ("  a:b:c: 1\n", "'a:b:c' is not a configuration key"),
    ("  a:b:c:d: 1\n", "'a:b:c:d' is not a configuration key"),
])
def test_one_key_written_twice_or_unparseable_is_exit_2(tmp_path: Path, extra: str, fragment: str) -> None:
    project(tmp_path, "", VALID_STACK + extra)
    with pytest.raises(UsageError, match=fragment):
        load_project(tmp_path, "s")
