"""The ARM template expression language, parsed: a tokenizer and a recursive-descent parser.

Grammar (https://learn.microsoft.com/azure/azure-resource-manager/templates/template-expressions)::

    expression := primary postfix*
    primary    := STRING | NUMBER | call | "(" expression ")"
    call       := NAME ["." NAME] "(" [expression ("," expression)*] ")"
    postfix    := "." ["?"] NAME | "[" ["?"] expression "]" | "." ["?"] "[" expression "]"
    STRING     := "'" (any char but "'" | "''")* "'"
    NUMBER     := ["-"] digits ["." digits]

Function names are case-insensitive (``variables('x')`` = ``VARIABLES('x')``), so calls keep the
lower-cased name; ``ns.fn`` names a user-defined function. ``true``, ``false`` and ``null`` are
accepted bare as well as called. ``.?`` / ``[?`` are safe dereferences (a missing member is
``null``). A JSON string is an expression only when it starts with ``[`` and ends with ``]``;
``[[`` at the start escapes the bracket (:func:`classify`).

The parser is bounded: nesting deeper than ``max_depth`` or text longer than ``max_chars`` is an
:class:`ExpressionSyntaxError`, never a ``RecursionError``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

__all__ = [
    "Call",
    "ExpressionSyntaxError",
    "Index",
    "Lit",
    "Member",
    "Node",
    "classify",
    "parse",
]


class ExpressionSyntaxError(ValueError):
    """The text is not an expression this grammar accepts."""


@dataclass(frozen=True, slots=True)
class Lit:
    value: Any


@dataclass(frozen=True, slots=True)
class Call:
    name: str  # lower-case; "ns.fn" for a user-defined function
    args: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Member:
    target: Node
    name: str
    safe: bool = False


@dataclass(frozen=True, slots=True)
class Index:
    target: Node
    index: Node
    safe: bool = False


Node = Lit | Call | Member | Index

_PUNCT = "(),.[]?"
_BARE = {"true": True, "false": False, "null": None}


def classify(text: str) -> tuple[Literal["literal", "expression"], str]:
    """``("expression", inner)`` for ``"[...]"``; ``("literal", value)`` otherwise, with a
    leading ``[[`` escape reduced to ``[``."""
    if text.startswith("[[") :
        return "literal", text[1:]
    if len(text) >= 2 and text.startswith("[") and text.endswith("]"):
        return "expression", text[1:-1]
    return "literal", text


@dataclass(frozen=True, slots=True)
class _Tok:
    kind: str  # "str" | "num" | "name" | one punctuation char
    value: Any
    pos: int


def _tokenize(text: str) -> list[_Tok]:
    toks: list[_Tok] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch == "'":
            j, out = i + 1, []
            while True:
                if j >= n:
                    raise ExpressionSyntaxError(f"unterminated string at {i}")
                if text[j] == "'":
                    if j + 1 < n and text[j + 1] == "'":
                        out.append("'")
                        j += 2
                        continue
                    break
                out.append(text[j])
                j += 1
            toks.append(_Tok("str", "".join(out), i))
            i = j + 1
        elif ch.isdigit() or (ch == "-" and i + 1 < n and text[i + 1].isdigit()):
            j = i + 1
            while j < n and text[j].isdigit():
                j += 1
            if j + 1 < n and text[j] == "." and text[j + 1].isdigit():
                j += 1
                while j < n and text[j].isdigit():
                    j += 1
                toks.append(_Tok("num", float(text[i:j]), i))
            else:
                toks.append(_Tok("num", int(text[i:j]), i))
            i = j
        elif ch.isalpha() or ch in "_$":
            j = i + 1
            while j < n and (text[j].isalnum() or text[j] in "_$"):
                j += 1
            toks.append(_Tok("name", text[i:j], i))
            i = j
        elif ch in _PUNCT:
            toks.append(_Tok(ch, ch, i))
            i += 1
        else:
            raise ExpressionSyntaxError(f"unexpected character {ch!r} at {i}")
    return toks


class _Parser:
    def __init__(self, toks: list[_Tok], max_depth: int) -> None:
        self.toks = toks
        self.pos = 0
        self.max_depth = max_depth

    def peek(self, offset: int = 0) -> _Tok | None:
        at = self.pos + offset
        return self.toks[at] if at < len(self.toks) else None

    def take(self, kind: str) -> _Tok:
        tok = self.peek()
        if tok is None or tok.kind != kind:
            where = f"at {tok.pos}" if tok else "at the end"
            raise ExpressionSyntaxError(f"expected {kind!r} {where}")
        self.pos += 1
        return tok

    def accept(self, kind: str) -> bool:
        tok = self.peek()
        if tok is not None and tok.kind == kind:
            self.pos += 1
            return True
        return False

    def expression(self, depth: int) -> Node:
        if depth > self.max_depth:
            raise ExpressionSyntaxError(f"expression nested more than {self.max_depth} levels deep")
        node = self.primary(depth)
        while True:
            tok = self.peek()
            if tok is None:
                return node
            if tok.kind == ".":
                self.pos += 1
                safe = self.accept("?")
                if self.accept("["):
                    index = self.expression(depth + 1)
                    self.take("]")
                    node = Index(node, index, safe)
                else:
                    node = Member(node, self.take("name").value, safe)
            elif tok.kind == "[":
                self.pos += 1
                safe = self.accept("?")
                index = self.expression(depth + 1)
                self.take("]")
                node = Index(node, index, safe)
            else:
                return node

    def primary(self, depth: int) -> Node:
        tok = self.peek()
        if tok is None:
            raise ExpressionSyntaxError("expression ends where a value was expected")
        if tok.kind in ("str", "num"):
            self.pos += 1
            return Lit(tok.value)
        if tok.kind == "(":
            self.pos += 1
            node = self.expression(depth + 1)
            self.take(")")
            return node
        if tok.kind == "name":
            self.pos += 1
            name = tok.value
            nxt, after = self.peek(), self.peek(1)
            if (nxt is not None and nxt.kind == "." and after is not None and after.kind == "name"
                    and self.peek(2) is not None and self.peek(2).kind == "("):  # type: ignore[union-attr]
                self.pos += 2
                name = f"{name}.{after.value}"
                nxt = self.peek()
            if nxt is not None and nxt.kind == "(":
                self.pos += 1
                args: list[Node] = []
                if not self.accept(")"):
                    while True:
                        args.append(self.expression(depth + 1))
                        if self.accept(")"):
                            break
                        self.take(",")
                return Call(name.lower(), tuple(args))
            if name.lower() in _BARE:
                return Lit(_BARE[name.lower()])
            raise ExpressionSyntaxError(f"bare name {name!r} at {tok.pos} is not a function call")
        raise ExpressionSyntaxError(f"unexpected {tok.kind!r} at {tok.pos}")


def parse(text: str, *, max_depth: int = 40, max_chars: int = 24_576) -> Node:
    """The syntax tree of the expression ``text`` (the part between the outer brackets)."""
    if len(text) > max_chars:
        raise ExpressionSyntaxError(f"expression longer than {max_chars} characters (ARM's limit)")
    toks = _tokenize(text)
    if not toks:
        raise ExpressionSyntaxError("empty expression")
    parser = _Parser(toks, max_depth)
    node = parser.expression(0)
    if parser.pos != len(toks):
        raise ExpressionSyntaxError(f"unexpected {toks[parser.pos].kind!r} at {toks[parser.pos].pos}")
    return node
