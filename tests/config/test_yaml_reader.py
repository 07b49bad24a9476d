"""The one YAML reader of ``Pulumi.yaml`` / ``Pulumi.<stack>.yaml`` under hostile input: alias
bombs, deep nesting, duplicate keys, huge numbers, odd tags; and YAML 1.2 scalars as the
Pulumi CLI (go-yaml v3) reads them.

No wall-time assertions: boundedness is asserted on the work done (how many parser events the
reader consumed before it stopped), which does not depend on the machine's load.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from sovereign_components.errors import UsageError
from sovereign_components.stack_config import yaml_reader
from sovereign_components.stack_config.yaml_reader import LIMITS, YamlLimits, parse_yaml, read_yaml_file


def alias_bomb(levels: int = 9) -> str:
    """The classic "billion laughs": each level lists the previous one nine times."""
    lines = ["config:", "  lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, levels):
        lines.append(f"  lol{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]")
    return "\n".join(lines) + "\n"


@pytest.fixture
def events_consumed(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the parser events the reader pulls (the work it does before it stops)."""
    counter = [0]
    real_parse = yaml.parse

    def counting_parse(*args: Any, **kwargs: Any) -> Any:
        for event in real_parse(*args, **kwargs):
            counter[0] += 1
            yield event

    monkeypatch.setattr(yaml_reader.yaml, "parse", counting_parse)
    return counter


def test_an_alias_bomb_stops_early_without_expanding(events_consumed: list[int]) -> None:
    with pytest.raises(UsageError, match=r"Pulumi.bomb.yaml: line \d+: aliases expand to more than 10,000 values"):
        parse_yaml(alias_bomb(), "Pulumi.bomb.yaml")
    # 9 levels = 9**9 (387 million) strings once expanded; the reader read the 90-odd events
    # of the file up to the alias that crossed the budget, and built nothing of the expansion.
    assert events_consumed[0] < 120


def test_5000_deep_yaml_stops_at_the_depth_limit(events_consumed: list[int]) -> None:
    deep = "config:\n  sovereign:tags: " + "{a: " * 5000 + "1" + "}" * 5000 + "\n"
    with pytest.raises(UsageError) as info:
        parse_yaml(deep, "Pulumi.deep.yaml")
    assert str(info.value).startswith("Pulumi.deep.yaml: ")
    assert "nested deeper than 64 levels" in str(info.value) or "nesting depth" in str(info.value)
    assert events_consumed[0] <= 2 * LIMITS.max_depth + 8  # a mapping start and a key per level


def test_deep_block_yaml_stops_at_the_depth_limit() -> None:
    deep = "".join(" " * i + "k:\n" for i in range(1000))
    with pytest.raises(UsageError, match=r"line 65: nested deeper than 64 levels"):
        parse_yaml(deep, "Pulumi.deep.yaml")


def test_the_pure_python_parser_is_bounded_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without libyaml the reader falls back to PyYAML's parser, which is iterative as well."""
    monkeypatch.setattr(yaml_reader, "_LOADER", yaml.SafeLoader)
    with pytest.raises(UsageError, match="nested deeper"):
        parse_yaml("x: " + "[" * 5000 + "]" * 5000, "f.yaml")
    with pytest.raises(UsageError, match="aliases expand"):
        parse_yaml(alias_bomb(), "f.yaml")


def test_values_are_counted_after_alias_expansion() -> None:
    text = "a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9]\n" + "".join(f"b{i}: *a\n" for i in range(20))
    assert len(parse_yaml(text, "f.yaml")) == 21  # 200 aliased values: fine by default
    with pytest.raises(UsageError, match="aliases expand to more than 100 values"):
        parse_yaml(text, "f.yaml", YamlLimits(max_alias_values=100))
    with pytest.raises(UsageError, match="more than 50 values"):
        parse_yaml(text, "f.yaml", YamlLimits(max_values=50))


def test_a_file_beyond_the_size_limit_is_refused_before_parsing(tmp_path: Path,
                                                                events_consumed: list[int]) -> None:
    big = tmp_path / "Pulumi.big.yaml"
    big.write_text("config:\n" + "  x: " + "y" * LIMITS.max_bytes + "\n")
    with pytest.raises(UsageError, match=r"Pulumi.big.yaml: the stack file is larger than the limit of 1,048,576 bytes"):
        read_yaml_file(big, "stack file")
    assert events_consumed[0] == 0


