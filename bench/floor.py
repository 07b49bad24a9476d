"""The floor: the same program under plain SDK mocks, nothing else; and the SDK's alias URNs.

``pulumi.runtime.set_mocks`` with the engine's ``Mocks`` (inputs echoed plus ARM-shaped ids and
the computed outputs programs read, invokes from the placeholder table: without them a real
program such as the eu stack fails on a missing output), a plain ``MockMonitor`` (no capture,
no provider-default emulation), run the program, wait for every outstanding RPC and output
(the SDK's own ``wait_for_rpcs``, what ``@pulumi.runtime.test`` does). No alias drop, no linear
wait, no GC tuning, no capture, no analysis: what any mock-based run of the program costs.

The runtime is reset with the engine's own code (``engine/runtime_state.py``: a fresh context,
settings, event loop) before ``set_mocks``: ``set_mocks`` alone keeps the output tasks an
earlier ``set_mocks`` user left in the context, and waiting on those tasks of a closed loop
hung the full test suite. cwd and ``sys.path`` come from the engine's ``sandbox`` too.
"""

from __future__ import annotations

import contextvars
import runpy
import sys
import time
from pathlib import Path
from typing import Any


def _bare(project: Any, aliases_out: dict[str, list[str]] | None = None) -> tuple[float, int]:
    import pulumi
    from pulumi.runtime.mocks import MockEngine, MockMonitor
    from pulumi.runtime.stack import wait_for_rpcs

    from sovereign_components.gate.engine.mocks import EngineUrnMonitor, OfflineMocks
    from sovereign_components.gate.engine.runtime_state import fresh_event_loop, reset_runtime
    from sovereign_components.gate.engine.sandbox import user_code_environment

    mocks = OfflineMocks()
    # the alias reference needs the engine's URNs to be comparable; timing uses the SDK's monitor
    monitor = EngineUrnMonitor(mocks) if aliases_out is not None else MockMonitor(mocks)
    main_dir = project.main if project.main.is_dir() else project.main.parent
    with fresh_event_loop() as loop, user_code_environment(project.directory, [main_dir, project.directory]):
        reset_runtime(project=project.name, stack=project.stack, monitor=monitor, engine=MockEngine(None),
                      dry_run=False, config=project.config, secret_keys=project.secret_keys,
                      root_directory=str(project.directory))
        start = time.perf_counter()
        pulumi.runtime.set_mocks(mocks, project=project.name, stack=project.stack, preview=False, monitor=monitor)
        created: list[Any] = []
        if aliases_out is not None:
            pulumi.runtime.register_stack_transformation(lambda args: created.append(args.resource))
        runpy.run_path(str(project.main), run_name="__main__")
        loop.run_until_complete(wait_for_rpcs())
        elapsed = time.perf_counter() - start
        if aliases_out is not None:
            loop.run_until_complete(_collect_aliases(created, aliases_out))
    return elapsed, len(monitor.resources)


async def _collect_aliases(created: list[Any], out: dict[str, list[str]]) -> None:
    """Each resource's URN -> the alias URNs the SDK computed (``Resource._aliases``)."""
    for resource in created:
        urn = await resource.urn.future()
        out[urn] = [await alias.future() for alias in resource._aliases]


def sdk_alias_urns(project_dir: Path, stack: str) -> dict[str, list[str]]:
    """Run the program under plain mocks (engine URNs) and return the alias URNs the SDK
    computed for every resource: the reference the engine's alias drop must reproduce."""
    from sovereign_components.stack_config.project import load_project

    out: dict[str, list[str]] = {}
    contextvars.copy_context().run(_bare, load_project(project_dir, stack), out)
    return out


def bare_run(project_dir: Path, stack: str) -> tuple[float, int]:
    """(seconds, resources registered) for the program in ``project_dir`` under plain mocks."""
    from sovereign_components.stack_config.project import load_project

    return contextvars.copy_context().run(_bare, load_project(project_dir, stack))


def main(argv: list[str] | None = None) -> int:
    """``python -m bench.floor --cwd DIR --stack S``: the floor in a fresh process, as JSON.

    A long benchmark process accumulates heap from earlier runs, and the SDK's default GC then
    charges that history to whatever runs next; a fresh process measures the floor as a user's
    mock-based run would see it. An untimed engine capture first imports the azure-native
    modules the program uses (lazily, inside the program), so imports are not charged either.
    """
    import argparse
    import gc
    import json

    parser = argparse.ArgumentParser(prog="python -m bench.floor")
    parser.add_argument("--cwd", type=Path, required=True)
    parser.add_argument("--stack", required=True)
    args = parser.parse_args(argv)
    from sovereign_components.gate.engine.inprocess import capture_in_process
    from sovereign_components.stack_config.project import load_project

    capture_in_process(load_project(args.cwd, args.stack))  # untimed: imports the program's modules here
    gc.collect()
    seconds, count = bare_run(args.cwd, args.stack)
    print(json.dumps({"seconds": seconds, "resources": count}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
