"""``sovereign route EVENT.json``: which of a stack's Event Grid subscriptions would deliver an
event, and where -- evaluated offline with Event Grid filter semantics.

The subscriptions come from running the stack's program under the offline engine. The event is
what a ``CloudEventSchemaV1_0`` topic receives: a structured CloudEvent file is routed on its
attributes exactly as written (after checking that they agree with its body, as the processor
does), a contract event file on the CloudEvent the library would publish for it. Where it is
published follows the contract: a SovereignEvent to the stack's event topics, a MetadataEvent
to its metadata topic (:mod:`sovereign_components.events.routing`). Heavy imports (the engine,
pulumi) happen inside :func:`run`.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ...errors import UsageError

HELP = "what-if: which Event Grid subscriptions of a stack would deliver an event, and where"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("event", type=Path, metavar="EVENT.json",
                        help="a SovereignEvent, MetadataEvent or structured CloudEvent JSON file")
    parser.add_argument("--stack", help="stack name: reads Pulumi.<stack>.yaml (default: the only stack file)")
    parser.add_argument("--cwd", type=Path, default=Path("."), help="the Pulumi project directory (default: .)")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")


def load_event(path: Path) -> tuple[Any, dict[str, Any]]:
    """The contract event in ``path`` and the CloudEvent document Event Grid would filter on;
    a clear one-line error (exit 2) otherwise."""
    from pydantic import ValidationError

    from ...events.cloudevents_mapping import from_structured_document, read_structured_json, routing_view
    from ...events.contract import event_from_document, format_validation_error, load_event_file
    from ...events.errors import EventFormatError

    try:
        document = load_event_file(path)
        if isinstance(document, dict) and "specversion" in document:
            cloud_event = read_structured_json(json.dumps(document))
            return from_structured_document(cloud_event), cloud_event
        event = event_from_document(document)
        return event, routing_view(event)
    except ValidationError as exc:
        raise UsageError(f"{path}: invalid event: {format_validation_error(exc)}") from None
    except EventFormatError as exc:
        raise UsageError(f"{path}: invalid event: {exc}") from None
    except (FileNotFoundError, ValueError) as exc:
        raise UsageError(str(exc)) from None


def _report_json(event: Any, stack: str, report: Any) -> dict[str, Any]:
    def sub(d: Any) -> dict[str, Any]:
        s = d.subscription
        return {"subscription": s.name, "urn": s.urn, "topic": s.topic, "topicKind": s.topic_kind,
                "destinationType": s.destination_type, "destination": s.destination,
                "metadataChannel": s.metadata_channel}

    return {
        "stack": stack,
        "event": {"id": event.id, "eventType": event.event_type, "dataRegion": event.data_region,
                  "dataClassification": event.data_classification, "kind": type(event).__name__,
                  "publishedTo": published_topic_kind(event)},
        "delivered": [sub(d) for d in report.delivered],
        "skipped": [{**sub(d), "reason": d.reason} for d in report.skipped],
    }


def _report_text(event: Any, stack: str, report: Any) -> str:
    lines = [f"event {event.id} ({type(event).__name__}, {event.event_type}, dataRegion={event.data_region}, "
             f"{event.data_classification}) on stack {stack}, published to its {published_topic_kind(event)} topic:"]
    for d in report.delivered:
        s = d.subscription
        channel = " [metadata channel]" if s.metadata_channel else ""
        lines.append(f"  DELIVER  {s.name}{channel} -> {s.destination_type} {s.destination}")
    for d in report.skipped:
        lines.append(f"  skip     {d.subscription.name}: {d.reason}")
    if not report.deliveries:
        lines.append("  (the stack declares no Event Grid subscription)")
    elif not report.delivered:
        lines.append("  no subscription delivers this event")
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    from ...events.routing import RoutingError, route, subscriptions_from_resources
    from .preview import default_stack

    event, document = load_event(args.event)
    stack = args.stack or default_stack(args.cwd)
    from ..pipeline import capture_program

    capture = capture_program(args.cwd, stack)
    try:
        report = route(document, subscriptions_from_resources(capture.resources), published_to=published_topic_kind(event))
    except RoutingError as exc:
        raise UsageError(f"stack {stack}: {exc}") from None
    if args.format == "json":
        sys.stdout.write(json.dumps(_report_json(event, stack, report), indent=2) + "\n")
    else:
        sys.stdout.write(_report_text(event, stack, report))
    return 0


def published_topic_kind(event: Any) -> str:
    """``events`` or ``metadata``: the kind of topic the event is published to."""
    from ...events.routing import published_topic_kind as kind

    return kind(event)
