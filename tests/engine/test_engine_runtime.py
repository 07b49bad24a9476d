"""The engine as shipped: engine-shaped URNs, alias URNs told to policies, providers left to
stack policies, the GC switched off around AnalyzeStack, report metadata, and no hang when an
earlier ``set_mocks`` user left output tasks of a closed event loop behind."""

from __future__ import annotations

import asyncio
import gc
import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from sovereign_components.gate.engine import gc_control
from sovereign_components.gate.engine.urns import make_urn, qualified_type

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"
NESTED = FIXTURES / "programs" / "nested"
PROBE = FIXTURES / "packs" / "probe"
PREFIX = "urn:pulumi:dev::nested::"
RG = "azure-native:resources:ResourceGroup"
INNER_RG = f"{PREFIX}test:index:Outer$test:index:Inner${RG}::outer-inner-rg"


@pytest.fixture(scope="module")
def nested() -> Any:
    from sovereign_components.gate.pipeline import capture_program

    return capture_program(NESTED, "dev")


@pytest.fixture(scope="module")
def probe_pack() -> Any:
    from sovereign_components.gate.pipeline import load_policy_pack

    return load_policy_pack(PROBE)


@pytest.fixture(scope="module")
def probe_result(nested: Any, probe_pack: Any) -> Any:
    from sovereign_components.gate.pipeline import analyze

    return analyze(nested.resources, probe_pack, project=nested.project, stack=nested.stack)


def _by_name(capture: Any) -> dict[str, Any]:
    return {r.name: r for r in capture.resources}


# -- URNs ------------------------------------------------------------------------------------
def test_make_urn_skips_the_root_stack_and_keeps_the_whole_parent_chain():
    stack_urn = "urn:pulumi:eu::proj::pulumi:pulumi:Stack::proj-eu"
    assert make_urn("eu", "proj", stack_urn, RG, "rg") == f"urn:pulumi:eu::proj::{RG}::rg"
    assert make_urn("eu", "proj", "", "pulumi:pulumi:Stack", "proj-eu") == stack_urn
    plane = make_urn("eu", "proj", stack_urn, "sovereign:index:RegionalEventPlane", "p")
    topic = make_urn("eu", "proj", plane, "azure-native:eventgrid:Topic", "t")
    assert topic == "urn:pulumi:eu::proj::sovereign:index:RegionalEventPlane$azure-native:eventgrid:Topic::t"
    assert qualified_type(make_urn("eu", "proj", topic, "x:y:Z", "n")).split("$") == [
        "sovereign:index:RegionalEventPlane", "azure-native:eventgrid:Topic", "x:y:Z"]


def test_captured_urns_are_what_stack_export_shows(nested):
    r = _by_name(nested)
    assert r["nested-dev"].urn == f"{PREFIX}pulumi:pulumi:Stack::nested-dev"
    assert r["outer"].urn == f"{PREFIX}test:index:Outer::outer"
    assert r["outer-inner"].urn == f"{PREFIX}test:index:Outer$test:index:Inner::outer-inner"
    assert r["outer-inner-rg"].urn == INNER_RG
    assert r["legacy"].urn == f"{PREFIX}{RG}::legacy"
    assert r["weu"].urn == f"{PREFIX}pulumi:providers:azure-native::weu"
    # parents, dependencies and provider references use the same URNs
    assert r["outer-inner-rg"].parent == r["outer-inner"].urn
    assert r["outer"].parent == r["nested-dev"].urn
    assert INNER_RG in r["legacy"].dependencies  # depends_on=[outer] reaches the component's child
    assert r["legacy"].provider.startswith(r["weu"].urn + "::")
    every_urn = [u for x in nested.resources
                 for u in [x.urn, x.parent, *x.dependencies, *(v for vs in x.property_dependencies.values() for v in vs)]]
    assert every_urn and not [u for u in every_urn if "pulumi:pulumi:Stack$" in u]


# -- aliases ---------------------------------------------------------------------------------
def test_alias_urns_of_every_kind(nested):
    r = _by_name(nested)
    assert r["outer"].aliases == [f"{PREFIX}test:index:Outer::previous"]  # dropped, no explicit parent
    inner_rg = r["outer-inner-rg"].aliases  # dropped, explicit parent: the parent's chain + $
    assert inner_rg[0] == f"{PREFIX}test:index:Outer$test:index:Inner${RG}::old-rg"
    assert f"{PREFIX}test:index:Outer$test:index:Inner$azure-native:resources/v20151101:ResourceGroup::outer-inner-rg" in inner_rg
    legacy = r["legacy"].aliases  # a URN string alias: kept by the drop, read off the request
    assert legacy[0] == f"{PREFIX}{RG}::legacy-old"
    assert f"{PREFIX}azure-native:resources/v20151101:ResourceGroup::legacy" in legacy
    assert r["outer-inner"].aliases == []


def test_policies_are_told_the_alias_urns(nested, probe_result):
    told: dict[str, list[str]] = {}
    for v in probe_result.violations:
        if v.policy == "aliases":
            told.setdefault(v.urn, []).append(v.message.rsplit("alias=", 1)[1])
    by_urn = {r.urn: r for r in nested.resources}
    assert told[INNER_RG] == by_urn[INNER_RG].aliases
    assert len(told[f"{PREFIX}{RG}::legacy"]) == len(by_urn[f"{PREFIX}{RG}::legacy"].aliases) > 20


# -- what resource policies see ----------------------------------------------------------------
def test_providers_reach_stack_policies_only(probe_result):
    seen = sorted(v.urn.rsplit("::", 1)[1] for v in probe_result.violations if v.policy == "seen")
    assert seen == ["legacy", "outer-inner-rg"]  # no provider, component or stack


