"""``python -m bench`` / ``make bench``: timings of the offline gate, with targets (issue 5).

Prints, asserts nothing, finishes in well under 5 minutes on 2 cores. Figures:

* ``sovereign --help`` wall time (subprocess, median of 5) — target <= 0.6 s.
* imports (fresh subprocess: pulumi, pulumi_policy, the engine, the azure-native modules the
  programs use, the built-in pack) — reported, no target (paid once per process).
* per program (the repository's ``eu`` stack when present; synthetic programs of 100, 1,000 and
  5,000 azure-native resources): registration (capture under mocks), policy evaluation
  (resource policies and stack policies), reporting (text + json + sarif), engine total.
* the floor: the same program under plain SDK mocks (``set_mocks`` + run + ``wait_for_rpcs``),
  measured in this run — target engine total <= 0.25x floor at 1,000 resources.
* resource-policy evaluations per second through the real analyzer servicer — target >= 20,000.
* stack-policy growth from 1,000 to 5,000 resources — target <= 6x (linear).
* isolation (issue 13, ``bench/isolation.py``): ``sovereign preview`` of the eu stack end to end
  with the program isolated against the in-process reference, ratio target <= 1.3x; the
  per-run cost of a run forked from the zygote; the RPCs one run sends.

The per-program rows measure the engine's emulation and analysis with the program run
in-process (``engine/inprocess.py``, the trusted reference: the alias drop, the linear
``wait_for_rpcs``, the relaxed GC during capture and no GC during ``AnalyzeStack``; see
``sovereign_components/gate/engine/{aliases,rpc_wait,gc_control}.py``), so the figures stay
comparable with earlier runs and the 5,000-resource program finishes (the program's own SDK,
isolated, pays its quadratic ``wait_for_rpcs`` and alias handling). What isolation costs on top
is the last section. At 1,000 resources it also times a capture with ``drop_aliases=False`` to
show what the alias drop alone saves. Policy phases are timed by the analyzer itself
(``AnalysisResult.resource_seconds``/``stack_seconds``).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
EU_CONFIG = REPO / "policy" / "config.eu.json"
SIZES = (100, 1_000, 5_000)
#: The floor (plain SDK mocks) is quadratic in pulumi 3.272 (see preview/rpc_wait.py, preview/gc_control.py):
#: ~30 ms per resource at 1,000 and minutes at 5,000, so it is measured up to this size only.
FLOOR_MAX = 1_000
AZURE_MODULES = ("resources", "eventgrid", "storage", "servicebus", "eventhub", "cosmosdb")

TARGET_HELP_S = 0.6
TARGET_RATIO = 0.25
TARGET_EVALS = 20_000
TARGET_STACK_GROWTH = 6.0


@dataclass
class Row:
    label: str
    resources: int = 0
    registration: float = 0.0
    resource_policies: float = 0.0
    stack_policies: float = 0.0
    reporting: float = 0.0
    evaluations: int = 0
    floor: float | None = None
    keeping_aliases: float | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def analysis(self) -> float:
        return self.resource_policies + self.stack_policies

    @property
    def total(self) -> float:
        return self.registration + self.analysis + self.reporting

    @property
    def evals_per_s(self) -> float:
        return self.evaluations / self.resource_policies if self.resource_policies else 0.0


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


# -- subprocess figures -----------------------------------------------------------------------
def help_time(runs: int = 5) -> float:
    cmd = [sys.executable, "-m", "sovereign_components", "--help"]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def import_time() -> float:
    mods = "; ".join(f"import pulumi_azure_native.{m}" for m in AZURE_MODULES)
    code = (
        "import time; t = time.perf_counter(); import pulumi, pulumi_policy; "
        "from sovereign_components.gate import pipeline; "
        f"{mods}; pipeline.load_policy_pack(None); print(time.perf_counter() - t)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


# -- in-process figures -----------------------------------------------------------------------
def resource_policy_count(pack: Any, config: Path | None) -> int:
    from pulumi_policy import ResourceValidationPolicy

    from sovereign_components.gate.analysis.policy_config import resolve_policy_config

    levels = resolve_policy_config(pack, config)
    return sum(1 for p in pack.policies
               if isinstance(p, ResourceValidationPolicy) and levels[p.name].enforcement_level != "disabled")


def capture_program(program: Path, stack: str, *, drop_aliases: bool = True) -> Any:
    """The in-process reference capture (see the module docstring)."""
    from sovereign_components.gate.engine.inprocess import capture_in_process
    from sovereign_components.stack_config.project import load_project

    return capture_in_process(load_project(program, stack), drop_aliases=drop_aliases)


def measure(label: str, program: Path, stack: str, pack: Any, config: Path | None, *, floor: bool,
            keeping_aliases: bool) -> Row:
    from sovereign_components.gate.pipeline import analyze
    from sovereign_components.gate.model import PreviewReport, analysed_per_resource
    from sovereign_components.gate.analysis.policy_config import resolve_policy_config
    from sovereign_components.gate.reports.json_report import render_json
    from sovereign_components.gate.reports.sarif import render_sarif
    from sovereign_components.gate.reports.text import render_text

    row = Row(label)
    # Untimed warm-up: a program's first run imports the azure-native modules it uses (lazily,
    # inside the program), which would be charged to whichever of floor/engine ran first.
    capture_program(program, stack)
    if floor:
        row.floor = floor_in_subprocess(program, stack)
    if keeping_aliases:
        start = time.perf_counter()
        capture_program(program, stack, drop_aliases=False)
        row.keeping_aliases = time.perf_counter() - start

    start = time.perf_counter()
    capture = capture_program(program, stack)
    row.registration = time.perf_counter() - start
    result = analyze(capture.resources, pack, config, project=capture.project, stack=capture.stack,
                     stack_config=capture.config)
    row.stack_policies = result.stack_seconds
    row.resource_policies = result.resource_seconds
    row.resources = len(capture.resources)
    row.evaluations = sum(1 for r in capture.resources if analysed_per_resource(r)) * resource_policy_count(pack, config)

    levels = {name: s.enforcement_level for name, s in resolve_policy_config(pack, config).items()}
    report = PreviewReport(capture.project, capture.stack, pack.name, pack.version, capture.resources,
                           result.violations, list(capture.emulated), pack=pack, policy_levels=levels,
                           program_dir=program)
    start = time.perf_counter()
    for render in (render_text, render_json, render_sarif):
        render(report)
    row.reporting = time.perf_counter() - start
    row.notes.append(f"{len(result.violations)} policy results")
    return row


def floor_in_subprocess(program: Path, stack: str) -> float:
    import json

    out = subprocess.run([sys.executable, "-m", "bench.floor", "--cwd", str(program), "--stack", stack],
                         cwd=REPO, capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"floor run failed: {out.stderr.strip().splitlines()[-1:]}")
    return float(json.loads(out.stdout.strip().splitlines()[-1])["seconds"])


def warm_imports() -> None:
    import importlib

    for m in AZURE_MODULES:
        importlib.import_module(f"pulumi_azure_native.{m}")


# -- output -----------------------------------------------------------------------------------
def print_row(row: Row) -> None:
    print(f"\n{row.label}: {row.resources} registrations")
    print(f"  registration        {row.registration:8.2f} s")
    print(f"  resource policies   {row.resource_policies:8.2f} s   ({row.evaluations} evaluations, "
          f"{row.evals_per_s:,.0f}/s; target >= {TARGET_EVALS:,}/s: {verdict(row.evals_per_s >= TARGET_EVALS)})")
    print(f"  stack policies      {row.stack_policies:8.2f} s")
    print(f"  reporting           {row.reporting:8.2f} s   (text + json + sarif)")
    print(f"  engine total        {row.total:8.2f} s   ({', '.join(row.notes)})")
    if row.keeping_aliases is not None:
        print(f"  registration with drop_aliases=False {row.keeping_aliases:8.2f} s   "
              f"(alias drop saves {row.keeping_aliases / row.registration:.1f}x)")
    if row.floor is not None:
        ratio = row.total / row.floor
        target = f"; target <= {TARGET_RATIO}x at 1,000: {verdict(ratio <= TARGET_RATIO)}" if row.resources > 900 else ""
        print(f"  floor (plain mocks) {row.floor:8.2f} s   ratio engine/floor {ratio:.2f}x{target}")
    else:
        print(f"  floor (plain mocks)   not measured above {FLOOR_MAX:,} resources (quadratic in the SDK)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES), help="synthetic program sizes")
    parser.add_argument("--skip-isolation", action="store_true", help="leave out the isolation section")
    args = parser.parse_args(argv)
    began = time.perf_counter()

    print(f"sovereign bench  (python {sys.version.split()[0]}; per-program rows: the in-process reference engine; "
          "last section: the isolated engine as the CLI runs it)")
    h = help_time()
    print(f"\nsovereign --help     {h:8.3f} s   target <= {TARGET_HELP_S} s: {verdict(h <= TARGET_HELP_S)}")
    print(f"imports (fresh process: pulumi, pulumi_policy, engine, azure-native modules, pack) {import_time():.2f} s")

    warm_imports()
    from sovereign_components.gate.pipeline import load_policy_pack

    from .synthetic import write_program

    pack = load_policy_pack(None)
    config = EU_CONFIG if EU_CONFIG.is_file() else None
    rows: dict[int, Row] = {}

    if (REPO / "Pulumi.yaml").is_file() and (REPO / "Pulumi.eu.yaml").is_file():
        print_row(measure("eu stack (repository)", REPO, "eu", pack, config, floor=True, keeping_aliases=False))
    else:
        print("\neu stack (repository): not measured (Pulumi.yaml / Pulumi.eu.yaml not present)")

    with tempfile.TemporaryDirectory(prefix="sovereign-bench-") as tmp:
        for n in args.sizes:
            program = write_program(Path(tmp) / f"n{n}", n)
            row = measure(f"synthetic {n:,}", program, "eu", pack, config, floor=n <= FLOOR_MAX,
                          keeping_aliases=n == 1_000)
            rows[n] = row
            print_row(row)

    if 1_000 in rows and 5_000 in rows and rows[1_000].stack_policies > 0:
        growth = rows[5_000].stack_policies / rows[1_000].stack_policies
        print(f"\nstack policies 1,000 -> 5,000 resources: {growth:.2f}x   "
              f"target <= {TARGET_STACK_GROWTH}x: {verdict(growth <= TARGET_STACK_GROWTH)}")

    if (REPO / "Pulumi.yaml").is_file() and (REPO / "Pulumi.eu.yaml").is_file() and not args.skip_isolation:
        from .isolation import report as isolation_report

        isolation_report()
    print(f"\nbench wall time {time.perf_counter() - began:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
