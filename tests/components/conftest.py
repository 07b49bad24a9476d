"""One harness for "an invalid argument registers nothing": the engine's mocks behind a
monitor that records every registration, on a fresh event loop.

Three test modules each carried a hand-written copy of this harness, resetting the runtime by
hand the way that once left tasks of a closed loop behind (the full-suite hang fixed in the
engine); they now share the engine's own loop handling and mocks.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pulumi
import pytest


class CountingMonitor(pulumi.runtime.mocks.MockMonitor):
    """Records each RegisterResource request (components included; the root stack excluded)."""

    def __init__(self, mocks: pulumi.runtime.Mocks) -> None:
        super().__init__(mocks)
        self.requests: list[Any] = []

    def RegisterResource(self, request: Any) -> Any:  # noqa: N802 - gRPC method name
        if request.type != "pulumi:pulumi:Stack":
            self.requests.append(request)
        return super().RegisterResource(request)

    @property
    def types(self) -> list[str]:
        """Every registered type token, components included."""
        return [r.type for r in self.requests]

    @property
    def custom_types(self) -> list[str]:
        """Type tokens of custom resources only (what the mocks' new_resource was asked for)."""
        return [r.type for r in self.requests if r.custom]


@pytest.fixture
def counting() -> Iterator[CountingMonitor]:
    """Fresh engine mocks and a counting monitor, on an event loop of their own that is closed
    (with its leftover tasks and executor threads) when the test ends."""
    from sovereign_components.gate.engine.mocks import OfflineMocks
    from sovereign_components.gate.engine.runtime_state import fresh_event_loop

    with fresh_event_loop():
        pulumi.runtime.settings.ROOT.set(None)  # a root stack from another loop must not be reused
        monitor = CountingMonitor(OfflineMocks())
        pulumi.runtime.set_mocks(monitor.mocks, project="component-test", stack="args", monitor=monitor, preview=False)
        yield monitor
