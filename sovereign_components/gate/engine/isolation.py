"""The isolated capture (the gate's only mode) against the trusted in-process reference.

Both run the same emulation (``emulation.py``): isolated, the program is a process of its own
talking gRPC to the monitor this process serves (``isolated.py``); in-process, it calls the same
emulator directly (``inprocess.py``, with the alias drop and the linear ``wait_for_rpcs``).
:func:`measure_isolation` times both on one program and checks that they captured the same
thing (same URNs, inputs, parents, dependencies, property dependencies, ids and notes).

What the figures mean: ``in_process_s[0]`` pays for importing pulumi and the azure-native
modules the program uses unless this process imported them already (``warm_imports``);
later in-process runs reuse the loaded modules. The first isolated runs start a fresh
interpreter each; from the second one a zygote (``zygote.py``) is started, and once it is ready
each run is a fork of it with the SDKs already imported (``zygote_s``: the runs that forked).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path
from typing import Any

from ..model import Capture


def _comparable(capture: Capture) -> dict[str, Any]:
    """A capture as plain JSON-shaped data (what the worker sends back), for equality checks."""
    import json

    return json.loads(json.dumps(capture.to_dict()))


def _timed(run: Any) -> tuple[float, Capture]:
    start = time.perf_counter()
    capture = run()
    return time.perf_counter() - start, capture


def _summary(times: list[float]) -> dict[str, float]:
    return {"mean_s": statistics.fmean(times), "min_s": min(times), "max_s": max(times)}


def measure_isolation(cwd: Path | str, stack: str, runs: int = 3, *, unknowns: bool = False) -> dict[str, Any]:
    """Time ``runs`` in-process captures and ``runs`` isolated captures of one program.

    Returns ``{"program", "stack", "runs", "warm_imports", "in_process_s": [...],
    "isolated_s": [...], "in_process": {mean_s, min_s, max_s}, "isolated": {...},
    "in_process_after_first": {...} (runs > 1), "identical": bool, "resources": int}``.
    ``identical`` is True when every capture (both modes, every run) equals the first, as
    JSON data. The program must run under this interpreter (no foreign virtualenv).
    """
    from ...stack_config.project import load_project
    from .inprocess import capture_in_process
    from .isolated import capture_isolated

    if runs < 1:
        raise ValueError("runs must be at least 1")
    project = load_project(Path(cwd), stack)
    warm = "pulumi.runtime" in sys.modules

    in_process = [_timed(lambda: capture_in_process(project, unknowns=unknowns)) for _ in range(runs)]
    isolated = [_timed(lambda: capture_isolated(project, unknowns=unknowns)) for _ in range(runs)]

    reference = _comparable(in_process[0][1])
    identical = all(_comparable(c) == reference for _, c in [*in_process, *isolated])
    in_times = [t for t, _ in in_process]
    sub_times = [t for t, _ in isolated]
    figures: dict[str, Any] = {
        "program": str(project.directory),
        "stack": stack,
        "runs": runs,
        "warm_imports": warm,
        "in_process_s": in_times,
        "isolated_s": sub_times,
        "in_process": _summary(in_times),
        "isolated": _summary(sub_times),
        "identical": identical,
        "resources": len(reference["resources"]),
    }
    if runs > 1:
        figures["in_process_after_first"] = _summary(in_times[1:])
    return figures


def format_figures(figures: dict[str, Any]) -> str:
    """Two lines a person can read (mean/min/max per mode, and whether captures agreed)."""
    lines = []
    for mode in ("in_process", "isolated"):
        f = figures[mode]
        lines.append(f"{mode:<11} {figures['runs']} runs: mean {f['mean_s']:.2f} s "
                     f"(min {f['min_s']:.2f}, max {f['max_s']:.2f})")
    lines.append(f"identical captures: {figures['identical']}; resources: {figures['resources']}")
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover - manual measurement: python -m ... DIR STACK [RUNS]
    args = sys.argv[1:]
    result = measure_isolation(args[0], args[1], int(args[2]) if len(args) > 2 else 3)
    print(format_figures(result))
