"""Saga orchestration with sovereignty: regulated steps run in the origin region, the remote
step receives a reference and metadata only.

:class:`Saga` is a small generic orchestrator:

- steps run in order; on a failure, the completed steps are compensated in *reverse* order and
  :class:`SagaFailed` is raised (the source design's ``catch { Cancel...; throw; }``);
- steps are idempotent: each is journaled under ``(saga id, step name)`` and a retried run
  (redelivered trigger, crash and restart) skips what is done and returns the stored result;
  compensations are journaled the same way, and a compensated saga stays compensated;
- causality is stamped by the orchestrator, not trusted to services: every event a step emits
  gets ``causationId`` = the event that triggered the step (the command for the first step,
  then the last event of the previous step) and ``correlationId`` = the saga's.

:class:`SovereignOrderSaga` is the source design's order saga on top of it: create the order in
the origin region, reserve inventory in another region through the
:class:`~.publisher.CrossBoundaryPublisher` (which accepts only ``MetadataEvent``), confirm in
the origin region. Pure: services, transport and journal are injected.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from .contract import AnyEvent, SovereignEvent
from .projection import to_metadata
from .publisher import CrossBoundaryPublisher

__all__ = [
    "InMemorySagaJournal",
    "OrderCommand",
    "OrderItem",
    "OrderService",
    "Saga",
    "SagaContext",
    "SagaFailed",
    "SagaJournal",
    "SagaOutcome",
    "SagaStep",
    "SovereignOrderSaga",
    "StepResult",
]

_STATUS_KEY = "__status__"


class SagaJournal(Protocol):
    """Durable record of completed steps, keyed by saga id and step key."""

    def get(self, saga_id: str, key: str) -> Any | None: ...

    def put(self, saga_id: str, key: str, value: Any) -> None: ...


class InMemorySagaJournal:
    """A :class:`SagaJournal` in a dict (tests; production keeps it in the origin region's store)."""

    def __init__(self) -> None:
        self.entries: dict[tuple[str, str], Any] = {}

    def get(self, saga_id: str, key: str) -> Any | None:
        return self.entries.get((saga_id, key))

    def put(self, saga_id: str, key: str, value: Any) -> None:
        self.entries[(saga_id, key)] = value


@dataclass(frozen=True)
class StepResult:
    """What a step produced: the events it emitted and a value later steps may read."""

    events: tuple[AnyEvent, ...] = ()
    value: Any = None


@dataclass
class SagaContext:
    """Handed to each step: ids, the current causation, and earlier steps' results."""

    saga_id: str
    correlation_id: str
    causation_id: str
    results: dict[str, StepResult] = field(default_factory=dict)

    def stamp(self, event: AnyEvent) -> AnyEvent:
        """``event`` with this step's causation and the saga's correlation."""
        return event.model_copy(update={"causation_id": self.causation_id, "correlation_id": self.correlation_id})


@dataclass(frozen=True)
class SagaStep:
    """One step and its compensation (None when there is nothing to undo)."""

    name: str
    action: Callable[[SagaContext], StepResult]
    compensation: Callable[[SagaContext, StepResult], StepResult | None] | None = None


@dataclass(frozen=True)
class SagaOutcome:
    """The result of a run: ``completed`` or ``compensated``, with every event emitted."""

    saga_id: str
    status: str
    events: tuple[AnyEvent, ...]
    results: Mapping[str, StepResult]
    failed_step: str | None = None
    compensated: tuple[str, ...] = ()
    error: str | None = None


class SagaFailed(Exception):
    """A step failed; the completed steps were compensated in reverse order."""

    def __init__(self, outcome: SagaOutcome) -> None:
        self.outcome = outcome
        super().__init__(
            f"saga {outcome.saga_id} failed at step {outcome.failed_step!r} ({outcome.error}); "
            f"compensated: {', '.join(outcome.compensated) or 'nothing'}"
        )


class Saga:
    """Runs ``steps`` with compensation, idempotency and causality (see the module doc)."""

    def __init__(self, steps: Sequence[SagaStep], journal: SagaJournal) -> None:
        names = [s.name for s in steps]
        if len(set(names)) != len(names) or _STATUS_KEY in names:
            raise ValueError(f"saga step names must be unique: {names}")
        self.steps = tuple(steps)
        self.journal = journal

    def run(self, saga_id: str, *, correlation_id: str, trigger_id: str) -> SagaOutcome:
        finished = self.journal.get(saga_id, _STATUS_KEY)
        if isinstance(finished, SagaOutcome):
            if finished.status == "compensated":
                raise SagaFailed(finished)
            return finished
        ctx = SagaContext(saga_id, correlation_id, trigger_id)
        events: list[AnyEvent] = []
        done: list[SagaStep] = []
        for step in self.steps:
            result = self.journal.get(saga_id, step.name)
            if result is None:
                try:
                    result = self._stamped(ctx, step.action(ctx))
                except Exception as exc:
                    outcome = self._compensate(ctx, done, events, step.name, exc)
                    self.journal.put(saga_id, _STATUS_KEY, outcome)
                    raise SagaFailed(outcome) from exc
                self.journal.put(saga_id, step.name, result)
            ctx.results[step.name] = result
            events.extend(result.events)
            done.append(step)
            if result.events:
                ctx.causation_id = result.events[-1].id
        outcome = SagaOutcome(saga_id, "completed", tuple(events), dict(ctx.results))
        self.journal.put(saga_id, _STATUS_KEY, outcome)
        return outcome

    def _stamped(self, ctx: SagaContext, result: StepResult | None) -> StepResult:
        result = result or StepResult()
        return StepResult(tuple(ctx.stamp(e) for e in result.events), result.value)

    def _compensate(
        self, ctx: SagaContext, done: list[SagaStep], events: list[AnyEvent], failed: str, exc: Exception
    ) -> SagaOutcome:
        compensated: list[str] = []
        for step in reversed(done):
            key = f"compensate:{step.name}"
            result = ctx.results[step.name]
            if step.compensation is not None and self.journal.get(ctx.saga_id, key) is None:
                # The compensation is caused by the event it undoes.
                ctx.causation_id = result.events[-1].id if result.events else ctx.causation_id
                undo = self._stamped(ctx, step.compensation(ctx, result))
                self.journal.put(ctx.saga_id, key, undo)
                events.extend(undo.events)
            compensated.append(step.name)
        return SagaOutcome(
            ctx.saga_id, "compensated", tuple(events), dict(ctx.results),
            failed_step=failed, compensated=tuple(compensated), error=f"{type(exc).__name__}: {exc}",
        )


# --- The source design's sovereign order saga ---------------------------------------------


@dataclass(frozen=True)
class OrderItem:
    sku: str
    quantity: int = 1


@dataclass(frozen=True)
class OrderCommand:
    """The command that starts the saga; ``customer`` is regulated and stays in the origin."""

    command_id: str
    correlation_id: str
    order_id: str
    data_region: str
    items: tuple[OrderItem, ...]
    customer: Mapping[str, Any] = field(default_factory=dict)


class OrderService(Protocol):
    """The order service in the origin region (it owns the regulated data)."""

    def create_order(self, command: OrderCommand) -> SovereignEvent: ...

    def confirm_order(self, order_id: str, reservation_id: str) -> SovereignEvent: ...

    def cancel_order(self, order_id: str) -> SovereignEvent: ...


class SovereignOrderSaga:
    """create (origin) -> reserve (remote, metadata only) -> confirm (origin)."""

    STEPS = ("create_order", "reserve_inventory", "confirm_order")

    def __init__(self, orders: OrderService, inventory: CrossBoundaryPublisher, journal: SagaJournal) -> None:
        self.orders = orders
        self.inventory = inventory
        self.journal = journal

    def execute(self, command: OrderCommand) -> SagaOutcome:
        """Run the saga for ``command``; raises :class:`SagaFailed` after compensating."""
        saga = Saga(self._steps(command), self.journal)
        return saga.run(f"order-saga:{command.order_id}", correlation_id=command.correlation_id, trigger_id=command.command_id)

    def _steps(self, command: OrderCommand) -> list[SagaStep]:
        def create(ctx: SagaContext) -> StepResult:
            created = self.orders.create_order(command)
            return StepResult((created,), created.aggregate_id)

        def cancel(ctx: SagaContext, result: StepResult) -> StepResult:
            return StepResult((self.orders.cancel_order(command.order_id),))

        def reserve(ctx: SagaContext) -> StepResult:
            created = ctx.results["create_order"].events[0]  # as stamped by the saga
            request = to_metadata(
                created,
                event_type="InventoryReservationRequested",
                references={"orderReference": command.order_id, "skus": [i.sku for i in command.items]},
            )
            reply = self.inventory.publish(request) or {}
            reservation = reply.get("reservationId")
            if not reservation:
                raise RuntimeError(f"inventory in {self.inventory.target} returned no reservationId")
            return StepResult((request,), str(reservation))

        def release(ctx: SagaContext, result: StepResult) -> StepResult:
            created = ctx.results["create_order"].events[0]
            request = to_metadata(
                created,
                event_type="InventoryReleaseRequested",
                references={"orderReference": command.order_id, "reservationId": result.value},
            )
            self.inventory.publish(request)
            return StepResult((request,))

        def confirm(ctx: SagaContext) -> StepResult:
            return StepResult((self.orders.confirm_order(command.order_id, ctx.results["reserve_inventory"].value),))

        return [
            SagaStep("create_order", create, cancel),
            SagaStep("reserve_inventory", reserve, release),
            SagaStep("confirm_order", confirm),
        ]
