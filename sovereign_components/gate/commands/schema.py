"""``sovereign schema event|metadata-event``: print the JSON Schema of the event contract, so
producers in other languages validate what they publish against the same rules."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ...errors import UsageError

HELP = "print the JSON Schema of the event contract (event or metadata-event)"

#: Schema name -> function in sovereign_components.events.contract (data, not an if-chain).
SCHEMAS: dict[str, str] = {"event": "event_json_schema", "metadata-event": "metadata_event_json_schema"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", choices=sorted(SCHEMAS), help="which schema")
    parser.add_argument("--output", type=Path, metavar="FILE", help="write the schema to FILE instead of stdout")


def run(args: argparse.Namespace) -> int:
    from ...events import contract as events

    text = json.dumps(getattr(events, SCHEMAS[args.name])(), indent=2) + "\n"
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {args.output}: {exc.strerror}") from None
    return 0
