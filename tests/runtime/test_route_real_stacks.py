"""`sovereign route` over the shipped stacks (issues 6 and 10): a regional order event reaches
only its own region's order processor, never the other region's; a payload-free metadata event
reaches only the EU stack's declared metadata channel; and a *full* event never reaches the
channel, whatever its classification (issue 10: classified Internal or Public it used to).

Where an event goes is decided first by the topic it is published to (a SovereignEvent to the
stack's event topic, a MetadataEvent to its metadata topic) and then by the filters; the
assertions pin both layers: the channel's own filter (``sovereignkind``) refuses a full event
too, and the processors' ``includedEventTypes`` would refuse the metadata event too.

Each route runs the stack program under the offline engine (a few seconds), so each
(event, stack) pair is run once per module."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path
from typing import Any

import pytest

from sovereign_components.gate.cli import main

ROOT = Path(__file__).resolve().parents[2]
EVENTS = ROOT / "examples" / "events"
RESOURCE_GROUP = {"eu": "rg-sov-eu-westeurope", "us": "rg-sov-us-eastus"}
_RUNS: dict[tuple[str, str], dict[str, Any]] = {}


def route(event: str | Path, stack: str) -> dict[str, Any]:
    key = (str(event), stack)
    if key not in _RUNS:
        path = event if isinstance(event, Path) else EVENTS / f"{event}.json"
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            code = main(["route", str(path), "--stack", stack, "--cwd", str(ROOT), "--format", "json"])
        assert code == 0
        _RUNS[key] = json.loads(out.getvalue())
    return _RUNS[key]


def delivered(report: dict[str, Any]) -> list[str]:
    return [d["subscription"] for d in report["delivered"]]


def skipped(report: dict[str, Any]) -> dict[str, str]:
    return {d["subscription"]: d["reason"] for d in report["skipped"]}


def metadata_destination() -> str:
    from sovereign_components.stack_config.project import load_project

    raw = load_project(ROOT, "eu").config["sovereign:eventPlane"]
    plane = json.loads(raw) if isinstance(raw, str) else raw
    return plane["metadataChannels"][0]["destinationResourceId"]


@pytest.mark.parametrize("event, stack", [("eu-order", "eu"), ("us-order", "us")])
def test_regional_order_reaches_only_its_own_order_processor(event: str, stack: str) -> None:
    report = route(event, stack)
    assert report["event"]["dataRegion"] == stack.upper() and report["event"]["eventType"] == "OrderPlaced"
    assert delivered(report) == ["order-processor"]
    [delivery] = report["delivered"]
    assert delivery["destinationType"] == "ServiceBusQueue" and not delivery["metadataChannel"]
    # the stack's own session queue, in the stack's own resource group
    assert f"/resourceGroups/{RESOURCE_GROUP[stack]}/" in delivery["destination"]
    assert delivery["destination"].endswith("/queues/sovereign-events")


@pytest.mark.parametrize("event, stack", [("us-order", "eu"), ("eu-order", "us")])
def test_other_regions_order_is_delivered_nowhere(event: str, stack: str) -> None:
    report = route(event, stack)
    assert delivered(report) == []
    reasons = skipped(report)
    # the order processor refuses it on the region attribute, not by accident of event type
    assert "dataregion" in reasons["order-processor"].lower()
    assert report["event"]["dataRegion"] in reasons["order-processor"]


def test_regulated_order_never_takes_the_metadata_channel() -> None:
    reasons = skipped(route("eu-order", "eu"))
    assert "metadata topic" in reasons["inventory-metadata"]
    # and its filter would refuse it on its own: a full event carries no sovereignkind
    assert "sovereignkind" in reasons["inventory-metadata"].lower() and "absent" in reasons["inventory-metadata"]


@pytest.mark.parametrize("classification", ["Internal", "Public"])
@pytest.mark.parametrize("form", ["contract", "cloudevent"])
def test_full_event_classified_non_regulated_never_reaches_the_channel(
    tmp_path_factory: pytest.TempPathFactory, classification: str, form: str
) -> None:
    """Issue 10, first bullet: payload, userId and clientIp crossed to the US on the metadata
    channel when the full event was classified Internal or Public."""
    from sovereign_components.events.cloudevents_mapping import routing_view
    from sovereign_components.events.contract import SovereignEvent

    document = {**json.loads((EVENTS / "eu-order.json").read_text()), "dataClassification": classification}
    if form == "cloudevent":
        document = routing_view(SovereignEvent.model_validate(document))
    path = tmp_path_factory.mktemp("events") / f"{classification}-{form}.json"
    path.write_text(json.dumps(document))
    report = route(path, "eu")
    assert report["event"]["kind"] == "SovereignEvent" and report["event"]["publishedTo"] == "events"
    assert delivered(report) == ["order-processor"]
    reason = skipped(report)["inventory-metadata"]
    assert "metadata topic" in reason and "sovereignkind" in reason.lower()
    assert not any(d["metadataChannel"] for d in report["delivered"])


def test_the_shipped_internal_example_reaches_only_the_order_processor() -> None:
    """examples/events/eu-internal-order.json: the issue's case as a file a reader can route."""
    report = route("eu-internal-order", "eu")
    assert report["event"]["dataClassification"] == "Internal" and report["event"]["kind"] == "SovereignEvent"
    assert delivered(report) == ["order-processor"]


def test_metadata_event_goes_to_the_declared_channel_only() -> None:
    report = route("metadata-order", "eu")
    event = report["event"]
    assert event["kind"] == "MetadataEvent" and event["dataClassification"] == "Internal"
    assert event["publishedTo"] == "metadata"
    assert event["dataRegion"] == "EU"  # the processors' regional filter alone would admit it
    assert delivered(report) == ["inventory-metadata"]
    [delivery] = report["delivered"]
    assert delivery["metadataChannel"] is True and delivery["topicKind"] == "metadata"
    assert (delivery["destinationType"], delivery["destination"]) == ("ServiceBusTopic", metadata_destination())
    reasons = skipped(report)
    assert set(reasons) == {"order-processor", "customer-processor"}
    for reason in reasons.values():
        assert "event topic" in reason
        assert "includedEventTypes" in reason and event["eventType"] in reason


def test_metadata_event_on_the_us_stack_is_delivered_nowhere() -> None:
    """The US stack has no channel and no metadata topic; its processors refuse the event
    (topic, type and region)."""
    report = route("metadata-order", "us")
    assert delivered(report) == []
    assert not any(d["metadataChannel"] for d in report["skipped"])
