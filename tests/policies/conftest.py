"""Session-scoped captures of the compliant stacks for the mutation suite, and its summary line
("N mutations, N blocked, 0 false positives") written through pytest's terminal reporter so it
shows without ``-s``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from policy_suite import SOURCES, TALLY


@pytest.fixture(scope="session")
def policy_pack() -> Any:
    from sovereign_components.gate.pipeline import load_policy_pack

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
