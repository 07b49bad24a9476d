"""A linear-time ``wait_for_rpcs`` for offline captures.

pulumi 3.272's ``pulumi.runtime.stack.wait_for_rpcs`` drains outstanding outputs with
``asyncio.wait(pending, return_when=FIRST_COMPLETED)`` in a loop: every round adds a done-callback
to every pending task and usually retires one, so a program with N resources (each leaving ~20
output tasks) costs O(N^2) callbacks (25% of a 600-resource capture; dominant at 5,000).

:func:`wait_for_rpcs_linear` awaits the pending tasks one after another instead. Why this is
safe: all tasks keep running concurrently on the loop while one is awaited, so nothing waits
longer than before; the same RPCs are drained, and outputs scheduled meanwhile are picked up by
the same re-check loop. The one difference is which error surfaces first when several tasks
fail (the first in creation order rather than the first to finish); the capture reports one
error either way. A task of another event loop (a leftover of an earlier run that was not
reset) raises ``RuntimeError`` when awaited instead of hanging forever as in ``asyncio.wait``.

:func:`linear_wait` installs it for one capture: ``run_pulumi_func`` looks ``wait_for_rpcs``
up in ``pulumi.runtime.stack`` at call time. The swap is process-wide, so the runner holds its
capture lock around it (captures in one process run one at a time anyway: cwd and ``sys.path``
are process state too).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager


async def wait_for_rpcs_linear(await_all_outstanding_tasks: bool = True) -> None:
    from pulumi.runtime.settings import SETTINGS, _get_rpc_manager

    rpc_manager = _get_rpc_manager()
    while True:
        while len(rpc_manager.rpcs) > 0:
            await asyncio.sleep(0)
            try:
                await rpc_manager.rpcs.pop()
            except Exception as exn:
                if rpc_manager.unhandled_exception is not None:
                    cause = rpc_manager.unhandled_exception.with_traceback(rpc_manager.exception_traceback)
                    raise exn from cause
                raise
        if rpc_manager.unhandled_exception is not None:
            raise rpc_manager.unhandled_exception.with_traceback(rpc_manager.exception_traceback)
        if await_all_outstanding_tasks:
            while True:
                with SETTINGS.lock:
                    if len(SETTINGS.outputs) == 0:
                        break
                    pending = list(SETTINGS.outputs)
                    SETTINGS.outputs.clear()
                for task in pending:
                    await task
        if len(rpc_manager.rpcs) == 0:
            break


@contextmanager
def linear_wait() -> Iterator[None]:
    """Swap the SDK's ``wait_for_rpcs`` for :func:`wait_for_rpcs_linear` (restored after)."""
    import pulumi.runtime.stack as stack

    real = stack.wait_for_rpcs
    stack.wait_for_rpcs = wait_for_rpcs_linear  # type: ignore[assignment]
    try:
        yield
    finally:
        stack.wait_for_rpcs = real
