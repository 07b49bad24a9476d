"""The expression grammar: literals and escapes, calls, member and index access, safe
dereference, bounds; arbitrary text never raises anything but ``ExpressionSyntaxError``."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sovereign_components.policies.arm_template.parser import (
    Call,
    ExpressionSyntaxError,
    Index,
    Lit,
    Member,
    classify,
    parse,
)


@pytest.mark.parametrize(("text", "expected"), [
    ("[x()]", ("expression", "x()")),
    ("[[x()]", ("literal", "[x()]")),
    ("[[", ("literal", "[")),
    ("[x()", ("literal", "[x()")),
    ("x()]", ("literal", "x()]")),
    ("[]", ("expression", "")),
    ("[", ("literal", "[")),
    ("", ("literal", "")),
])
def test_classify(text: str, expected: tuple[str, str]) -> None:
    assert classify(text) == expected


def test_calls_literals_and_access() -> None:
    assert parse("Concat('a''b', 12, -3, 1.5, true, NULL)") == Call("concat", (
        Lit("a'b"), Lit(12), Lit(-3), Lit(1.5), Lit(True), Lit(None)))
    assert parse("parameters('p').a.?b[0][?'k']") == Index(
        Index(Member(Member(Call("parameters", (Lit("p"),)), "a"), "b", True), Lit(0)), Lit("k"), True)
    assert parse("corp.fn(1)") == Call("corp.fn", (Lit(1),))
    assert parse("( f() )") == Call("f", ())
    assert parse("resourceGroup().location") == Member(Call("resourcegroup", ()), "location")


@pytest.mark.parametrize("text", ["", "f(", "f(1,)", "'open", "f() g()", "bare", "f(1 2)", "a.", "f()[", "#", "f(]"])
def test_syntax_errors(text: str) -> None:
    with pytest.raises(ExpressionSyntaxError):
        parse(text)


def test_bounds() -> None:
    with pytest.raises(ExpressionSyntaxError, match="nested"):
        parse("f(" * 50 + ")" * 50, max_depth=40)
    assert parse("f(" * 10 + ")" * 10, max_depth=40)
    with pytest.raises(ExpressionSyntaxError, match="longer"):
        parse("f('" + "a" * 30_000 + "')")


@settings(max_examples=400, deadline=None, database=None)
@given(st.text(alphabet="()[],.'?-0123456789 abcfnrtueulsl_$\"\\", max_size=60))
def test_arbitrary_text_only_syntax_errors(text: str) -> None:
    try:
        parse(text)
    except ExpressionSyntaxError:
        pass
