"""Property-based: stack configuration from any input is a valid ``StackConfig`` / ``Project`` or
one ``SovereignError`` (exit 2 with a message), never another exception; and what is accepted
obeys the rules (region inside the boundary, Azure's tag limits, no boolean where a number
belongs, no value lost or duplicated by the YAML reader).

Generators: any text as a stack file; YAML emitted from random values (read back equal);
random values at every known ``sovereign:`` key (booleans, numbers, strings, nested objects);
stack files with anchors and aliases.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import assume, given
from hypothesis import strategies as st

from fuzz_settings import FUZZ

from sovereign_components.errors import ConfigError, SovereignError, UsageError
from sovereign_components.stack_config.models import (
    ADDED_TAGS,
    MAX_TAG_NAME,
    MAX_TAG_VALUE,
    MAX_TAGS,
    TAG_NAME_FORBIDDEN,
    TOP_LEVEL_KEYS,
    StackConfig,
    parse_stack_config,
)
from sovereign_components.stack_config.project import load_project
from sovereign_components.stack_config.yaml_reader import YamlLimits, parse_yaml


WORDS = st.sampled_from(["westeurope", "eastus", "EU", "US", "northeurope", "sov", "Premium", "Periodic",
                         "Geo", "Local", "true", "7", "", "a@b.eu", "security@contoso.eu", "<>", "x/y"])
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-(2**63), 2**63 - 1),
                    st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=20), WORDS)
FIELDS = st.sampled_from(["ttlDays", "defaultTtlSeconds", "protect", "captureEnabled", "serviceBusCapacity",
                          "eventHubPartitionCount", "retentionDays", "alertThreshold", "processors", "name",
                          "backupMode", "backupStorageRedundancy", "additionalLocations", "code", "regions",
                          "metadataChannels", "destinationResourceId", "grantSenderRole", "secure"])
VALUES = st.recursive(
    SCALARS,
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(st.one_of(FIELDS, st.text(max_size=6)), children, max_size=4)),
    max_leaves=20,
)
BASE = {"sovereign:region": "westeurope", "sovereign:boundary": "EU", "sovereign:alertEmail": "secops@contoso.eu"}


def as_pulumi_value(value: Any) -> str:
    """What the Pulumi CLI hands a program: strings as is, everything else as JSON."""
    return value if isinstance(value, str) else json.dumps(value)


def check_accepted(config: StackConfig) -> None:
    assert config.boundary.contains(config.region)
    assert all(config.boundary.contains(r) for r in config.allowed_regions)
    tags = dict(config.tags)
    assert len(set(tags) | set(ADDED_TAGS)) <= MAX_TAGS
    assert all(len(k) <= MAX_TAG_NAME and not set(k) & TAG_NAME_FORBIDDEN for k in tags)
    assert all(isinstance(v, str) and len(v) <= MAX_TAG_VALUE for v in tags.values())
    for model in (config.event_plane, config.event_store, config.dlq):
        for name, value in model:
            annotation = str(type(model).model_fields[name].annotation)
            if "int" in annotation and "bool" not in annotation and value is not None and not isinstance(value, list):
                assert not isinstance(value, bool), (name, value)


@FUZZ
@given(st.dictionaries(st.sampled_from(sorted(TOP_LEVEL_KEYS)), VALUES, max_size=5))
def test_any_values_at_the_known_keys(overrides: dict[str, Any]) -> None:
    raw = {**BASE, **{f"sovereign:{k}": as_pulumi_value(v) for k, v in overrides.items()}}
    try:
        config = parse_stack_config(raw)
    except ConfigError as exc:
        assert exc.key.startswith(("sovereign:", "azure-native:")) and str(exc)
        return
    check_accepted(config)


@FUZZ
@given(st.sampled_from(["eventStore", "eventPlane", "dlq"]), st.dictionaries(FIELDS, VALUES, max_size=4))
def test_any_nested_object(key: str, value: dict[str, Any]) -> None:
    try:
        config = parse_stack_config({**BASE, f"sovereign:{key}": json.dumps(value)})
    except ConfigError as exc:
        assert exc.key.startswith(f"sovereign:{key}")
        return
    check_accepted(config)


@FUZZ
@given(st.dictionaries(st.text(min_size=0, max_size=600), st.text(max_size=300), max_size=60))
def test_any_tags(tags: dict[str, str]) -> None:
    try:
        config = parse_stack_config({**BASE, "sovereign:tags": json.dumps(tags)})
    except ConfigError as exc:
        assert exc.key.startswith("sovereign:tags")
        return
    check_accepted(config)
    assert dict(config.tags) == tags


@FUZZ
@given(st.text(max_size=400))
def test_any_text_is_a_value_or_a_usage_error(text: str) -> None:
    try:
        parse_yaml(text, "Pulumi.fuzz.yaml", YamlLimits(max_values=2000, max_alias_values=200))
    except UsageError as exc:
        assert str(exc).startswith("Pulumi.fuzz.yaml")


# Text without control characters and Unicode line/paragraph separators: PyYAML's emitter writes
# some of those raw inside quoted scalars, where every YAML parser (libyaml too) folds them.
PRINTABLE = st.text(st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp")), max_size=20)
YAML_SAFE_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-(2**63), 2**63 - 1),
                              st.floats(allow_nan=False, allow_infinity=False), PRINTABLE)
YAML_VALUES = st.recursive(
    YAML_SAFE_SCALARS,
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(PRINTABLE.filter(bool), children, max_size=4)),
    max_leaves=25,
)


@FUZZ
@given(YAML_VALUES, st.sampled_from([False, True]))
def test_yaml_written_by_a_yaml_library_reads_back_equal(value: Any, flow: bool) -> None:
    """Whatever PyYAML emits from plain values (strings that look like YAML 1.1 booleans or
    numbers are quoted by the emitter) reads back as the same value: nothing lost, nothing
    retyped."""
    text = yaml.safe_dump({"config": value}, default_flow_style=flow, allow_unicode=True)
    assume(len(text) < 100_000)
    try:
        back = parse_yaml(text, "f.yaml")
    except UsageError as exc:  # only the documented bounds may refuse a library's own output
        assert "nested deeper" in str(exc) or "more than" in str(exc), str(exc)
        return
    assert back == {"config": value}


@FUZZ
@given(st.lists(st.integers(1, 12), min_size=1, max_size=8), st.integers(1, 6))
def test_aliases_expand_within_the_budget_or_are_refused(widths: list[int], refs: int) -> None:
    """Chains of anchors: each level lists the previous one ``width`` times; the reader either
    builds the whole (expanded size within the budget) or refuses, and what it builds has
    exactly the expanded size."""
    lines = ["a0: &a0 [x]"]
    for i, width in enumerate(widths, 1):
        lines.append(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]")
    lines += [f"r{j}: *a{len(widths)}" for j in range(refs)]
    limits = YamlLimits(max_values=50_000, max_alias_values=5_000)
    try:
        value = parse_yaml("\n".join(lines) + "\n", "f.yaml", limits)
    except UsageError as exc:
        assert "aliases expand" in str(exc) or "more than" in str(exc)
        return

    def leaves(v: Any) -> int:
        return sum(leaves(x) for x in v) if isinstance(v, list) else 1

    size = 1
    for width in widths:
        size *= width
    assert leaves(value[f"a{len(widths)}"]) == size
    assert all(value[f"r{j}"] == value[f"a{len(widths)}"] for j in range(refs))


@pytest.fixture
def project_dir(tmp_path: Path) -> Path:
    (tmp_path / "Pulumi.yaml").write_text("name: fuzz\nruntime: python\n")
    (tmp_path / "__main__.py").write_text("")
    return tmp_path


@FUZZ
@given(st.dictionaries(st.one_of(st.sampled_from(["sovereign:region", "sovereign:alertEmail", "soverign:dlq",
                                                   "azure-native:location", "region", "app:key", "sovereign:tags"]),
                                 st.text(min_size=1, max_size=12)),
                       st.one_of(VALUES, st.just({"secure": "v1:AAAB"})), max_size=6))
def test_any_stack_file_loads_or_is_one_sovereign_error(project_dir: Path, config: dict[str, Any]) -> None:
    text = yaml.safe_dump({"config": config}, allow_unicode=True)
    (project_dir / "Pulumi.s.yaml").write_text(text)
    try:
        project = load_project(project_dir, "s")
    except SovereignError as exc:
        assert str(exc)
        return
    assert all(isinstance(k, str) and ":" in k and isinstance(v, str) for k, v in project.config.items())
    assert set(project.secret_keys) <= set(project.config)
    assert "soverign:dlq" not in project.config  # a misspelt namespace never loads
