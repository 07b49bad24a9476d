"""`sovereign route` over the shipped stacks (issue 6): a regional order event reaches only its
own region's order processor, never the other region's, and a payload-free metadata event
reaches only the EU stack's declared metadata channel - not the regional processors.

Why no extra filter on the processors: the regional filter (``dataregion`` StringIn the
boundary) does admit the EU metadata event, but every processor of the shipped stacks lists its
payload ``includedEventTypes`` and no metadata event type is among them; the assertions below
pin that it is ``includedEventTypes`` that keeps the metadata event out.

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


def route(event: str, stack: str) -> dict[str, Any]:
    key = (event, stack)
    if key not in _RUNS:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            code = main(["route", str(EVENTS / f"{event}.json"), "--stack", stack, "--cwd", str(ROOT),
                         "--format", "json"])
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
    assert "dataclassification" in reasons["inventory-metadata"].lower()
    assert "Confidential" in reasons["inventory-metadata"]


def test_metadata_event_goes_to_the_declared_channel_only() -> None:
    report = route("metadata-order", "eu")
    event = report["event"]
    assert event["kind"] == "MetadataEvent" and event["dataClassification"] == "Internal"
    assert event["dataRegion"] == "EU"  # the processors' regional filter alone would admit it
    assert delivered(report) == ["inventory-metadata"]
    [delivery] = report["delivered"]
    assert delivery["metadataChannel"] is True
    assert (delivery["destinationType"], delivery["destination"]) == ("ServiceBusTopic", metadata_destination())
    reasons = skipped(report)
    assert set(reasons) == {"order-processor", "customer-processor"}
    for reason in reasons.values():
        assert "includedEventTypes" in reason and event["eventType"] in reason


def test_metadata_event_on_the_us_stack_is_delivered_nowhere() -> None:
    """The US stack has no channel, and its processors refuse the event (type and region)."""
    report = route("metadata-order", "us")
    assert delivered(report) == []
    assert not any(d["metadataChannel"] for d in report["skipped"])
