"""``sovereign schema event|metadata-event``: print the JSON Schema of the event contract, so
producers in other languages validate what they publish against the same rules.

``--output`` writes atomically and only onto a new file, an empty one, or an earlier JSON
Schema: ``schema --output orders/event.json`` once overwrote the sample event a user was about
to route. A file that is anything else (an event, a report, a config) is refused, naming it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ...errors import UsageError

HELP = "print the JSON Schema of the event contract (event or metadata-event)"

#: Schema name -> function in sovereign_components.events.contract (data, not an if-chain).
SCHEMAS: dict[str, str] = {"event": "event_json_schema", "metadata-event": "metadata_event_json_schema"}

#: How much of an existing file is read to tell whether it is a JSON Schema (schemas here are
#: tens of KB).
MAX_EXISTING_BYTES = 4 * 1024 * 1024


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", choices=sorted(SCHEMAS), help="which schema")
    parser.add_argument("--output", type=Path, metavar="FILE",
                        help="write the schema to FILE instead of stdout (a new file, or an earlier JSON Schema)")


def is_json_schema(text: str) -> bool:
    """Whether ``text`` is a JSON Schema document (an object whose ``$schema`` names a
    json-schema.org meta-schema)."""
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):
        return False
    return isinstance(document, dict) and "json-schema.org" in str(document.get("$schema", ""))


def check_schema_output(output: Path) -> None:
    """Refuse to overwrite anything but an empty file or an earlier JSON Schema."""
    from ...files import read_text
    from ..reports.formats import RunInputs, check_output_path

    check_output_path(output, RunInputs(), what="schema")  # settings files, this package, writability
    if output.is_file() and output.stat().st_size > 0:
        try:
            text = read_text(output, "file", max_bytes=MAX_EXISTING_BYTES)
        except UsageError:
            text = ""
        if not is_json_schema(text):
            raise UsageError(f"--output {output}: the file exists and is not a JSON Schema (an event? a report?); "
                             "refusing to overwrite it: remove it or write the schema elsewhere")


def run(args: argparse.Namespace) -> int:
    from ...events import contract as events
    from ...files import write_atomic

    if args.output is not None:
        check_schema_output(args.output)
    text = json.dumps(getattr(events, SCHEMAS[args.name])(), indent=2) + "\n"
    if args.output is None:
        sys.stdout.write(text)
        return 0
    write_atomic(args.output, text, "schema")
    return 0
