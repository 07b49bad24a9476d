"""Evaluating ARM template expressions and JSON values in a :class:`~.context.Frame`.

:class:`Evaluator` resolves a JSON value in a frame (:mod:`.context`: the template's parameters,
variables and functions, its target, the copy indexes in force): every string that is an
expression (:func:`.parser.classify`) is parsed and evaluated; a ``copy`` array inside
``properties`` or ``variables`` expands into its named array
(https://learn.microsoft.com/azure/azure-resource-manager/templates/copy-properties,
https://learn.microsoft.com/azure/azure-resource-manager/templates/copy-variables).

What cannot be evaluated becomes an :class:`~.unknown.Unknown` with the reason (a parameter from
another resource's output, ``reference()``, a function the gate does not know, an expression ARM
would reject); deciding places (:mod:`.template`) turn that into :class:`~.model.Unevaluable`.
Function calls dispatch to :mod:`.functions` (pure), :mod:`.lazy` and
:mod:`.scope_functions`. All work is charged to a :class:`~.context.Budget`; exhausting it raises :class:`~.model.Unevaluable`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any, Final

from ..values import UNKNOWN
from .coerce import EvalError, get_member, type_name, want_int, want_str
from .context import Budget, Frame, ci, measure
from .functions import PURE, runtime_only
from .keys import ABSENT, fold
from .lazy import LAZY
from .model import Unevaluable
from .parser import Call, ExpressionSyntaxError, Lit, Member, Node, classify, parse
from .scope_functions import CONTEXT
from .unknown import Unknown, deep_unknown, first_unknown

#: Objects whose keys are data (identity ids, tag names), not property names: a key there that
#: cannot be evaluated hides no property, so it is kept as the preview sentinel.
DATA_KEYED: Final[frozenset[str]] = frozenset(fold(k) for k in ("userAssignedIdentities", "tags"))


class Evaluator:
    """Resolves JSON values and expressions; one per expansion (it shares the :class:`Budget`)."""

    def __init__(self, budget: Budget) -> None:
        self.budget = budget
        self.limits = budget.limits

    # -- JSON values --------------------------------------------------------------------
    def resolve(self, raw: Any, frame: Frame, *, copies: bool = False, parent_key: str | None = None) -> Any:
        """``raw`` with every expression string evaluated, object keys included; with
        ``copies``, a ``copy`` array in an object expands into the arrays it names (property and
        variable iteration). ``parent_key`` is the key ``raw`` sits under (see :meth:`key`)."""
        self.budget.charge()
        if isinstance(raw, str):
            return self.string(raw, frame)
        if not isinstance(raw, (dict, list)):
            return raw
        try:
            return self._resolve_container(raw, frame, copies, parent_key)
        except EvalError as exc:
            return Unknown(str(exc))

    def key(self, key: str, frame: Frame, parent_key: str | None, index: int) -> str:
        """An object key: ARM evaluates a key written as an expression (Bicep compiles
        ``userAssignedIdentities: { '${id}': {} }`` and interpolated tag names to such keys). A
        key that cannot be evaluated decides which property is set, so it fails closed, except
        in objects whose keys are data rather than property names (:data:`DATA_KEYED`), where it
        becomes the preview sentinel."""
        if classify(key)[0] == "literal":
            return classify(key)[1]
        value = self.string(key, frame)
        if isinstance(value, str):
            return value
        if parent_key is not None and fold(parent_key) in DATA_KEYED:
            return UNKNOWN if index == 0 else f"{UNKNOWN}:{index}"
        reason = value.reason if isinstance(value, Unknown) else f"it is {type_name(value)}, not a string"
        raise Unevaluable(f"the object key {key!r} cannot be evaluated ({reason}), so which property it sets is "
                          "unknown; write the key literally", self.budget.path)

    def _resolve_container(self, raw: dict[str, Any] | list[Any], frame: Frame, copies: bool,
                           parent_key: str | None) -> Any:
        if isinstance(raw, dict):
            with self.budget.deeper():
                out: dict[str, Any] = {}
                spec = ci(raw, "copy") if copies else None
                if isinstance(spec, list) and _is_copy_array(spec):
                    for entry in spec:
                        name = self.resolve(ci(entry, "name"), frame)
                        if not isinstance(name, str):
                            raise EvalError("a property copy's name must be a string")
                        out[name] = self.copy_array(entry, frame)
                unknown_keys = 0
                for key, value in raw.items():
                    if fold(key) == "COPY" and _is_copy_array(spec):
                        continue
                    name = self.key(key, frame, parent_key, unknown_keys)
                    if name.startswith(UNKNOWN):
                        unknown_keys += 1
                    if name in out:
                        raise EvalError(f"two keys of one object evaluate to '{name}'")
                    out[name] = self.resolve(value, frame, copies=copies, parent_key=name)
                return out
        with self.budget.deeper():
            return [self.resolve(item, frame, copies=copies) for item in raw]

    def copy_array(self, entry: Mapping[str, Any], frame: Frame) -> Any:
        """The array a property/variable ``copy`` entry produces (unknown count: unknown)."""
        try:
            name = ci(entry, "name")
            count = self.resolve(ci(entry, "count"), frame)
            if isinstance(count, Unknown):
                return Unknown(f"the count of copy '{name}' is unknown: {count.reason}")
            n = want_int(count, f"the count of copy '{name}'")
            if n < 0 or n > self.limits.max_copy_count:
                raise EvalError(f"copy '{name}' count {n} is outside 0..{self.limits.max_copy_count}")
            if not isinstance(name, str):
                raise EvalError("a copy's name must be a string")
            raw_input = ci(entry, "input")
            return [self.resolve(raw_input, frame.with_copy(name, i), copies=True) for i in range(n)]
        except EvalError as exc:
            return Unknown(str(exc))

    def string(self, text: str, frame: Frame) -> Any:
        kind, body = classify(text)
        if kind == "literal":
            return body
        node = self.budget.parsed.get(body)
        if node is None:
            try:
                node = parse(body, max_depth=self.limits.max_expression_depth,
                             max_chars=self.limits.max_expression_chars)
            except ExpressionSyntaxError as exc:
                node = exc
            self.budget.parsed[body] = node
        if isinstance(node, ExpressionSyntaxError):
            return Unknown(f"[{_short(body)}] is not an expression the gate can read: {node}")
        try:
            value = self.node(node, frame)
            self._check_size(value)
            return value
        except EvalError as exc:
            return Unknown(f"[{_short(body)}] cannot be evaluated: {exc}")

    def _check_size(self, value: Any) -> None:
        if isinstance(value, str):
            if len(value) > self.limits.max_string_chars:
                raise EvalError(f"a string longer than {self.limits.max_string_chars} characters")
        elif isinstance(value, (dict, list)):
            size = measure(value, self.limits.max_value_nodes)
            self.budget.charge(size)
            if size > self.limits.max_value_nodes:
                raise EvalError(f"a value with more than {self.limits.max_value_nodes} elements")

    # -- expressions --------------------------------------------------------------------
    def node(self, node: Node, frame: Frame) -> Any:
        self.budget.charge()
        with self.budget.deeper():
            if isinstance(node, Lit):
                return node.value
            if isinstance(node, Call):
                return self.call(node, frame)
            target = self.node(node.target, frame)
            if isinstance(target, Unknown):
                return target
            if isinstance(node, Member):
                return _member(target, node.name, node.safe)
            index = self.node(node.index, frame)
            if isinstance(index, Unknown):
                return index
            return _index(target, index, node.safe)

    def args(self, nodes: tuple[Node, ...], frame: Frame) -> list[Any]:
        return [self.node(n, frame) for n in nodes]

    def call(self, node: Call, frame: Frame) -> Any:
        name = node.name
        if "." in name:
            return self.user_function(node, frame)
        lazy = LAZY.get(name)
        if lazy is not None:
            return lazy(self, node.args, frame)
        contextual = CONTEXT.get(name)
        if contextual is not None:
            args = self.args(node.args, frame)
            return contextual(self, frame, args)
        if runtime_only(name):
            return Unknown(f"{name}() is answered by Azure at deploy time")
        spec = PURE.get(name)
        if spec is None:
            return Unknown(f"the gate does not evaluate the function '{name}'")
        if len(node.args) < spec.min_args or (spec.max_args is not None and len(node.args) > spec.max_args):
            raise EvalError(f"{name}() takes {spec.min_args}..{spec.max_args or 'n'} arguments, not {len(node.args)}")
        args = self.args(node.args, frame)
        if spec.unknown == "any":
            unknown = first_unknown(*args)
            if unknown is not None:
                return unknown
        elif spec.unknown == "deep":
            unknown = deep_unknown(args)
            if unknown is not None:
                return unknown
        for arg in args:
            if isinstance(arg, (dict, list)):
                self.budget.charge(measure(arg, self.limits.max_value_nodes))
        try:
            result = spec.impl(*args)
        except (RecursionError, OverflowError) as exc:
            raise EvalError(f"{name}(): {type(exc).__name__}") from None
        self._check_size(result)
        return result

    def user_function(self, node: Call, frame: Frame) -> Any:
        decl = frame.ctx.functions.get(fold(node.name))
        if not isinstance(decl, dict):
            raise EvalError(f"function '{node.name}' is not declared in the template")
        params = ci(decl, "parameters")
        params = [] if params is ABSENT or params is None else params
        output = ci(decl, "output")
        if not isinstance(params, list) or not isinstance(output, dict) or ci(output, "value") is ABSENT:
            raise EvalError(f"function '{node.name}' is malformed")
        declared = [ci(p, "name") if isinstance(p, dict) else None for p in params]
        names = [n for n in declared if isinstance(n, str)]
        if len(names) != len(declared) or len(names) != len(node.args):
            raise EvalError(f"function '{node.name}' takes {len(declared)} arguments")
        args = self.args(node.args, frame)
        with frame.ctx.guard(f"function '{node.name}'"):
            inner = Frame(frame.ctx, user_args={fold(n): a for n, a in zip(names, args, strict=True)})
            return self.resolve(ci(output, "value"), inner)

    def lambda_call(self, lam: Node, frame: Frame, values: list[Any]) -> Any:
        if not isinstance(lam, Call) or lam.name != "lambda" or len(lam.args) < 2:
            raise EvalError("expected a lambda(...) argument")
        names = []
        for arg in lam.args[:-1]:
            if not isinstance(arg, Lit) or not isinstance(arg.value, str):
                raise EvalError("lambda variable names must be string literals")
            names.append(fold(arg.value))
        if len(values) < len(names):
            raise EvalError("lambda takes more variables than supplied")
        bound = {**frame.lambdas, **dict(zip(names, values[:len(names)], strict=True))}
        return self.node(lam.args[-1], replace(frame, lambdas=bound))


def _short(text: str) -> str:
    return text if len(text) <= 80 else text[:77] + "..."


def _is_copy_array(spec: Any) -> bool:
    """A property/variable iteration: a non-empty array of ``{name, count, input}`` objects."""
    return (isinstance(spec, list) and bool(spec)
            and all(isinstance(e, dict) and all(ci(e, k) is not ABSENT for k in ("name", "count", "input"))
                    for e in spec))


def _member(target: Any, name: str, safe: bool) -> Any:
    if target is None and safe:
        return None
    if isinstance(target, dict):
        found, value = get_member(target, name)
        if found:
            return value
        if safe:
            return None
        raise EvalError(f"the object has no member '{name}'")
    raise EvalError(f"cannot read '.{name}' of {type_name(target)}")


def _index(target: Any, index: Any, safe: bool) -> Any:
    if target is None and safe:
        return None
    if isinstance(target, list):
        i = want_int(index, "array index")
        if 0 <= i < len(target):
            return target[i]
        if safe:
            return None
        raise EvalError(f"array index {i} out of range")
    if isinstance(target, dict):
        return _member(target, want_str(index, "object key"), safe)
    if isinstance(target, str):
        i = want_int(index, "string index")
        if 0 <= i < len(target):
            return target[i]
    raise EvalError(f"cannot index {type_name(target)}")



#: Every function name the evaluator answers (for docs and tests).
KNOWN_FUNCTIONS: Final[frozenset[str]] = frozenset(PURE) | frozenset(LAZY) | frozenset(CONTEXT)

__all__ = ["KNOWN_FUNCTIONS", "Evaluator"]
