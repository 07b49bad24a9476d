"""Session-scoped captures of the compliant stacks for the mutation suite, and its summary line
("N mutations, N blocked, 0 false positives") written through pytest's terminal reporter so it
shows without ``-s``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

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
        from sovereign_components.preview.engine import capture_program

        _CAPTURES[key] = capture_program(SOURCES[source], stack, unknowns=unknowns)
    return _CAPTURES[key]


@pytest.fixture(scope="session")
def policy_pack() -> Any:
    from sovereign_components.preview.engine import load_policy_pack

    return load_policy_pack(None)


@pytest.fixture(scope="session")
def tally() -> Iterator[dict[str, Any]]:
    yield TALLY


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not TALLY["mutations"] and not TALLY["baselines"]:
        return
    n, blocked, fps = TALLY["mutations"], TALLY["blocked"], len(TALLY["false_positives"])
    terminalreporter.write_sep("-", "policy mutation suite")
    terminalreporter.write_line(
        f"{n} mutations, {blocked} blocked, {fps} false positives "
        f"(sources: {', '.join(sorted(SOURCES))}; {TALLY['baselines']} unmutated captures)")
    for miss in TALLY["missed"]:
        terminalreporter.write_line(f"  NOT BLOCKED: {miss}")
    for fp in TALLY["false_positives"]:
        terminalreporter.write_line(f"  FALSE POSITIVE: {fp}")
