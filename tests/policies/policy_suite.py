"""Shared state of the policy mutation suite (a uniquely named module: several test
directories have a ``conftest`` and pytest's prepend import mode would mix them up)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "regional"

#: The shipped stacks (repo root is the Pulumi project) once they exist, and always this
#: directory's fixture program, which holds every guarded resource type in one place.
SOURCES: dict[str, Path] = {"fixture": FIXTURE}
if (ROOT / "Pulumi.yaml").exists() and (ROOT / "Pulumi.eu.yaml").exists() and (ROOT / "Pulumi.us.yaml").exists():
    SOURCES["stacks"] = ROOT

TALLY: dict[str, Any] = {"mutations": 0, "blocked": 0, "missed": [], "false_positives": [], "baselines": 0}
_CAPTURES: dict[tuple[str, str, bool], Any] = {}


def capture(source: str, stack: str, unknowns: bool) -> Any:
    """Capture each (source, stack, mode) once per session."""
    key = (source, stack, unknowns)
    if key not in _CAPTURES:
        from sovereign_components.gate.pipeline import capture_program

        _CAPTURES[key] = capture_program(SOURCES[source], stack, unknowns=unknowns)
    return _CAPTURES[key]