def test_duplicate_keys_name_both_lines() -> None:
    text = "config:\n  sovereign:boundary: US\n  sovereign:region: eastus\n  sovereign:boundary: EU\n"
    with pytest.raises(UsageError) as info:
        parse_yaml(text, "Pulumi.eu.yaml")
    assert str(info.value).startswith("Pulumi.eu.yaml: line 4: duplicate key 'sovereign:boundary' (first at line 2)")


@pytest.mark.parametrize("text", [
    "a:\n  x: 1\n  y: 2\n  x: 3\n",        # nested
    "a: {x: 1, x: 1}\n",                  # flow, same value
    "a: 1\n'a': 2\n",                     # quoted spelling of the same key
    "<<: {x: 1}\n<<: {y: 2}\n",           # two merge keys
])
def test_duplicates_of_every_shape_are_refused(text: str) -> None:
    with pytest.raises(UsageError, match="duplicate key"):
        parse_yaml(text, "f.yaml")


def test_merge_keys_follow_yaml_explicit_keys_win() -> None:
    text = "base: &b {region: westeurope, prefix: a}\nstack:\n  <<: *b\n  prefix: b\n"
    assert parse_yaml(text, "f.yaml")["stack"] == {"region": "westeurope", "prefix": "b"}
    with pytest.raises(UsageError, match="'<<' merges a mapping"):
        parse_yaml("a: &a 1\nb:\n  <<: *a\n", "f.yaml")


@pytest.mark.parametrize(("scalar", "expected"), [
    ("true", True), ("False", False), ("yes", "yes"), ("no", "no"), ("on", "on"), ("off", "off"),
    ("~", None), ("", None), ("null", None), ("7", 7), ("-7", -7), ("0x1F", 31), ("0o17", 15),
    ("7.5", 7.5), ("1e3", 1000.0), ("2024-01-01", "2024-01-01"), ("'7'", "7"), ('"true"', "true"),
    ("!!str 7", "7"), ("!!int 7", 7), ("!!float 7", 7.0), ("westeurope", "westeurope"),
    ("9223372036854775807", 2**63 - 1),
])
def test_scalars_resolve_as_yaml_1_2_core(scalar: str, expected: Any) -> None:
    value = parse_yaml(f"x: {scalar}\n", "f.yaml")["x"]
    assert value == expected and type(value) is type(expected)


@pytest.mark.parametrize(("text", "fragment"), [
    ("x: " + "9" * 5000 + "\n", "5,000 digits is outside the 64-bit range"),
    ("x: 99999999999999999999999\n", "outside the 64-bit range"),
    ("x: .inf\n", "not a finite number"),
    ("x: -.Inf\n", "not a finite number"),
    ("x: .nan\n", "not a finite number"),
    ("x: 1e999\n", "too large"),
    ("x: !!binary aGVsbG8=\n", "unsupported tag '!!binary'"),
    ("x: !Ref other\n", "unsupported tag '!Ref'"),
    ("x: !!int seven\n", "not a valid !!int"),
    ("? [a, b]\n: c\n", "a mapping key must be a plain value"),
    ("~: 1\n", "a mapping key is empty or null"),
    ("a: *nowhere\n", "refers to no anchor"),
    ("a: &a [*a]\n", "refers to no anchor"),
    ("a: 1\n---\nb: 2\n", "a second YAML document"),
    ("a: [1, 2\n", "invalid YAML (line 2, column 1)"),
    ("a: \x07\n", "invalid YAML"),
])
def test_values_pulumi_cannot_store_are_refused_naming_the_line(text: str, fragment: str) -> None:
    with pytest.raises(UsageError) as info:
        parse_yaml(text, "Pulumi.x.yaml")
    assert str(info.value).startswith("Pulumi.x.yaml: ")
    assert fragment in str(info.value)


def test_shared_anchors_are_equal_values() -> None:
    value = parse_yaml("a: &a {k: [1, 2]}\nb: *a\n", "f.yaml")
    assert value["a"] == value["b"] == {"k": [1, 2]}
