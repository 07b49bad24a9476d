"""``pulumi.runtime.Mocks`` over the engine's emulation, for unit tests that use ``set_mocks``.

The gate itself never runs a program under mocks (it serves the real monitor protocol, see
:mod:`.isolated`); component unit tests and the bench's plain-SDK floor still do, and they answer
with the same ids, outputs and invokes the gate's monitor gives (:mod:`.outputs`,
:mod:`.invokes`), so a component sees the same values in both.
"""

from __future__ import annotations

import threading
from typing import Any

from pulumi.runtime import MockCallArgs, Mocks, MockResourceArgs
from pulumi.runtime.mocks import MockMonitor
from pulumi.runtime.settings import get_project, get_stack

from . import invokes, outputs, urns
from .identity import Identity, stack_identity


class OfflineMocks(Mocks):
    """Full mode: ARM-shaped ids and every declared output (typed placeholders where Azure
    computes them); unknowns mode: ids and computed outputs unknown. Invokes answered from the SDK."""

    def __init__(self, *, unknowns: bool = False) -> None:
        self.unknowns = unknowns
        #: One line per emulated invoke, in call order.
        self.invoke_log: list[str] = []
        #: Invokes that could not be emulated.
        self.errors: list[invokes.UnemulatedInvokeError] = []
        self._lock = threading.Lock()

    @staticmethod
    def _identity() -> Identity:
        """The mocked stack's identity, derived as the gate's monitor derives it."""
        return stack_identity(get_project(), get_stack())

    @staticmethod
    def _schema() -> Any:
        from ..sdk import load_schema

        return load_schema()

    def new_resource(self, args: MockResourceArgs) -> tuple[str | None, dict[str, Any]]:
        custom = bool(args.custom) if args.custom is not None else True
        spec = self._schema().resource(args.typ) if custom else None
        reply = outputs.answer(args.typ, args.name, dict(args.inputs), spec, custom=custom, unknowns=self.unknowns,
                               identity=self._identity())
        return (reply.id or None) if custom else "", reply.program

    def call(self, args: MockCallArgs) -> dict[str, Any]:
        call_args = dict(args.args or {})
        try:
            result, source = invokes.answer(args.token, call_args, self._schema(), self._identity())
        except invokes.UnemulatedInvokeError as exc:
            with self._lock:
                self.errors.append(exc)
            raise
        with self._lock:
            self.invoke_log.append(invokes.describe(args.token, call_args, source))
        return result


class EngineUrnMonitor(MockMonitor):
    """``MockMonitor`` whose URNs are the engine's (the bench's plain-mocks reference uses it)."""

    def make_urn(self, parent: str, type_: str, name: str) -> str:
        return urns.make_urn(get_stack(), get_project(), parent, type_, name)
