"""The sovereign order saga: reverse compensation on a failure at each step, idempotent steps,
causation/correlation propagated, and only MetadataEvents cross the boundary."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest
from runtime_events import make_event

from sovereign_components.events.contract import MetadataEvent, SovereignEvent
from sovereign_components.events.projection import to_metadata
from sovereign_components.events.publisher import CrossBoundaryPublisher, NotMetadataError, RecordingTransport
from sovereign_components.events.saga import (
    InMemorySagaJournal,
    OrderCommand,
    OrderItem,
    SagaFailed,
    SovereignOrderSaga,
)

COMMAND = OrderCommand(
    command_id="cmd-1", correlation_id="corr-saga", order_id="order-1", data_region="EU",
    items=(OrderItem("SKU-1", 2), OrderItem("SKU-2")), customer={"name": "Ada", "email": "ada@example.eu"},
)


class Orders:
    """The origin region's order service; records calls in order, fails where told."""

    def __init__(self, calls: list[str], fail: str | None = None) -> None:
        self.calls, self.fail = calls, fail

    def _event(self, name: str, event_type: str, **payload: Any) -> SovereignEvent:
        self.calls.append(name)
        if self.fail == name:
            raise RuntimeError(f"{name} failed")
        return make_event("EU", id=f"evt-{name}", event_type=event_type, causation_id="wrong", correlation_id="wrong",
                          payload=payload)

    def create_order(self, command: OrderCommand) -> SovereignEvent:
        return self._event("create", "OrderCreated", customer=dict(command.customer))

    def confirm_order(self, order_id: str, reservation_id: str) -> SovereignEvent:
        return self._event("confirm", "OrderConfirmed", reservation=reservation_id)

    def cancel_order(self, order_id: str) -> SovereignEvent:
        return self._event("cancel", "OrderCancelled")


def build(fail: str | None = None, journal: InMemorySagaJournal | None = None) -> tuple[SovereignOrderSaga, list[str], RecordingTransport]:
    calls: list[str] = []

    def inventory(event: MetadataEvent) -> Mapping[str, Any]:
        kind = "reserve" if event.event_type == "InventoryReservationRequested" else "release"
        calls.append(kind)
        if fail == kind:
            raise RuntimeError(f"{kind} failed")
        return {"reservationId": "res-1"} if kind == "reserve" else {}

    transport = RecordingTransport(inventory)
    saga = SovereignOrderSaga(Orders(calls, fail), CrossBoundaryPublisher(transport, "US"), journal or InMemorySagaJournal())
    return saga, calls, transport


def test_happy_path_and_causality() -> None:
    saga, calls, transport = build()
    outcome = saga.execute(COMMAND)
    assert outcome.status == "completed" and calls == ["create", "reserve", "confirm"]
    created, reserve, confirmed = outcome.events
    assert {e.correlation_id for e in outcome.events} == {"corr-saga"}
    assert created.causation_id == "cmd-1"           # caused by the command
    assert reserve.causation_id == created.id         # caused by the order it reserves for
    assert confirmed.causation_id == reserve.id       # caused by the reservation step
    assert isinstance(reserve, MetadataEvent)
    assert reserve.references == {"orderReference": "order-1", "skus": ["SKU-1", "SKU-2"]}
    sent = transport.sent[0]
    assert "Ada" not in sent.to_json() and "ada@example.eu" not in sent.to_json()  # PII stays home


@pytest.mark.parametrize(
    ("fail", "expected_calls", "compensated"),
    [
        ("create", ["create"], ()),
        ("reserve", ["create", "reserve", "cancel"], ("create_order",)),
        ("confirm", ["create", "reserve", "confirm", "release", "cancel"], ("reserve_inventory", "create_order")),
    ],
)
def test_failure_compensates_in_reverse(fail: str, expected_calls: list[str], compensated: tuple[str, ...]) -> None:
    saga, calls, _ = build(fail)
    with pytest.raises(SagaFailed) as info:
        saga.execute(COMMAND)
    assert calls == expected_calls
    assert info.value.outcome.compensated == compensated
    assert info.value.outcome.failed_step == {"create": "create_order", "reserve": "reserve_inventory", "confirm": "confirm_order"}[fail]


