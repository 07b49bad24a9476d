"""The price of isolation, measured in one ``make bench`` run (issue 13, target <= 1.3x).

* **CLI end to end, eu stack**: ``sovereign preview --stack eu --policy-pack policy
  --policy-pack-config policy/config.eu.json`` in a fresh process (the program isolated in a
  child over the real monitor protocol) against the in-process reference
  (``bench/inprocess_preview.py``: the same work with the program in the gate's process, as the
  gate ran before), each the median of ``RUNS`` interleaved runs; the ratio is the target.
* **zygote**: in one process, once the fork server is ready, the per-run cost of an isolated
  capture of the eu stack and of an empty program (fork + monitor + completion, nothing else).
* **RPCs**: what the eu stack sends the monitor (calls and the monitor's own time per RPC).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
RUNS = 3
TARGET_RATIO = 1.3


def _cli(extra: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, *extra], cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=False)
    return time.perf_counter() - start


def cli_figures(stack: str = "eu") -> dict[str, Any]:
    common = ["--stack", stack, "--policy-pack", "policy", "--policy-pack-config", f"policy/config.{stack}.json"]
    isolated_cmd = ["-m", "sovereign_components", "preview", "--format", "json", "--output", "/dev/null", *common]
    reference_cmd = ["-m", "bench.inprocess_preview", "--cwd", ".", *common]
    isolated, reference = [], []
    _cli(isolated_cmd)  # untimed: .pyc files and the SDK facts cache are warm for both
    for _ in range(RUNS):  # interleaved, so machine load hits both alike
        reference.append(_cli(reference_cmd))
        isolated.append(_cli(isolated_cmd))
    iso, ref = statistics.median(isolated), statistics.median(reference)
    return {"isolated_s": isolated, "in_process_s": reference, "isolated": iso, "in_process": ref,
            "ratio": iso / ref}


def _wait_for_zygote(program: Path, stack: str) -> None:
    from sovereign_components.gate.engine import launcher
    from sovereign_components.gate.pipeline import capture_program

    for _ in range(3):  # the second run starts the zygote
        capture_program(program, stack)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if any(z.ready() for z in launcher._ZYGOTES.values()):
            return
        time.sleep(0.2)


def zygote_figures(stack: str = "eu") -> dict[str, Any]:
    from sovereign_components.gate.engine.isolated import ProgramRun
    from sovereign_components.stack_config.project import load_project

    with tempfile.TemporaryDirectory(prefix="sovereign-bench-empty-") as tmp:
        empty = Path(tmp)
        (empty / "Pulumi.yaml").write_text("name: empty\nruntime: python\n")
        (empty / f"Pulumi.{stack}.yaml").write_text("config: {}\n")
        (empty / "__main__.py").write_text("import pulumi\n")
        _wait_for_zygote(empty, stack)
        figures: dict[str, Any] = {}
        for label, program in (("empty program", empty), (f"{stack} stack", REPO)):
            project = load_project(program, stack)
            times, stats = [], None
            for _ in range(RUNS):
                start = time.perf_counter()
                run = ProgramRun(project)
                capture = run.result()
                times.append(time.perf_counter() - start)
                stats = run.rpc_stats
            figures[label] = {"mean_s": statistics.fmean(times), "resources": len(capture.resources),
                              "rpc": stats}
        return figures


def report() -> None:
    print("\nisolation (issue 13): the program in a process of its own, over the monitor protocol")
    cli = cli_figures()
    verdict = "PASS" if cli["ratio"] <= TARGET_RATIO else "MISS"
    print(f"  sovereign preview, eu stack, end to end (median of {RUNS}, fresh processes)")
    print(f"    isolated (the CLI)          {cli['isolated']:8.2f} s   runs: "
          + ", ".join(f"{t:.2f}" for t in cli["isolated_s"]))
    print(f"    in-process reference        {cli['in_process']:8.2f} s   runs: "
          + ", ".join(f"{t:.2f}" for t in cli["in_process_s"]))
    print(f"    ratio isolated / in-process {cli['ratio']:8.2f} x   target <= {TARGET_RATIO}x: {verdict}")
    zyg = zygote_figures()
    print("  per run, forked from a ready zygote (one process, mean of "
          f"{RUNS}: fork + program + monitor + completion check)")
    for label, f in zyg.items():
        print(f"    {label:<27} {f['mean_s']:8.2f} s   ({f['resources']} registrations)")
    stats = zyg.get("eu stack", {}).get("rpc")
    if stats is not None:
        shown = ", ".join(f"{name} {stats.calls[name]} ({stats.seconds[name]:.3f} s)"
                          for name in sorted(stats.calls, key=lambda n: -stats.calls[n]))
        print(f"  RPCs of one eu run (calls, monitor time): {shown}")
