"""A linear-time ``wait_for_rpcs`` for the offline capture.

pulumi 3.272's ``pulumi.runtime.stack.wait_for_rpcs`` drains outstanding outputs with
``asyncio.wait(pending, return_when=FIRST_COMPLETED)`` in a loop: every round registers a
done-callback on every pending task and usually retires one, so a program with N resources
(each leaving ~20 output tasks) costs O(N^2) callbacks. Profiled at 600 resources, 25% of
the capture time is ``Task.add_done_callback``; at 5,000 resources it dominates.

This variant awaits the pending tasks one after another (each task still runs concurrently on
the loop; awaiting in order only changes which exception surfaces first when several fail —
the first in creation order instead of the first to finish). Same loop, same RPC draining, same
re-check for RPCs/outputs scheduled meanwhile. The engine should install it around its
``run_in_stack`` call (see the report); the bench measures it as a separate stage.
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
    """Swap the SDK's ``wait_for_rpcs`` (looked up by ``run_pulumi_func`` at call time)."""
    import pulumi.runtime.stack as stack

    real = stack.wait_for_rpcs
    stack.wait_for_rpcs = wait_for_rpcs_linear  # type: ignore[assignment]
    try:
        yield
    finally:
        stack.wait_for_rpcs = real
