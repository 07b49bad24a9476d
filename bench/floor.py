"""The floor: the same program under plain SDK mocks, nothing else.

``pulumi.runtime.set_mocks`` with the engine's ``Mocks`` (inputs echoed plus ARM-shaped ids and
the computed outputs programs read, invokes from the placeholder table: without them a real
program such as the eu stack fails on a missing output), a plain ``MockMonitor`` (no capture,
no provider-default emulation), run the program, wait for
every outstanding RPC and output (``wait_for_rpcs``, what ``@pulumi.runtime.test`` does). No
capture, no location emulation, no analysis: what any mock-based run of the program costs.
Run in a fresh ``contextvars`` context and event loop, like the engine's runner.
"""

from __future__ import annotations

import asyncio
import contextvars
import os
import runpy
import sys
import time
from pathlib import Path
from typing import Any


def _bare(project_dir: Path, main: Path, project: str, stack: str, config: dict[str, str],
          aliases_out: dict[str, list[str]] | None = None) -> tuple[float, int]:
    import pulumi
    from pulumi.runtime import config as rt_config
    from pulumi.runtime import settings as rt_settings
    from pulumi.runtime.stack import wait_for_rpcs

    from sovereign_components.preview.mocks import OfflineMocks

    mocks = OfflineMocks()
    monitor = pulumi.runtime.mocks.MockMonitor(mocks)
    rt_settings.ROOT.set(None)
    rt_config.CONFIG.set(dict(config))
    rt_config._SECRET_KEYS.set(set())
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    old_cwd, old_path = os.getcwd(), list(sys.path)
    os.chdir(project_dir)
    sys.path.insert(0, str(project_dir))
    try:
        start = time.perf_counter()
        pulumi.runtime.set_mocks(mocks, project=project, stack=stack, preview=False, monitor=monitor)
        created: list[Any] = []
        if aliases_out is not None:
            pulumi.runtime.register_stack_transformation(lambda args: created.append(args.resource))
        runpy.run_path(str(main), run_name="__main__")
        loop.run_until_complete(wait_for_rpcs())
        elapsed = time.perf_counter() - start
        if aliases_out is not None:
            loop.run_until_complete(_collect_aliases(created, aliases_out))
    finally:
        os.chdir(old_cwd)
        sys.path[:] = old_path
        for task in asyncio.all_tasks(loop):
            task.cancel()
        loop.close()
        asyncio.set_event_loop(None)
    return elapsed, len(monitor.resources)


async def _collect_aliases(created: list[Any], out: dict[str, list[str]]) -> None:
    """Each resource's URN -> the alias URNs the SDK computed (``Resource._aliases``)."""
    for resource in created:
        urn = await resource.urn.future()
        out[urn] = [await alias.future() for alias in resource._aliases]


def sdk_alias_urns(project_dir: Path, stack: str) -> dict[str, list[str]]:
    """Run the program under plain mocks and return the alias URNs the SDK computed for every
    resource (the reference the alias drop must reproduce for policies)."""
    from sovereign_components.preview.project import load_project

    proj = load_project(project_dir, stack)
    out: dict[str, list[str]] = {}
    contextvars.copy_context().run(_bare, proj.directory, proj.main, proj.name, stack, dict(proj.config), out)
    return out


def bare_run(project_dir: Path, stack: str) -> tuple[float, int]:
    """(seconds, resources registered) for the program in ``project_dir`` under plain mocks."""
    from sovereign_components.preview.project import load_project

    proj = load_project(project_dir, stack)
    return contextvars.copy_context().run(_bare, proj.directory, proj.main, proj.name, stack, dict(proj.config))


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
    from sovereign_components.preview.engine import capture_program

    from .alias_drop import dropping_aliases_in_engine
    from .fast_wait import linear_wait

    with linear_wait(), dropping_aliases_in_engine():
        capture_program(args.cwd, args.stack)
    gc.collect()
    seconds, count = bare_run(args.cwd, args.stack)
    print(json.dumps({"seconds": seconds, "resources": count}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
