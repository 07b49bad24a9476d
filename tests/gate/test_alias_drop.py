"""The alias-drop optimisation (bench/alias_drop.py, proposed for the engine) changes nothing a
policy sees: the same URNs, types, inputs, parents, dependencies, property dependencies and
providers as the capture without it, and the dropped aliases are still known as the exact alias
URNs the SDK computes (so a policy reading ``opts.aliases`` can still be told them)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bench.alias_drop import dropping_aliases_in_engine
from bench.floor import sdk_alias_urns
from sovereign_components.preview.engine import capture_program

from .conftest import ACME_PROGRAM, FIXTURES

PROGRAMS = [(ACME_PROGRAM, "eu"), (FIXTURES / "programs" / "basic", "dev")]


def _view(resources: list[Any]) -> dict[str, tuple[Any, ...]]:
    return {r.urn: (r.type, r.name, r.parent, r.custom, r.inputs, sorted(r.dependencies),
                    {k: sorted(v) for k, v in r.property_dependencies.items()}, r.provider, r.protect)
            for r in resources}


@pytest.fixture(scope="module", params=PROGRAMS, ids=lambda p: p[0].name)
def captures(request: pytest.FixtureRequest) -> tuple[Any, Any, Any, Path, str]:
    program, stack = request.param
    plain = capture_program(program, stack)
    with dropping_aliases_in_engine() as drop:
        dropped = capture_program(program, stack)
    return plain, dropped, drop, program, stack


def test_capture_identical_with_and_without_alias_drop(captures):
    plain, dropped, drop, _, _ = captures
    assert drop.dropped, "the optimisation did not run (no aliases dropped)"
    assert _view(dropped.resources) == _view(plain.resources)
    assert [r.urn for r in dropped.resources] == [r.urn for r in plain.resources]


def test_dropped_aliases_reproduce_the_sdk_alias_urns(captures):
    _, dropped, drop, program, stack = captures
    expected = sdk_alias_urns(program, stack)
    checked = 0
    for r in dropped.resources:
        if (r.type, r.name) not in drop.dropped:
            continue
        got = drop.alias_urns(r.urn, r.type, r.name, r.parent, dropped.project, dropped.stack)
        assert got == expected[r.urn], r.urn
        checked += len(got)
    assert checked >= 20  # azure-native types carry one alias per older API version