def test_gc_is_off_during_analyze_stack_only():
    from pulumi_policy import EnforcementLevel, StackValidationPolicy

    from sovereign_components.gate.analysis.analyzer import analyze
    from sovereign_components.gate.model import CapturedResource
    from sovereign_components.gate.analysis.pack_loader import LoadedPack

    states: list[bool] = []
    policy = StackValidationPolicy(name="gc-probe", description="records the collector state",
                                   validate=lambda args, report: states.append(gc.isenabled()))
    pack = LoadedPack(name="gc-probe", version="0.0.1", policies=[policy],
                      enforcement_level=EnforcementLevel.ADVISORY)
    resources = [CapturedResource(urn=f"{PREFIX}{RG}::rg", type=RG, name="rg")]
    was = gc.isenabled()
    try:
        gc.enable()
        analyze(resources, pack)
        assert states == [False] and gc.isenabled()
        gc.disable()  # a caller that turned the collector off keeps it off
        analyze(resources, pack)
        assert states == [False, False] and not gc.isenabled()
    finally:
        (gc.enable if was else gc.disable)()


def test_gc_managers_restore_what_they_found():
    threshold, enabled = gc.get_threshold(), gc.isenabled()
    with pytest.raises(RuntimeError), gc_control.relaxed_gc():
        assert gc.get_threshold() == gc_control.CAPTURE_GC_THRESHOLD
        raise RuntimeError("boom")
    assert gc.get_threshold() == threshold and gc.get_freeze_count() == 0
    with pytest.raises(RuntimeError), gc_control.paused_gc():
        assert not gc.isenabled()
        raise RuntimeError("boom")
    assert gc.isenabled() == enabled


# -- reports -----------------------------------------------------------------------------------
def test_run_preview_reports_pack_levels_and_program(tmp_path: Path):
    from sovereign_components.gate.pipeline import run_preview
    from sovereign_components.gate.reports.sarif import to_sarif_dict
    from sovereign_components.gate.reports.text import render_text

    config = tmp_path / "probe.json"
    config.write_text(json.dumps({"seen": "disabled"}), encoding="utf-8")
    report = run_preview(NESTED, "dev", policy_pack=PROBE, policy_pack_config=config)
    assert report.pack.name == "probe" and report.program_dir == NESTED
    assert report.policy_levels == {"seen": "disabled", "aliases": "advisory"}
    assert report.mode == "preview" and render_text(report).startswith("Previewing (offline, no providers)")
    assert not [v for v in report.violations if v.policy == "seen"]
    rules = {r["id"]: r["defaultConfiguration"]["level"] for r in to_sarif_dict(report)["runs"][0]["tool"]["driver"]["rules"]}
    assert rules == {"seen": "none", "aliases": "warning"}


def test_check_state_report_is_not_called_a_preview():
    from sovereign_components.gate.commands.check_state import check_state
    from sovereign_components.gate.reports.text import render_text, summary_line

    report = check_state(FIXTURES / "state" / "eu-v3-private.export.json")
    text = render_text(report)
    assert report.mode == "check-state"
    assert "Previewing" not in text and "offline preview" not in text and "no providers, no cloud" not in text
    assert text.startswith("Auditing recorded state") and "state audit" in summary_line(report)


# -- no hang after an earlier set_mocks user ---------------------------------------------------
LEFTOVER = textwrap.dedent('''
    import asyncio, sys
    import pulumi
    from pulumi.runtime.settings import SETTINGS

    class M(pulumi.runtime.Mocks):
        def new_resource(self, args):
            return args.name + "_id", args.inputs
        def call(self, args):
            return {}

    # what a unit test with set_mocks leaves in the main context: an output task of a loop
    # that is closed now, still listed in SETTINGS.outputs
    old = asyncio.new_event_loop()
    asyncio.set_event_loop(old)
    pulumi.runtime.set_mocks(M(), preview=False)
    SETTINGS.outputs.add(old.create_task(asyncio.sleep(3600)))
    old.close()
    asyncio.set_event_loop(None)

    from bench.floor import bare_run, sdk_alias_urns
    from sovereign_components.gate.pipeline import capture_program

    program = sys.argv[1]
    capture = capture_program(program, "dev")
    seconds, count = bare_run(program, "dev")
    aliases = sdk_alias_urns(program, "dev")
    print(len(capture.resources), count, len(aliases))
''')


def test_no_hang_on_output_tasks_left_by_an_earlier_set_mocks():
    """Ran in a subprocess with a deadline: a regression must fail, not hang the suite."""
    proc = subprocess.run([sys.executable, "-c", LEFTOVER, str(NESTED)], cwd=REPO, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    captured, floor_count, alias_count = map(int, proc.stdout.split()[-3:])
    assert captured == 6 and floor_count >= 5 and alias_count >= 5


def test_rpc_threads_event_loops_are_closed_with_the_run():
    """``MockMonitor`` makes an event loop on each RPC thread (``_ensure_event_loop``); left
    open, the collector finalises them at random points later (see runtime_state.py)."""
    from pulumi.runtime.mocks import _ensure_event_loop

    from sovereign_components.gate.engine.runtime_state import fresh_event_loop

    with fresh_event_loop() as loop:
        thread_loops = loop.run_until_complete(
            asyncio.gather(*(loop.run_in_executor(None, _ensure_event_loop) for _ in range(4))))
        assert all(not t.is_closed() and t is not loop for t in thread_loops)
    assert loop.is_closed() and all(t.is_closed() for t in thread_loops)
