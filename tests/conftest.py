"""Shared fixtures: paths of the test programs and packs, and session-wide loaded artefacts.

A program run under mocks costs ~0.3–1 s and a pack load ~0.3 s, so captures and packs that
tests only read are shared per session; tests that mutate copy first.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
PROGRAMS = FIXTURES / "programs"
PACKS = FIXTURES / "packs"


@pytest.fixture(scope="session")
def programs_dir() -> Path:
    return PROGRAMS


@pytest.fixture(scope="session")
def minimal_pack_dir() -> Path:
    return PACKS / "minimal"


@pytest.fixture(scope="session")
def minimal_pack(minimal_pack_dir: Path) -> Any:
    """The minimal test pack, loaded once (read-only use; the analyzer caches servicers on it)."""
    from sovereign_components.gate.pipeline import load_policy_pack

    return load_policy_pack(minimal_pack_dir)


@pytest.fixture(scope="session")
def basic_capture() -> Any:
    """``tests/fixtures/programs/basic`` stack ``dev`` captured once in full (known-ids) mode."""
    from sovereign_components.gate.pipeline import capture_program

    return capture_program(PROGRAMS / "basic", "dev")


@pytest.fixture(scope="session")
def basic_capture_unknowns() -> Any:
    """The same program in preview-faithful mode (ids and computed outputs unknown)."""
    from sovereign_components.gate.pipeline import capture_program

    return capture_program(PROGRAMS / "basic", "dev", unknowns=True)


@pytest.fixture
def program_copy(tmp_path: Path):
    """Copy a fixture program into tmp_path (to break or edit it) and return the copy's dir."""

    def copy(name: str) -> Path:
        target = tmp_path / name
        shutil.copytree(PROGRAMS / name, target)
        return target

    return copy
