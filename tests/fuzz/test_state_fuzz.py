"""Property-based: whatever a state file holds, ``check-state``'s reader returns a ``StateFile``
whose resources are well-formed, or raises ``UsageError`` (exit 2 with one message); never
another exception (whose traceback exits 1, which CI reads as "policy violation").

Three generators: any JSON document; a real export (the fixtures) with one field of one resource
replaced by any JSON value; any text handed to the bounded JSON loader. What a returned
``StateFile`` must satisfy is checked on every example, so "no exception" is not the only claim.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fuzz_settings import FUZZ

from sovereign_components.errors import UsageError
from sovereign_components.gate.state import RESOURCE_FIELDS, StateFile, loads_bounded, parse_state, parse_urn

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "state"
EXPORT = json.loads((FIXTURES / "eu-v3-private.export.json").read_text())
PREVIEW = json.loads((FIXTURES / "us-preview.json").read_text())


URNISH = st.sampled_from([
    "urn:pulumi:eu::sovereign-events::azure-native:storage:StorageAccount::sa",
    "urn:pulumi:eu::sovereign-events::pulumi:pulumi:Stack::sovereign-events-eu",
    "urn:pulumi:eu::sovereign-events::pulumi:providers:azure-native::default::id",
    "urn:pulumi:us::other::azure-native:x:Y::n", "urn:pulumi:eu::p::t", "urn:pulumi:::::", "", "urn",
])
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**70), 2**70), st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12), URNISH,
)
JSON = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(st.text(max_size=8), st.sampled_from(sorted(RESOURCE_FIELDS) + ["urn", "op"])),
                        children, max_size=4),
    ),
    max_leaves=25,
)
FIELDS = sorted(RESOURCE_FIELDS) + ["urn", "4dabf18193072939515e22adb298388d"]


def check_well_formed(state: StateFile) -> None:
    """What every consumer of a StateFile relies on."""
    assert state.kind in ("export", "preview", "report") and state.resources
    for r in state.resources:
        stack, project, token, name = parse_urn(r.urn)
        assert (stack, project) == (state.stack, state.project)
        assert r.type == token and r.name == name
        assert isinstance(r.custom, bool) and isinstance(r.protect, bool)
        assert isinstance(r.inputs, dict) and isinstance(r.outputs, dict)
        assert all(isinstance(d, str) for d in r.dependencies)
        assert all(isinstance(k, str) and all(isinstance(u, str) for u in v) for k, v in r.property_dependencies.items())
        assert isinstance(r.parent, str) and isinstance(r.provider, str) and isinstance(r.id, str)
        json.dumps(r.to_dict(), allow_nan=False)  # reports serialise it
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in state.config.items())


def parse_or_usage_error(doc: Any) -> None:
    try:
        state = parse_state(doc, "fuzz.json")
    except UsageError as exc:
        assert str(exc).startswith("fuzz.json: ")
        return
    check_well_formed(state)


@FUZZ
@given(JSON)
def test_any_json_document_is_a_state_file_or_a_usage_error(doc: Any) -> None:
    parse_or_usage_error(doc)


@FUZZ
@given(st.one_of(st.just("export"), st.just("preview")), st.data())
def test_one_field_of_a_real_file_replaced_by_anything(kind: str, data: st.DataObject) -> None:
    doc = copy.deepcopy(EXPORT if kind == "export" else PREVIEW)
    if kind == "export":
        items = doc["deployment"]["resources"]
        target = items[data.draw(st.integers(0, len(items) - 1), label="resource")]
    else:
        steps = doc["steps"]
        step = steps[data.draw(st.integers(0, len(steps) - 1), label="step")]
        target = step if data.draw(st.booleans(), label="on the step") else step.setdefault("newState", {})
    field = data.draw(st.sampled_from(FIELDS), label="field")
    target[field] = data.draw(JSON, label="value")
    parse_or_usage_error(doc)


@FUZZ
@given(st.one_of(st.text(max_size=200), JSON.map(json.dumps),
                 st.integers(1, 3000).map(lambda n: "[" * n + "]" * n),
                 st.integers(1, 6000).map(lambda n: '{"n": ' + "9" * n + "}")))
def test_any_text_loads_within_bounds_or_is_a_usage_error(text: str) -> None:
    try:
        value = loads_bounded(text, "fuzz.json")
    except UsageError as exc:
        assert str(exc).startswith("fuzz.json: ")
        return
    json.dumps(value, allow_nan=False)


def test_the_fixtures_themselves_parse() -> None:
    for doc in (EXPORT, PREVIEW):
        check_well_formed(parse_state(copy.deepcopy(doc), "fixture.json"))


@pytest.mark.parametrize("depth", [99, 100, 101])
def test_the_depth_bound_is_exact(depth: int) -> None:
    text = "[" * depth + "]" * depth
    if depth <= 100:
        assert loads_bounded(text, "f.json") is not None
    else:
        with pytest.raises(UsageError, match="nested deeper than 100 levels"):
            loads_bounded(text, "f.json")