def test_compensation_events_are_caused_by_what_they_undo() -> None:
    saga, _, transport = build("confirm")
    with pytest.raises(SagaFailed) as info:
        saga.execute(COMMAND)
    events = {e.event_type: e for e in info.value.outcome.events}
    assert events["InventoryReleaseRequested"].causation_id == events["InventoryReservationRequested"].id
    assert events["OrderCancelled"].causation_id == events["OrderCreated"].id
    assert transport.sent[-1].references == {"orderReference": "order-1", "reservationId": "res-1"}


def test_retried_saga_runs_each_step_once() -> None:
    journal = InMemorySagaJournal()
    saga, calls, _ = build(journal=journal)
    first = saga.execute(COMMAND)
    again, calls_again, _ = build(journal=journal)
    assert again.execute(COMMAND) == first and calls_again == []
    assert calls == ["create", "reserve", "confirm"]


class Crash(BaseException):
    """The process dies mid-step (not an Exception: nothing compensates, nothing is recorded)."""


def test_resume_after_a_crash_skips_done_steps() -> None:
    journal = InMemorySagaJournal()
    saga, first_calls, _ = build(journal=journal)

    def crash(order_id: str, reservation_id: str) -> SovereignEvent:
        first_calls.append("confirm")
        raise Crash

    saga.orders.confirm_order = crash  # type: ignore[method-assign]
    with pytest.raises(Crash):
        saga.execute(COMMAND)
    resumed, resumed_calls, _ = build(journal=journal)
    outcome = resumed.execute(COMMAND)
    assert first_calls == ["create", "reserve", "confirm"]
    assert outcome.status == "completed" and resumed_calls == ["confirm"]  # create/reserve not redone
    assert [e.event_type for e in outcome.events] == ["OrderCreated", "InventoryReservationRequested", "OrderConfirmed"]


def test_compensated_saga_stays_compensated() -> None:
    journal = InMemorySagaJournal()
    saga, _, _ = build("reserve", journal=journal)
    with pytest.raises(SagaFailed):
        saga.execute(COMMAND)
    retry, calls, _ = build(journal=journal)
    with pytest.raises(SagaFailed):
        retry.execute(COMMAND)
    assert calls == []  # nothing re-run, nothing compensated twice


# --- the publisher: the only door out -------------------------------------------------------


def test_publisher_refuses_a_sovereign_event() -> None:
    publisher = CrossBoundaryPublisher(RecordingTransport(), "US")
    with pytest.raises(NotMetadataError):
        publisher.publish(make_event("EU"))  # type: ignore[arg-type]


def test_publisher_refuses_a_subclass_with_a_payload() -> None:
    class Leaky(MetadataEvent):
        payload: dict[str, Any] = {}

    meta = to_metadata(make_event("EU"))
    leaky = Leaky.model_validate({**meta.to_wire(), "payload": {"customerId": "c"}})
    transport = RecordingTransport()
    with pytest.raises(NotMetadataError):
        CrossBoundaryPublisher(transport, "US").publish(leaky)
    assert transport.sent == []


def test_publisher_revalidates_unvalidated_instances() -> None:
    forged = MetadataEvent.model_construct(**{**dict(to_metadata(make_event("EU"))), "data_classification": "Restricted"})
    with pytest.raises(NotMetadataError):
        CrossBoundaryPublisher(RecordingTransport(), "US").publish(forged)


def test_projection_is_deterministic_and_non_regulated() -> None:
    event = make_event("EU")
    first, second = to_metadata(event), to_metadata(event)
    assert first.id == second.id and first.causation_id == event.id
    assert first.data_classification == "Internal" and first.data_region == "EU"
