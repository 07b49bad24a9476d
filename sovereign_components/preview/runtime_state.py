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
from collections.abc import Iterable, Iterator, Mapping
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


@contextlib.contextmanager
def fresh_event_loop() -> Iterator[asyncio.AbstractEventLoop]:
    """A new event loop set as current; on exit its leftover tasks are cancelled and awaited,
    and it is closed and unset, so no task outlives the run."""
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    try:
        yield loop
    finally:
        for task in asyncio.all_tasks(loop):
            task.cancel()
            with contextlib.suppress(BaseException):
                loop.run_until_complete(task)
        loop.close()
        asyncio.set_event_loop(None)
