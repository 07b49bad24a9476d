"""The ARM template functions that evaluate their arguments lazily or call lambdas: ``if`` (only
the chosen branch), ``and``/``or`` (three-valued with unknowns), ``coalesce``, and ``filter``,
``map``, ``reduce``, ``sort``, ``toObject``, ``mapValues``, ``groupBy``
(https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-lambda).
Each receives the argument nodes and evaluates them through the :class:`~.evaluator.Evaluator`."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final

from .coerce import EvalError, arm_equal, want_bool, want_dict, want_list, want_str
from .context import Frame
from .parser import Node
from .unknown import Unknown, deep_unknown

if TYPE_CHECKING:
    from .evaluator import Evaluator

LazyFn = Callable[["Evaluator", tuple[Node, ...], Frame], Any]


class _SortUnknown(Exception):
    def __init__(self, unknown: Unknown) -> None:
        self.unknown = unknown



def arity(name: str, args: tuple[Node, ...] | list[Any], low: int, high: int | None) -> None:
    if len(args) < low or (high is not None and len(args) > high):
        raise EvalError(f"{name}() takes {low}..{high if high is not None else 'n'} arguments, not {len(args)}")


def _if(ev: Evaluator, args: tuple[Node, ...], frame: Frame) -> Any:
    arity("if", args, 3, 3)
    cond = ev.node(args[0], frame)
    if isinstance(cond, Unknown):
        branches = []
        for branch in args[1:]:
            try:
                branches.append(ev.node(branch, frame))
            except EvalError:
                return cond
        a, b = branches
        if deep_unknown(a) is None and deep_unknown(b) is None and arm_equal(a, b):
            return a
        return Unknown(f"if() condition is unknown: {cond.reason}")
    return ev.node(args[1] if want_bool(cond, "if() condition") else args[2], frame)


def _logic(name: str, stop: bool) -> LazyFn:
    def run(ev: Evaluator, args: tuple[Node, ...], frame: Frame) -> Any:
        arity(name, args, 1, None)
        unknown: Unknown | None = None
        for arg in args:
            value = ev.node(arg, frame)
            if isinstance(value, Unknown):
                unknown = unknown or value
                continue
            if want_bool(value, f"{name}() argument") is stop:
                return stop
        return unknown if unknown is not None else (not stop)
    return run


def _coalesce(ev: Evaluator, args: tuple[Node, ...], frame: Frame) -> Any:
    arity("coalesce", args, 1, None)
    for arg in args:
        value = ev.node(arg, frame)
        if value is not None:
            return value
    return None


def _collection(ev: Evaluator, node: Node, frame: Frame, what: str) -> list[Any] | Unknown:
    value = ev.node(node, frame)
    if isinstance(value, Unknown):
        return value
    return want_list(value, what)


def _filter(ev: Evaluator, args: tuple[Node, ...], frame: Frame) -> Any:
    arity("filter", args, 2, 2)
    items = _collection(ev, args[0], frame, "filter() input")
    if isinstance(items, Unknown):
        return items
    out = []
    for i, item in enumerate(items):
        keep = ev.lambda_call(args[1], frame, [item, i])
        if isinstance(keep, Unknown):
            return keep
        if want_bool(keep, "filter() predicate"):
            out.append(item)
    return out


def _map(ev: Evaluator, args: tuple[Node, ...], frame: Frame) -> Any:
    arity("map", args, 2, 2)
    items = _collection(ev, args[0], frame, "map() input")
    if isinstance(items, Unknown):
        return items
    return [ev.lambda_call(args[1], frame, [item, i]) for i, item in enumerate(items)]


def _reduce(ev: Evaluator, args: tuple[Node, ...], frame: Frame) -> Any:
    arity("reduce", args, 3, 3)
    items = _collection(ev, args[0], frame, "reduce() input")
    if isinstance(items, Unknown):
        return items
    acc = ev.node(args[1], frame)
    for i, item in enumerate(items):
        if isinstance(acc, Unknown):
            return acc
        acc = ev.lambda_call(args[2], frame, [acc, item, i])
    return acc


def _sort(ev: Evaluator, args: tuple[Node, ...], frame: Frame) -> Any:
    arity("sort", args, 2, 2)
    items = _collection(ev, args[0], frame, "sort() input")
    if isinstance(items, Unknown):
        return items

    def before(a: Any, b: Any) -> bool:
        result = ev.lambda_call(args[1], frame, [a, b])
        if isinstance(result, Unknown):
            raise _SortUnknown(result)
        return want_bool(result, "sort() comparison")

    def compare(a: Any, b: Any) -> int:
        if before(a, b):
            return -1
        return 1 if before(b, a) else 0

    try:
        return sorted(items, key=functools.cmp_to_key(compare))
    except _SortUnknown as exc:
        return exc.unknown


def _to_object(ev: Evaluator, args: tuple[Node, ...], frame: Frame) -> Any:
    arity("toObject", args, 2, 3)
    items = _collection(ev, args[0], frame, "toObject() input")
    if isinstance(items, Unknown):
        return items
    out: dict[str, Any] = {}
    for item in items:
        key = ev.lambda_call(args[1], frame, [item])
        if isinstance(key, Unknown):
            return key
        out[want_str(key, "toObject() key")] = ev.lambda_call(args[2], frame, [item]) if len(args) == 3 else item
    return out


def _map_values(ev: Evaluator, args: tuple[Node, ...], frame: Frame) -> Any:
    arity("mapValues", args, 2, 2)
    obj = ev.node(args[0], frame)
    if isinstance(obj, Unknown):
        return obj
    return {k: ev.lambda_call(args[1], frame, [v]) for k, v in want_dict(obj, "mapValues() input").items()}


def _group_by(ev: Evaluator, args: tuple[Node, ...], frame: Frame) -> Any:
    arity("groupBy", args, 2, 2)
    items = _collection(ev, args[0], frame, "groupBy() input")
    if isinstance(items, Unknown):
        return items
    out: dict[str, list[Any]] = {}
    for item in items:
        key = ev.lambda_call(args[1], frame, [item])
        if isinstance(key, Unknown):
            return key
        out.setdefault(want_str(key, "groupBy() key"), []).append(item)
    return out


def _lambda_alone(ev: Evaluator, args: tuple[Node, ...], frame: Frame) -> Any:
    raise EvalError("lambda() is only valid as an argument of filter, map, reduce, sort, toObject, groupBy, mapValues")


LAZY: Final[dict[str, LazyFn]] = {
    "if": _if,
    "and": _logic("and", False),
    "or": _logic("or", True),
    "coalesce": _coalesce,
    "filter": _filter,
    "map": _map,
    "reduce": _reduce,
    "sort": _sort,
    "toobject": _to_object,
    "mapvalues": _map_values,
    "groupby": _group_by,
    "lambda": _lambda_alone,
}


