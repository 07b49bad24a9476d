"""Reset the pulumi runtime's global state for one in-process run, and give it its own loop.

The Python SDK keeps its state in context variables behind ``pulumi.runtime.settings.SETTINGS``
(monitor, engine, project, stack, dry run, the RPC manager, the set of outstanding output tasks,
its lock, feature flags, package refs), plus ``ROOT`` (the root stack resource) and the config
map and secret keys. Constructing a ``Settings`` sets *every* one of them (its properties are
class-level context variables), which is why the engine does that rather than ``set_mocks``:
``set_mocks`` (``MockSettings``) replaces the RPC manager but not ``outputs`` or ``lock``, so
output tasks left by an earlier ``set_mocks`` user in the same context — tasks of an event loop
that is closed now — are still in the set, and ``wait_for_rpcs`` then waits on them forever
(the full-suite hang of ``tests/gate/test_alias_drop.py`` after the component tests).

Everything that runs a program in-process (the engine's runner, the bench's floor and alias
reference) calls :func:`reset_runtime` inside a fresh ``contextvars`` context and
:func:`fresh_event_loop`; a caller may still call ``set_mocks`` afterwards (the floor does, to
measure plain SDK mocks): it then starts from a clean slate.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any

ORGANIZATION = "organization"


def reset_runtime(
    *,
    project: str,
    stack: str,
    monitor: Any,
    engine: Any,
    dry_run: bool,
    config: Mapping[str, str],
    secret_keys: Iterable[str] = (),
    root_directory: str | None = None,
) -> None:
    """Fresh runtime settings (new RPC manager, empty outputs set, new lock), no root stack,
    ``config`` as the config map. Call inside a context of its own (``contextvars``)."""
    from google.protobuf import empty_pb2
    from pulumi.runtime import config as rt_config
    from pulumi.runtime import settings as rt_settings

    rt_settings.ROOT.set(None)
    rt_config.CONFIG.set(dict(config))
    rt_config._SECRET_KEYS.set(set(secret_keys))
    settings = rt_settings.Settings(
        project=project,
        stack=stack,
        monitor=monitor,
        engine=engine,
        dry_run=dry_run,
        organization=ORGANIZATION,
        root_directory=root_directory,
    )
    settings.monitor_features = set(monitor.GetDeploymentInfo(empty_pb2.Empty()).supportedFeatures)
    rt_settings.configure(settings)


class _LoopClosingExecutor(ThreadPoolExecutor):
    """The run's thread pool for RPCs (``run_in_executor(None, ...)``), whose threads each get an
    event loop the pool closes on shutdown.

    ``MockMonitor.RegisterResource`` calls ``_ensure_event_loop()`` on the worker thread, which
    creates a loop per thread and never closes it. Such loops are found by the garbage
    collector later, wherever it happens to run, and their ``__del__`` (a ResourceWarning and a
    failing ``close``) then formats a traceback; under CPython 3.11 that re-enters ``ast.parse``
    and, if the collection interrupted someone else's ``ast.parse``, fails it with
    "SystemError: AST constructor recursion depth mismatch" (seen in an unrelated test of the
    suite). Giving each thread its loop up front, and closing them all when the run ends, leaves
    nothing for the collector to finalise.
    """

    def __init__(self) -> None:
        self.thread_loops: list[asyncio.AbstractEventLoop] = []
        self._loops_lock = threading.Lock()
        super().__init__(thread_name_prefix="sovereign-rpc", initializer=self._thread_loop)

    def _thread_loop(self) -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        with self._loops_lock:
            self.thread_loops.append(loop)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        super().shutdown(wait=True, cancel_futures=cancel_futures)  # threads gone before loops close
        with self._loops_lock:
            loops, self.thread_loops = self.thread_loops, []
        for loop in loops:
            if not loop.is_closed():
                loop.close()


@contextlib.contextmanager
def fresh_event_loop() -> Iterator[asyncio.AbstractEventLoop]:
    """A new event loop set as current, with a thread pool of its own; on exit its leftover
    tasks are cancelled and awaited, the pool's threads and their loops are shut down, and the
    loop is closed and unset, so no task, thread or loop outlives the run."""
    loop = asyncio.new_event_loop()
    executor = _LoopClosingExecutor()
    loop.set_default_executor(executor)
    asyncio.set_event_loop(loop)
    try:
        yield loop
    finally:
        for task in asyncio.all_tasks(loop):
            task.cancel()
            with contextlib.suppress(BaseException):
                loop.run_until_complete(task)
        executor.shutdown(wait=True)
        loop.close()
        asyncio.set_event_loop(None)
