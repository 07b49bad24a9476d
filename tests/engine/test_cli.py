"""`sovereign preview` end to end, in-process through the real CLI dispatcher."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft7Validator

from sovereign_components.gate.cli import main
from sovereign_components.gate.reports.json_report import report_schema


@pytest.fixture
def preview(capsys, programs_dir, minimal_pack_dir):
    """Run ``sovereign preview`` on a fixture program with the minimal pack; (code, out, err)."""

    def run(*extra: str, program: str = "basic", cwd=None, pack=True) -> tuple[int, str, str]:
        argv = ["preview", "--cwd", str(cwd or programs_dir / program)]
        if pack:
            argv += ["--policy-pack", str(minimal_pack_dir)]
        code = main([*argv, *extra])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def write_config(tmp_path, data) -> str:
    path = tmp_path / "policy-config.json"
    path.write_text(json.dumps(data))
    return str(path)


def test_mandatory_violation_exits_1(preview):
    code, out, _ = preview("--stack", "dev")
    assert code == 1
    assert "storage-private" in out


def test_advisory_only_exits_0(preview, tmp_path):
    code, out, _ = preview("--stack", "dev", "--policy-pack-config",
                           write_config(tmp_path, {"storage-private": "advisory"}))
    assert code == 0
    assert "[advisory] (high)  storage-private" in out


def test_stack_defaults_to_the_only_stack_file(preview):
    code, out, _ = preview()
    assert code == 1 and "stack 'dev'" in out


def test_undecided_mandatory_policies_fail_closed_unless_allowed(preview, tmp_path):
    """An undecided *mandatory* policy could not show compliance: exit 1 by default (fail
    closed), 0 with --allow-undecided; undecided *advisory* policies fail only under --strict."""
    code, _, _ = preview("--unknowns")
    assert code == 1  # storage-private still decides: its input is a literal
    no_storage = write_config(tmp_path, {"storage-private": "disabled"})
    code, out, _ = preview("--unknowns", "--policy-pack-config", no_storage)
    assert code == 1 and "[undecided]  location-allowed" in out and "fail the run" in out
    code, out, _ = preview("--unknowns", "--allow-undecided", "--policy-pack-config", no_storage)
    assert code == 0 and "[undecided]" in out
    advisory = write_config(tmp_path, {"storage-private": "disabled", "location-allowed": "advisory",
                                       "role-scope-is-arm-id": "advisory"})
    code, out, _ = preview("--unknowns", "--policy-pack-config", advisory)
    assert code == 0 and "[undecided]" in out and "fail the run" not in out
    code, _, _ = preview("--unknowns", "--strict", "--policy-pack-config", advisory)
    assert code == 1


def test_undecided_results_say_so_in_json_and_sarif(preview, tmp_path):
    from sovereign_components.gate.reports.json_report import report_schema as schema

    no_storage = write_config(tmp_path, {"storage-private": "disabled"})
    code, out, _ = preview("--unknowns", "--format", "json", "--policy-pack-config", no_storage)
    report = json.loads(out)
    assert code == 1 and list(Draft7Validator(schema()).iter_errors(report)) == []
    undecided = [v for v in report["violations"] if v.get("undecided")]
    assert {v["policy"] for v in undecided} == {"location-allowed", "role-scope-is-arm-id"}
    assert all(v["enforcementLevel"] == "advisory" and v["policyEnforcementLevel"] == "mandatory" for v in undecided)
    code, out, _ = preview("--unknowns", "--format", "sarif", "--policy-pack-config", no_storage)
    levels = {r["ruleId"]: r["level"] for r in json.loads(out)["runs"][0]["results"] if r["properties"].get("undecided")}
    assert levels == {"location-allowed": "error", "role-scope-is-arm-id": "error"}


def test_json_report_validates_against_the_schema(preview):
    code, out, _ = preview("--format", "json")
    report = json.loads(out)
    Draft7Validator.check_schema(report_schema())
    errors = list(Draft7Validator(report_schema()).iter_errors(report))
    assert errors == []
    assert code == 1
    assert set(report) >= {"project", "stack", "policyPack", "resources", "violations", "summary"}
    assert report["policyPack"] == {"name": "minimal-test-pack", "version": "0.3.1"}
    assert report["summary"] == {"resources": 7, "mandatory": 1, "advisory": 1, "undecided": 0}
    account = next(r for r in report["resources"] if r["name"] == "demo-archive-sa")
    assert account["inputs"]["sku"] == {"name": "Standard_LRS"}  # camelCase wire inputs
    assert {v["enforcementLevel"] for v in report["violations"]} == {"mandatory", "advisory"}
    assert any("getClientConfig" in e for e in report["emulated"])


def test_schema_rejects_a_report_missing_a_design_key(preview):
    _, out, _ = preview("--format", "json")
    report = json.loads(out)
    del report["violations"][0]["severity"]
    report["summary"]["extra"] = 1
    assert len(list(Draft7Validator(report_schema()).iter_errors(report))) == 2


def test_text_report_has_tree_grouped_violations_and_summary(preview, tmp_path):
    cfg = write_config(tmp_path, {"location-allowed": {"allowedLocations": ["northeurope"]}})
    _, out, _ = preview("--policy-pack-config", cfg)
    lines = out.splitlines()
    # tree: the component's children are drawn under it, one level deeper
    comp = next(i for i, line in enumerate(lines) if "test:index:Archive" in line)
    assert "│  ├─ azure-native:storage:StorageAccount" in lines[comp + 1]
    assert "│  └─ azure-native:storage:BlobContainer" in lines[comp + 2]
    # violations grouped: one heading for location-allowed, then the three resources it hit
    heading = [i for i, line in enumerate(lines) if "location-allowed" in line]
    assert len(heading) == 1
    block = lines[heading[0] + 1: heading[0] + 7]
    assert sum("location westeurope not in ['northeurope']" in line for line in block) == 3
    assert lines[-1].startswith("Summary: 7 resources; 4 mandatory, 1 advisory, 0 undecided")


def test_output_file(preview, tmp_path):
    target = tmp_path / "report.json"
    code, out, err = preview("--format", "json", "--output", str(target))
    assert code == 1 and out == ""
    assert json.loads(target.read_text())["project"] == "basic"
    assert "Summary:" in err


def test_program_error_exits_2_with_its_message_and_no_traceback(preview):
    code, out, err = preview(program="raises")
    assert code == 2
    assert "ValueError: region 'mars' is not an Azure region" in err
    assert "__main__.py:6" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_program_error_traceback_under_debug(preview):
    code, _, err = preview("--debug", program="raises")
    assert code == 2 and "Traceback" in err


def test_sovereign_errors_from_the_program_keep_their_message(preview):
    code, _, err = preview(program="sovereign_error")
    assert code == 2
    assert "Pulumi.eu.yaml: config key 'sovereign:region': unknown region 'mars'" in err


def test_unknown_invoke_exits_2_naming_the_token(preview):
    code, _, err = preview(program="unknown_invoke")
    assert code == 2
    assert "cannot emulate invoke 'acme:index:getWidget' offline" in err
    assert "no provider SDK installed in the program's environment declares it" in err


def test_missing_pulumi_yaml(preview, tmp_path):
    code, _, err = preview("--stack", "dev", cwd=tmp_path)
    assert code == 2 and "Pulumi.yaml: file not found" in err


def test_missing_stack_file(preview):
    code, _, err = preview("--stack", "prod")
    assert code == 2 and "Pulumi.prod.yaml: file not found" in err


def test_bad_yaml_in_project_file(preview, program_copy):
    program = program_copy("basic")
    (program / "Pulumi.yaml").write_text("name: basic\nruntime: [python\n")
    code, _, err = preview("--stack", "dev", cwd=program)
    assert code == 2 and "Pulumi.yaml: invalid YAML" in err


def test_bad_yaml_in_stack_file(preview, program_copy):
    program = program_copy("basic")
    (program / "Pulumi.dev.yaml").write_text("config:\n  basic:prefix: [demo\n")
    code, _, err = preview("--stack", "dev", cwd=program)
    assert code == 2 and "Pulumi.dev.yaml: invalid YAML" in err


def test_unknown_policy_in_config_file_exits_2_naming_it(preview, tmp_path):
    code, _, err = preview("--policy-pack-config", write_config(tmp_path, {"nope": "mandatory"}))
    assert code == 2 and "config key 'nope'" in err and "policy-config.json" in err


def test_schema_violation_in_config_exits_2_naming_policy_and_property(preview, tmp_path):
    cfg = write_config(tmp_path, {"location-allowed": {"allowedLocations": [1]}})
    code, _, err = preview("--policy-pack-config", cfg)
    assert code == 2 and "config key 'location-allowed.allowedLocations.0'" in err


def test_missing_pack_dir(preview, tmp_path):
    code, _, err = preview("--policy-pack", str(tmp_path / "nope"), pack=False)
    assert code == 2 and "policy pack directory not found" in err


def small_program(dir_, body: str):
    (dir_ / "Pulumi.yaml").write_text("name: small\nruntime: python\n")
    (dir_ / "Pulumi.s.yaml").write_text("config: {}\n")
    (dir_ / "__main__.py").write_text(
        "import pulumi\nfrom pulumi_azure_native import resources\n"
        "rg = resources.ResourceGroup('rg', location='westeurope')\n" + body
    )
    return dir_


def test_error_inside_an_apply_callback_exits_2_with_its_message(preview, tmp_path):
    program = small_program(tmp_path, "def bad(n):\n    raise KeyError(f'no such thing {n}')\n"
                                      "pulumi.export('x', rg.name.apply(bad))\n")
    code, _, err = preview(cwd=program)
    assert code == 2 and "KeyError: 'no such thing rg'" in err and "Traceback" not in err


def test_program_prints_do_not_corrupt_the_json_report(preview, tmp_path):
    program = small_program(tmp_path, "print('hello from the program')\n")
    code, out, err = preview("--format", "json", cwd=program)
    assert json.loads(out)["project"] == "small"
    assert "hello from the program" in err


@pytest.mark.parametrize(("config", "key", "needle"), [
    ({"allowed-locations": {"boundary": "MARS"}}, "allowed-locations.boundary", "allowed: AU"),
    ({"allowed-locations": {"extraAllowedRegions": ["westeurop"]}},
     "allowed-locations.extraAllowedRegions.0", "did you mean 'westeurope'"),
])
def test_unknown_boundary_or_region_in_the_sovereignty_pack_config_is_exit_2(tmp_path, capsys, config, key, needle):
    """Before the schemas enumerated codes and regions, a typo made every resource a 'policy
    raised' mandatory violation (exit 1); it is a config error naming the key."""
    from sovereign_components.gate.cli import main

    repo = Path(__file__).resolve().parents[2]
    cfg = tmp_path / "cfg.json"
    cfg.write_text(json.dumps(config))
    code = main(["preview", "--cwd", str(repo), "--stack", "eu", "--policy-pack-config", str(cfg)])
    err = capsys.readouterr().err
    assert code == 2
    assert f"cfg.json: config key '{key}'" in err and needle in err


def test_an_interrupted_cli_process_ends_at_once_even_with_a_thread_left_behind():
    """After Ctrl-C (130) the entry point ends the process without waiting at interpreter
    shutdown for a worker thread that never finishes (it would hang the interrupted gate)."""
    import subprocess
    import sys
    import textwrap

    code = textwrap.dedent('''
        import threading, time
        from sovereign_components.gate import cli
        threading.Thread(target=time.sleep, args=(120,)).start()   # not a daemon: joined at shutdown
        cli.main = lambda argv=None: 130
        cli.entry()
    ''')
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert done.returncode == 130, done.stderr.decode()


def test_a_normal_cli_exit_goes_through_interpreter_shutdown():
    import subprocess
    import sys
    import textwrap

    code = textwrap.dedent('''
        import atexit
        from sovereign_components.gate import cli
        atexit.register(lambda: print("shutdown ran"))
        cli.main = lambda argv=None: 0
        cli.entry()
    ''')
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60, text=True)
    assert done.returncode == 0 and "shutdown ran" in done.stdout, done.stderr
