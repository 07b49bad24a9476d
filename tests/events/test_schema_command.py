"""``sovereign schema``: prints the contract's JSON Schema, or writes it with --output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sovereign_components.gate.cli import main


def test_schema_event_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "event"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert {"dataRegion", "payload", "metadata"} <= set(schema["properties"])
    assert "EU" in schema["properties"]["dataRegion"]["enum"]


def test_schema_metadata_event_to_file(tmp_path: Path) -> None:
    target = tmp_path / "metadata.schema.json"
    assert main(["schema", "metadata-event", "--output", str(target)]) == 0
    schema = json.loads(target.read_text())
    assert "payload" not in schema["properties"] and "references" in schema["properties"]


def test_schema_unwritable_output_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "event", "--output", str(tmp_path / "missing-dir" / "x.json")]) == 2
    assert "cannot write" in capsys.readouterr().err
