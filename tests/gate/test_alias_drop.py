"""The engine's alias drop (preview/aliases.py, on by default) changes nothing a policy sees: the
same URNs, types, inputs, parents, dependencies, property dependencies and providers as the SDK's
own alias handling (``drop_aliases=False``), and every resource still carries the exact alias
URNs the SDK computes (``Resource._aliases`` under plain mocks), which policies are told."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bench.floor import sdk_alias_urns
from sovereign_components.gate.pipeline import capture_program

from .conftest import ACME_PROGRAM, FIXTURES

PROGRAMS = [(ACME_PROGRAM, "eu"), (FIXTURES / "programs" / "basic", "dev")]


def _view(resources: list[Any]) -> dict[str, tuple[Any, ...]]:
    return {r.urn: (r.type, r.name, r.parent, r.custom, r.inputs, sorted(r.dependencies),
                    {k: sorted(v) for k, v in r.property_dependencies.items()}, r.provider, r.protect)
            for r in resources}


@pytest.fixture(scope="module", params=PROGRAMS, ids=lambda p: p[0].name)
def captures(request: pytest.FixtureRequest) -> tuple[Any, Any, Path, str]:
    program, stack = request.param
    kept = capture_program(program, stack, drop_aliases=False)
    dropped = capture_program(program, stack)
    return kept, dropped, program, stack


def test_capture_identical_with_and_without_alias_drop(captures):
    kept, dropped, _, _ = captures
    assert _view(dropped.resources) == _view(kept.resources)
    assert [r.urn for r in dropped.resources] == [r.urn for r in kept.resources]


def test_dropped_aliases_reproduce_the_sdk_alias_urns(captures):
    kept, dropped, program, stack = captures
    expected = sdk_alias_urns(program, stack)
    checked = 0
    for r in dropped.resources:
        if r.type == "pulumi:pulumi:Stack":
            continue
        assert r.aliases == expected[r.urn], r.urn
        checked += len(r.aliases)
    assert checked >= 20  # azure-native types carry one alias per older API version
    # without the drop the monitor reads the same URNs off the request's alias specs
    assert {r.urn: r.aliases for r in kept.resources} == {r.urn: r.aliases for r in dropped.resources}
