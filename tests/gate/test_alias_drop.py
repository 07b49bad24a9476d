"""The in-process fast path's alias drop (engine/aliases.py) changes nothing a policy sees: the
trusted in-process capture (aliases dropped, their URNs recomputed) equals the isolated capture
(the program's own SDK sends its aliases as alias specs over gRPC), and both carry exactly the
alias URNs the SDK computes (``Resource._aliases`` under plain mocks), which policies are told.
One emulation, two hosts: the same URNs, types, inputs, parents, dependencies, property
dependencies, providers and aliases."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bench.floor import sdk_alias_urns
from sovereign_components.gate.engine.inprocess import capture_in_process
from sovereign_components.gate.pipeline import capture_program
from sovereign_components.stack_config.project import load_project

from .conftest import ACME_PROGRAM, FIXTURES

PROGRAMS = [(ACME_PROGRAM, "eu"), (FIXTURES / "programs" / "basic", "dev")]


def _view(resources: list[Any]) -> dict[str, tuple[Any, ...]]:
    return {r.urn: (r.type, r.name, r.parent, r.custom, r.inputs, sorted(r.dependencies),
                    {k: sorted(v) for k, v in r.property_dependencies.items()}, r.provider, r.protect, r.id)
            for r in resources}


@pytest.fixture(scope="module", params=PROGRAMS, ids=lambda p: p[0].name)
def captures(request: pytest.FixtureRequest) -> tuple[Any, Any, Path, str]:
    program, stack = request.param
    isolated = capture_program(program, stack)
    dropped = capture_in_process(load_project(program, stack))
    return isolated, dropped, program, stack


def test_in_process_capture_with_the_drop_equals_the_isolated_capture(captures):
    isolated, dropped, _, _ = captures
    assert _view(dropped.resources) == _view(isolated.resources)
    assert [r.urn for r in dropped.resources] == [r.urn for r in isolated.resources]
    assert dropped.emulated == isolated.emulated


def test_dropped_aliases_reproduce_the_sdk_alias_urns(captures):
    isolated, dropped, program, stack = captures
    expected = sdk_alias_urns(program, stack)
    checked = 0
    for r in dropped.resources:
        if r.type == "pulumi:pulumi:Stack":
            continue
        assert r.aliases == expected[r.urn], r.urn
        checked += len(r.aliases)
    assert checked >= 20  # azure-native types carry one alias per older API version
    # isolated, the monitor reads the same URNs off the requests' alias specs
    assert {r.urn: r.aliases for r in isolated.resources} == {r.urn: r.aliases for r in dropped.resources}
