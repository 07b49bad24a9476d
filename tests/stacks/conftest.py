"""Both regional stacks captured once per session (each run costs a few seconds)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
STACKS = ("eu", "us")


@pytest.fixture(scope="session")
def stack_captures() -> dict[str, Any]:
    from sovereign_components.gate.pipeline import capture_program

    return {stack: capture_program(ROOT, stack) for stack in STACKS}
