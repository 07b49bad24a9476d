"""The ``pulumi.runtime.Mocks`` the engine runs programs under.

Full mode: outputs = inputs + the computed outputs the components read (``arm.computed_outputs``)
and ARM-shaped ids. Unknowns mode (``--unknowns``, preview-faithful): no id and no computed
output; with ``preview=True`` the SDK then resolves them as unknown, as ``pulumi preview`` does
for resources about to be created. The one exception is an output whose type differs from its
input (``identity.userAssignedIdentities``: list in, map out): it gets the response shape with
its computed values unknown (``arm.preview_outputs``), else the SDK rejects the answer. Invokes are answered from ``invokes.py`` in both modes
(real previews run invokes too).
"""

from __future__ import annotations

import threading
from typing import Any

from pulumi.runtime import Mocks, MockCallArgs, MockResourceArgs

from . import arm
from . import invokes


class OfflineMocks(Mocks):
    def __init__(self, *, unknowns: bool = False) -> None:
        self.unknowns = unknowns
        #: One line per emulated invoke, in call order (the report's "emulated" list).
        self.invoke_log: list[str] = []
        #: Invokes that could not be emulated; the runner turns the first into exit 2.
        self.errors: list[invokes.UnemulatedInvokeError] = []
        self._lock = threading.Lock()

    def new_resource(self, args: MockResourceArgs) -> tuple[str | None, dict[str, Any]]:
        inputs = dict(args.inputs)
        if not args.custom:
            return "", inputs  # components have no id
        if self.unknowns:
            # ids and computed outputs stay unknown; outputs typed unlike their input get the
            # response shape (their computed parts unknown) so the SDK accepts them
            return "", {**inputs, **arm.preview_outputs(args.typ, args.name, inputs)}
        if args.typ.startswith("pulumi:providers:"):
            return arm.stable_guid(args.typ, args.name), inputs
        outputs = dict(inputs)
        outputs.update(arm.computed_outputs(args.typ, args.name, inputs))
        return arm.arm_id(args.typ, args.name, inputs), outputs

    def call(self, args: MockCallArgs) -> dict[str, Any]:
        call_args = dict(args.args or {})
        try:
            result = invokes.answer(args.token, call_args)
        except invokes.UnemulatedInvokeError as exc:
            with self._lock:
                self.errors.append(exc)
            raise
        with self._lock:
            self.invoke_log.append(invokes.describe(args.token, call_args))
        return result
