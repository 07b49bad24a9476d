"""Event Grid advanced-filter semantics of the routing what-if, and `sovereign route` over a
program whose subscriptions are filtered the way the RegionalEventPlane filters them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sovereign_components.gate.cli import main
from sovereign_components.events.routing import evaluate_filter, subscriptions_from_resources

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
    with pytest.raises(ValueError, match="NumberSomething"):
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
