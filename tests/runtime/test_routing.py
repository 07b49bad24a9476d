"""Event Grid advanced-filter semantics of the routing what-if, and `sovereign route` over a
program whose subscriptions are filtered the way the RegionalEventPlane filters them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sovereign_components.gate.cli import main
from sovereign_components.events import names as contract
from sovereign_components.events.routing import (
    EVENTS_TOPIC,
    METADATA_TOPIC,
    UNRESOLVED_TOPIC,
    RoutingError,
    evaluate_filter,
    fold,
    route,
    subscriptions_from_resources,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "events"
PROGRAM = Path(__file__).resolve().parent / "routing_program"

DOC: dict[str, Any] = {
    "specversion": "1.0", "id": "e1", "type": "OrderPlaced", "source": "/sovereign/Order",
    "subject": "Order/order-1", "dataregion": "EU", "dataclassification": "Confidential",
    "eventversion": 2, "data": {"payload": {"total": 150.0, "express": True, "tags": ["a", "b"], "note": None}},
}


def matches(*filters: dict[str, Any], **extra: Any) -> bool:
    return evaluate_filter({"advancedFilters": list(filters), **extra}, DOC).matched


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        ({"operatorType": "StringIn", "key": "dataregion", "values": ["eu", "westeurope"]}, True),   # case-insensitive
        ({"operatorType": "StringIn", "key": "DataRegion", "values": ["US"]}, False),
        ({"operatorType": "StringNotIn", "key": "dataregion", "values": ["US", "UK"]}, True),
        ({"operatorType": "StringNotIn", "key": "dataregion", "values": ["EU"]}, False),
        ({"operatorType": "StringBeginsWith", "key": "subject", "values": ["order/"]}, True),
        ({"operatorType": "StringEndsWith", "key": "subject", "values": ["-2"]}, False),
        ({"operatorType": "StringContains", "key": "type", "values": ["placed"]}, True),
        ({"operatorType": "NumberIn", "key": "eventversion", "values": [1, 2]}, True),
        ({"operatorType": "NumberGreaterThan", "key": "data.payload.total", "value": 150}, False),
        ({"operatorType": "NumberGreaterThanOrEquals", "key": "data.payload.total", "value": 150}, True),
        ({"operatorType": "NumberLessThan", "key": "data.payload.total", "value": 200}, True),
        ({"operatorType": "NumberLessThanOrEquals", "key": "data.payload.total", "value": 149.99}, False),
        ({"operatorType": "BoolEquals", "key": "data.payload.express", "value": True}, True),
        ({"operatorType": "BoolEquals", "key": "data.payload.express", "value": False}, False),
        ({"operatorType": "IsNotNull", "key": "data.payload.total"}, True),
        ({"operatorType": "IsNotNull", "key": "data.payload.note"}, False),
        ({"operatorType": "IsNullOrUndefined", "key": "data.payload.note"}, True),
        ({"operatorType": "IsNullOrUndefined", "key": "data.payload.absent"}, True),
        ({"operatorType": "NumberIn", "key": "dataregion", "values": [1]}, False),          # wrong type
        ({"operatorType": "StringIn", "key": "eventversion", "values": ["2"]}, False),       # a number is not a string
    ],
)
def test_operator_semantics(flt: dict[str, Any], expected: bool) -> None:
    assert matches(flt) is expected


@pytest.mark.parametrize("operator", ["StringIn", "StringNotIn", "NumberIn", "NumberNotIn", "IsNotNull", "BoolEquals"])
def test_missing_key_does_not_match(operator: str) -> None:
    assert not matches({"operatorType": operator, "key": "data.region", "values": ["EU"], "value": True})


def test_filters_are_anded() -> None:
    region = {"operatorType": "StringIn", "key": "dataregion", "values": ["EU"]}
    public = {"operatorType": "StringIn", "key": "dataclassification", "values": ["Public", "Internal"]}
    assert matches(region) and not matches(region, public)


def test_arrays_need_the_flag() -> None:
    tag = {"operatorType": "StringIn", "key": "data.payload.tags", "values": ["b"]}
    assert not matches(tag)
    assert matches(tag, enableAdvancedFilteringOnArrays=True)


def test_event_types_and_subject() -> None:
    assert not evaluate_filter({"includedEventTypes": ["OrderShipped"]}, DOC).matched
    assert evaluate_filter({"includedEventTypes": ["orderplaced"], "subjectBeginsWith": "ORDER/"}, DOC).matched
    assert not evaluate_filter({"subjectBeginsWith": "ORDER/", "isSubjectCaseSensitive": True}, DOC).matched


def test_unknown_operator_is_an_error() -> None:
    with pytest.raises(RoutingError, match="NumberSomething"):
        matches({"operatorType": "NumberSomething", "key": "dataregion"})


def test_subscriptions_from_captured_dicts() -> None:
    resources = [
        {"type": "azure-native:eventgrid:TopicEventSubscription", "name": "s", "urn": "urn:s",
         "inputs": {"topicName": "eu-events", "labels": ["sovereign-metadata-channel"],
                    "deliveryWithResourceIdentity": {"destination": {"endpointType": "ServiceBusQueue", "resourceId": "/q"}},
                    "filter": {"advancedFilters": []}}},
        {"type": "azure-native:servicebus:Queue", "name": "q", "urn": "urn:q", "inputs": {}},
    ]
    (sub,) = subscriptions_from_resources(resources)
    assert (sub.name, sub.topic, sub.destination_type, sub.destination, sub.metadata_channel) == (
        "s", "eu-events", "ServiceBusQueue", "/q", True)
    assert sub.topic_kind == UNRESOLVED_TOPIC  # no captured topic of that name


TOPIC_ID = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.EventGrid/topics/{}"


def topic_resource(name: str, metadata: bool) -> dict[str, Any]:
    tags = {contract.TOPIC_KIND_TAG: contract.METADATA_TOPIC_KIND} if metadata else {"env": "prod"}
    return {"type": "azure-native:eventgrid:Topic", "name": name, "urn": f"urn:{name}", "id": TOPIC_ID.format(name),
            "inputs": {"topicName": name, "tags": tags}}


def subscription_resource(name: str, **inputs: Any) -> dict[str, Any]:
    return {"type": "azure-native:eventgrid:EventSubscription", "name": name, "urn": f"urn:{name}", "inputs": inputs}


@pytest.mark.parametrize(
    ("inputs", "kind"),
    [
        ({"scope": TOPIC_ID.format("events")}, EVENTS_TOPIC),
        ({"scope": TOPIC_ID.format("meta")}, METADATA_TOPIC),
        ({"scope": TOPIC_ID.format("meta").upper()}, METADATA_TOPIC),           # ARM ids are case-insensitive
        ({"scope": "/subscriptions/x/resourceGroups/y/providers/Microsoft.EventGrid/topics/meta"}, METADATA_TOPIC),
        ({"scope": TOPIC_ID.format("elsewhere")}, UNRESOLVED_TOPIC),
        ({"scope": "/subscriptions/s/resourceGroups/rg"}, UNRESOLVED_TOPIC),
        ({}, UNRESOLVED_TOPIC),
    ],
)
def test_topic_kind_is_resolved_from_captured_topics(inputs: dict[str, Any], kind: str) -> None:
    resources = [topic_resource("events", False), topic_resource("meta", True), subscription_resource("s", **inputs)]
    (sub,) = subscriptions_from_resources(resources)
    assert sub.topic_kind == kind


def test_events_are_routed_only_on_the_topic_they_are_published_to() -> None:
    everything = {"advancedFilters": []}
    subs = subscriptions_from_resources([
        topic_resource("events", False), topic_resource("meta", True),
        subscription_resource("on-events", scope=TOPIC_ID.format("events"), filter=everything),
        subscription_resource("on-meta", scope=TOPIC_ID.format("meta"), filter=everything),
        subscription_resource("unknown", scope=TOPIC_ID.format("other"), filter=everything),
    ])
    full = route(DOC, subs, published_to=EVENTS_TOPIC)
    assert [d.subscription.name for d in full.delivered] == ["on-events", "unknown"]
    meta = route(DOC, subs, published_to=METADATA_TOPIC)
    assert [d.subscription.name for d in meta.delivered] == ["on-meta", "unknown"]
    assert [d.subscription.name for d in route(DOC, subs).delivered] == ["on-events", "on-meta", "unknown"]


@pytest.mark.parametrize(
    ("attribute", "value", "matched"),
    [
        ("dataregion", "eu", True),            # case differs only: Event Grid matches
        ("dataregion", "EU ", False),          # a trailing space is another string
        ("dataregion", "EU\u2003", False),     # an em space too
        ("dataregion", "\u212aR", False),      # Kelvin sign: not 'k' for an ordinal comparison
        ("dataclassification", "INTERNAL", True),
        ("dataclassification", "Internal\u00a0", False),
    ],
)
def test_string_comparison_is_exact_up_to_case(attribute: str, value: str, matched: bool) -> None:
    values = {"dataregion": ["EU", "kr"], "dataclassification": ["Internal"]}[attribute]
    document = {**DOC, attribute: value}
    flt = {"advancedFilters": [{"operatorType": "StringIn", "key": attribute, "values": values}]}
    assert evaluate_filter(flt, document).matched is matched
    assert fold("stra\u00dfe") == "STRA\u00dfE"  # no expansion to SS


@pytest.mark.parametrize(
    "flt",
    [
        {"operatorType": "NumberIn", "key": "eventversion", "values": ["two"]},
        {"operatorType": "NumberGreaterThan", "key": "eventversion", "value": None},
        {"operatorType": "NumberInRange", "key": "eventversion", "values": [[1]]},
        {"operatorType": "StringIn", "key": "dataregion", "values": "EU"},
        {"operatorType": None, "key": "dataregion"},
    ],
)
def test_a_filter_that_cannot_be_evaluated_is_a_routing_error(flt: dict[str, Any]) -> None:
    with pytest.raises(RoutingError):
        evaluate_filter({"advancedFilters": [flt]}, DOC)


# --- `sovereign route` through the CLI and the offline engine ---------------------------------


def route_json(event: str, stack: str, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    assert main(["route", str(EXAMPLES / event), "--stack", stack, "--cwd", str(PROGRAM), "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("stack", ["eu", "us"])
def test_eu_event_reaches_only_eu(stack: str, capsys: pytest.CaptureFixture[str]) -> None:
    report = route_json("eu-order.json", stack, capsys)
    assert [d["subscription"] for d in report["delivered"]] == ["eu-processor"]
    assert all("/namespaces/eu-bus/" in d["destination"] for d in report["delivered"])
    assert "us-processor" in {s["subscription"] for s in report["skipped"]}


@pytest.mark.parametrize("stack", ["eu", "us"])
def test_us_event_reaches_only_us(stack: str, capsys: pytest.CaptureFixture[str]) -> None:
    report = route_json("us-order.json", stack, capsys)
    assert [d["subscription"] for d in report["delivered"]] == ["us-processor"]


def test_metadata_event_reaches_the_metadata_channel(capsys: pytest.CaptureFixture[str]) -> None:
    report = route_json("metadata-order.json", "eu", capsys)
    channels = [d for d in report["delivered"] if d["metadataChannel"]]
    assert [c["subscription"] for c in channels] == ["eu-to-us-metadata"]
    assert "/namespaces/us-bus/queues/metadata-events" in channels[0]["destination"]
    assert channels[0]["topicKind"] == "metadata"
    skipped = {d["subscription"]: d["reason"] for d in report["skipped"]}
    assert "event topic" in skipped["legacy-channel"] and "its filter alone would admit it" in skipped["legacy-channel"]


@pytest.mark.parametrize("classification", ["Internal", "Public"])
def test_full_event_never_matches_the_metadata_topic_channel(
    classification: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 10: a full event classified Internal/Public. The channel on the metadata topic
    never sees it (and its kind filter refuses it); the legacy channel on the event topic,
    filtered on classification alone, would deliver it -- the what-if says so, faithfully."""
    event = {**json.loads((EXAMPLES / "eu-order.json").read_text()), "dataClassification": classification}
    path = tmp_path / "event.json"
    path.write_text(json.dumps(event))
    assert main(["route", str(path), "--stack", "eu", "--cwd", str(PROGRAM), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [d["subscription"] for d in report["delivered"]] == ["eu-processor", "legacy-channel"]
    reason = {d["subscription"]: d["reason"] for d in report["skipped"]}["eu-to-us-metadata"]
    assert "metadata topic" in reason and "StringIn sovereignkind" in reason


def test_regulated_event_never_takes_the_metadata_channel(capsys: pytest.CaptureFixture[str]) -> None:
    report = route_json("eu-order.json", "eu", capsys)
    assert not any(d["metadataChannel"] for d in report["delivered"])


def test_text_output_and_bad_event(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["route", str(EXAMPLES / "eu-order.json"), "--stack", "eu", "--cwd", str(PROGRAM)]) == 0
    assert "DELIVER  eu-processor -> ServiceBusQueue" in capsys.readouterr().out
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({**json.loads((EXAMPLES / "eu-order.json").read_text()), "dataRegion": "Atlantis"}))
    assert main(["route", str(bad), "--stack", "eu", "--cwd", str(PROGRAM)]) == 2
    assert "dataRegion" in capsys.readouterr().err
