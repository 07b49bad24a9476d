"""Evaluating ARM template expressions and JSON values in a template's context.

A :class:`TemplateContext` is one template as ARM evaluates it: its parameters (supplied values,
else defaults), variables (lazily, cycles are errors), user-defined functions and the
:class:`Target` it deploys to (what ``resourceGroup()``, ``subscription()`` and ``resourceId()``
answer). A :class:`Frame` adds the copy-loop indexes, lambda variables or user-function
arguments in force. :class:`Evaluator` resolves a JSON value in a frame: every string that is an
expression (:func:`.parser.classify`) is parsed and evaluated; a ``copy`` array inside
``properties`` or ``variables`` expands into its named array
(https://learn.microsoft.com/azure/azure-resource-manager/templates/copy-properties,
https://learn.microsoft.com/azure/azure-resource-manager/templates/copy-variables).

What cannot be evaluated becomes an :class:`~.unknown.Unknown` with the reason (a parameter from
another resource's output, ``reference()``, a function the gate does not know, an expression ARM
would reject); deciding places (:mod:`.template`) turn that into :class:`~.model.Unevaluable`.
All work is charged to a :class:`Budget`; exhausting it raises :class:`~.model.Unevaluable`.
"""

from __future__ import annotations

import copy as _copy
import functools
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any, Final

from .keys import ABSENT, AmbiguousKey, get_ci
from .functions import (
    PURE,
    EvalError,
    arm_equal,
    get_member,
    runtime_only,
    to_text,
    type_name,
    want_bool,
    want_dict,
    want_int,
    want_list,
    want_str,
)
from .model import Limits, Scope, Unevaluable
from .parser import Call, ExpressionSyntaxError, Index, Lit, Member, Node, classify, parse
from .unknown import Unknown, deep_unknown, first_unknown

#: What ``environment()`` returns: Azure public cloud, the cloud the gate judges
#: (https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-deployment#environment).
PUBLIC_CLOUD: Final[dict[str, Any]] = {
    "name": "AzureCloud",
    "gallery": "https://gallery.azure.com/",
    "graph": "https://graph.windows.net/",
    "portal": "https://portal.azure.com",
    "graphAudience": "https://graph.windows.net/",
    "activeDirectoryDataLake": "https://datalake.azure.net/",
    "batch": "https://batch.core.windows.net/",
    "media": "https://rest.media.azure.net",
    "sqlManagement": "https://management.core.windows.net:8443/",
    "vmImageAliasDoc": "https://raw.githubusercontent.com/Azure/azure-rest-api-specs/master/arm-compute/quickstart-templates/aliases.json",
    "resourceManager": "https://management.azure.com/",
    "authentication": {
        "loginEndpoint": "https://login.microsoftonline.com/",
        "audiences": ["https://management.core.windows.net/", "https://management.azure.com/"],
        "tenant": "common",
        "identityProvider": "AAD",
    },
    "suffixes": {
        "acrLoginServer": ".azurecr.io",
        "azureDatalakeAnalyticsCatalogAndJob": "azuredatalakeanalytics.net",
        "azureDatalakeStoreFileSystem": "azuredatalakestore.net",
        "azureFrontDoorEndpointSuffix": "azurefd.net",
        "keyvaultDns": ".vault.azure.net",
        "sqlServerHostname": ".database.windows.net",
        "storage": "core.windows.net",
    },
}


@dataclass(frozen=True)
class Target:
    """Where a template deploys: what the scope functions answer. ``resource_group`` is
    ``None`` in a deployment without one (subscription, management group, tenant), where
    ``resourceGroup()`` is an error, as in ARM
    (https://learn.microsoft.com/azure/azure-resource-manager/templates/scope-functions)."""

    scope: Scope
    subscription_id: str
    resource_group: str | None
    resource_group_location: str | Unknown | None
    management_group: str | None
    deployment_name: str | Unknown
    deployment_location: Any = None


class Budget:
    """The work one expansion may do (:class:`~.model.Limits`), and its parse cache."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.steps = 0
        self.resources = 0
        self.nesting = 0
        self.path = ""
        self.parsed: dict[str, Node | ExpressionSyntaxError] = {}

    def charge(self, n: int = 1) -> None:
        self.steps += n
        if self.steps > self.limits.max_steps:
            raise Unevaluable(
                f"evaluating the template takes more than {self.limits.max_steps} steps; simplify it "
                "(fewer or smaller loops and values)", self.path)

    @contextmanager
    def deeper(self) -> Iterator[None]:
        self.nesting += 1
        try:
            if self.nesting > self.limits.max_eval_nesting:
                raise EvalError(f"values and expressions nested more than {self.limits.max_eval_nesting} levels deep")
            yield
        finally:
            self.nesting -= 1


def measure(value: Any, cap: int) -> int:
    """The number of nodes in ``value`` counted as a tree (a shared sub-value counts each time
    it appears, which is what a copy of it costs), stopping once past ``cap``."""
    if not isinstance(value, (dict, list)):
        return 1
    count = 0
    stack: list[Any] = [value]
    while stack:
        item = stack.pop()
        count += 1
        if count > cap:
            return count
        for child in (item.values() if isinstance(item, dict) else item):
            if isinstance(child, (dict, list)):
                stack.append(child)
            else:
                count += 1
                if count > cap:
                    return count
    return count


class TemplateContext:
    """One template's parameters, variables and functions, and its :class:`Target`."""

    def __init__(self, template: Mapping[str, Any], supplied: Mapping[str, Any] | Unknown, target: Target,
                 budget: Budget) -> None:
        """``supplied``: the parameter values given to the deployment (name -> value, already
        resolved), or an :class:`Unknown` when the whole parameters object is unknown (then every
        parameter is unknown, defaults included: any of them may be overridden)."""
        self.template = template
        self.target = target
        self.budget = budget
        params = get_ci(template, "parameters")
        self.param_decls: dict[str, Any] = (
            {str(k).lower(): v for k, v in params.items()} if isinstance(params, dict) else {})
        self.all_unknown = supplied if isinstance(supplied, Unknown) else None
        self.supplied: dict[str, Any] = (
            {} if isinstance(supplied, Unknown) else {str(k).lower(): v for k, v in supplied.items()})
        self.variables: dict[str, tuple[str, Any]] = {}
        raw_vars = get_ci(template, "variables")
        if isinstance(raw_vars, dict):
            for key, raw in raw_vars.items():
                if key.lower() == "copy" and isinstance(raw, list):
                    for entry in raw:
                        name = get_ci(entry, "name") if isinstance(entry, dict) else ABSENT
                        if isinstance(name, str):
                            self.variables[name.lower()] = ("copy", entry)
                else:
                    self.variables[key.lower()] = ("value", raw)
        self.functions: dict[str, Any] = {}
        raw_funcs = get_ci(template, "functions")
        if isinstance(raw_funcs, list):
            for group in raw_funcs:
                namespace = get_ci(group, "namespace") if isinstance(group, dict) else ABSENT
                members = get_ci(group, "members") if isinstance(group, dict) else ABSENT
                if isinstance(namespace, str) and isinstance(members, dict):
                    for name, decl in members.items():
                        self.functions[f"{namespace}.{name}".lower()] = decl
        self._params: dict[str, Any] = {}
        self._vars: dict[str, Any] = {}
        self._busy: set[str] = set()
        self._chain = 0

    @contextmanager
    def guard(self, key: str) -> Iterator[None]:
        if key in self._busy:
            raise EvalError(f"{key} refers to itself")
        if self._chain >= self.budget.limits.max_reference_chain:
            raise EvalError(f"more than {self.budget.limits.max_reference_chain} nested parameter/variable references")
        self._busy.add(key)
        self._chain += 1
        try:
            yield
        finally:
            self._busy.discard(key)
            self._chain -= 1

    def parameter(self, name: str, ev: Evaluator) -> Any:
        key = name.lower()
        if key in self._params:
            return self._params[key]
        decl = self.param_decls.get(key)
        if decl is None:
            raise EvalError(f"parameter '{name}' is not declared in the template")
        if self.all_unknown is not None:
            value: Any = self.all_unknown
        elif key in self.supplied:
            value = self.supplied[key]
        elif isinstance(decl, dict) and _ci(decl, "defaultValue") is not ABSENT:
            with self.guard(f"parameter '{name}'"):
                value = ev.resolve(_ci(decl, "defaultValue"), Frame(self))
        elif isinstance(decl, dict) and _ci(decl, "nullable") is True:
            value = None
        else:
            value = Unknown(f"parameter '{name}' has neither a value nor a default")
        self._params[key] = value
        return value

    def variable(self, name: str, ev: Evaluator) -> Any:
        key = name.lower()
        if key in self._vars:
            return self._vars[key]
        entry = self.variables.get(key)
        if entry is None:
            raise EvalError(f"variable '{name}' is not declared in the template")
        with self.guard(f"variable '{name}'"):
            kind, raw = entry
            frame = Frame(self)
            value = ev.copy_array(raw, frame) if kind == "copy" else ev.resolve(raw, frame, copies=True)
        self._vars[key] = value
        return value


@dataclass(frozen=True)
class Frame:
    """The evaluation frame: the template, the copy indexes in force (``None`` = the resource
    loop), lambda variables, and the arguments of a user-defined function being evaluated."""

    ctx: TemplateContext
    copy: Mapping[str | None, int] = field(default_factory=dict)
    lambdas: Mapping[str, Any] = field(default_factory=dict)
    user_args: Mapping[str, Any] | None = None

    def with_copy(self, name: str | None, index: int) -> Frame:
        return replace(self, copy={**self.copy, (name.lower() if name else None): index})


class _SortUnknown(Exception):
    def __init__(self, unknown: Unknown) -> None:
        self.unknown = unknown


LazyFn = Callable[["Evaluator", tuple[Node, ...], Frame], Any]
ContextFn = Callable[["Evaluator", Frame, list[Any]], Any]


class Evaluator:
    """Resolves JSON values and expressions; one per expansion (it shares the :class:`Budget`)."""

    def __init__(self, budget: Budget) -> None:
        self.budget = budget
        self.limits = budget.limits

    # -- JSON values --------------------------------------------------------------------
    def resolve(self, raw: Any, frame: Frame, *, copies: bool = False) -> Any:
        """``raw`` with every expression string evaluated; with ``copies``, a ``copy`` array in
        an object expands into the arrays it names (property and variable iteration)."""
        self.budget.charge()
        if isinstance(raw, str):
            return self.string(raw, frame)
        if not isinstance(raw, (dict, list)):
            return raw
        try:
            return self._resolve_container(raw, frame, copies)
        except EvalError as exc:
            return Unknown(str(exc))

    def _resolve_container(self, raw: dict[str, Any] | list[Any], frame: Frame, copies: bool) -> Any:
        if isinstance(raw, dict):
            with self.budget.deeper():
                out: dict[str, Any] = {}
                spec = _ci(raw, "copy") if copies else None
                if _is_copy_array(spec):
                    for entry in spec:
                        name = self.resolve(_ci(entry, "name"), frame)
                        if not isinstance(name, str):
                            raise EvalError("a property copy's name must be a string")
                        out[name] = self.copy_array(entry, frame)
                for key, value in raw.items():
                    if key.lower() == "copy" and _is_copy_array(spec):
                        continue
                    out[key] = self.resolve(value, frame, copies=copies)
                return out
        with self.budget.deeper():
            return [self.resolve(item, frame, copies=copies) for item in raw]

    def copy_array(self, entry: Mapping[str, Any], frame: Frame) -> Any:
        """The array a property/variable ``copy`` entry produces (unknown count: unknown)."""
        try:
            name = _ci(entry, "name")
            count = self.resolve(_ci(entry, "count"), frame)
            if isinstance(count, Unknown):
                return Unknown(f"the count of copy '{name}' is unknown: {count.reason}")
            n = want_int(count, f"the count of copy '{name}'")
            if n < 0 or n > self.limits.max_copy_count:
                raise EvalError(f"copy '{name}' count {n} is outside 0..{self.limits.max_copy_count}")
            if not isinstance(name, str):
                raise EvalError("a copy's name must be a string")
            raw_input = _ci(entry, "input")
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
        lazy = _LAZY.get(name)
        if lazy is not None:
            return lazy(self, node.args, frame)
        contextual = _CONTEXT.get(name)
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
        decl = frame.ctx.functions.get(node.name)
        if not isinstance(decl, dict):
            raise EvalError(f"function '{node.name}' is not declared in the template")
        params = _ci(decl, "parameters")
        params = [] if params is ABSENT or params is None else params
        output = _ci(decl, "output")
        if not isinstance(params, list) or not isinstance(output, dict) or _ci(output, "value") is ABSENT:
            raise EvalError(f"function '{node.name}' is malformed")
        names = [_ci(p, "name") if isinstance(p, dict) else None for p in params]
        if len(names) != len(node.args) or not all(isinstance(n, str) for n in names):
            raise EvalError(f"function '{node.name}' takes {len(names)} arguments")
        args = self.args(node.args, frame)
        with frame.ctx.guard(f"function '{node.name}'"):
            inner = Frame(frame.ctx, user_args={n.lower(): a for n, a in zip(names, args)})
            return self.resolve(_ci(output, "value"), inner)

    def lambda_call(self, lam: Node, frame: Frame, values: list[Any]) -> Any:
        if not isinstance(lam, Call) or lam.name != "lambda" or len(lam.args) < 2:
            raise EvalError("expected a lambda(...) argument")
        names = []
        for arg in lam.args[:-1]:
            if not isinstance(arg, Lit) or not isinstance(arg.value, str):
                raise EvalError("lambda variable names must be string literals")
            names.append(arg.value.lower())
        if len(values) < len(names):
            raise EvalError("lambda takes more variables than supplied")
        bound = {**frame.lambdas, **dict(zip(names, values))}
        return self.node(lam.args[-1], replace(frame, lambdas=bound))


def _short(text: str) -> str:
    return text if len(text) <= 80 else text[:77] + "..."


def _ci(obj: Mapping[str, Any], key: str) -> Any:
    """:func:`.keys.get_ci` with an ambiguous key as an evaluation error."""
    try:
        return get_ci(obj, key)
    except AmbiguousKey as exc:
        raise EvalError(str(exc)) from None


def _is_copy_array(spec: Any) -> bool:
    """A property/variable iteration: a non-empty array of ``{name, count, input}`` objects."""
    return (isinstance(spec, list) and bool(spec)
            and all(isinstance(e, dict) and all(_ci(e, k) is not ABSENT for k in ("name", "count", "input"))
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


# -- lazy functions -------------------------------------------------------------------------

def _arity(name: str, args: tuple[Node, ...] | list[Any], low: int, high: int | None) -> None:
    if len(args) < low or (high is not None and len(args) > high):
        raise EvalError(f"{name}() takes {low}..{high if high is not None else 'n'} arguments, not {len(args)}")


def _if(ev: Evaluator, args: tuple[Node, ...], frame: Frame) -> Any:
    _arity("if", args, 3, 3)
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
        _arity(name, args, 1, None)
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
    _arity("coalesce", args, 1, None)
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
    _arity("filter", args, 2, 2)
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
    _arity("map", args, 2, 2)
    items = _collection(ev, args[0], frame, "map() input")
    if isinstance(items, Unknown):
        return items
    return [ev.lambda_call(args[1], frame, [item, i]) for i, item in enumerate(items)]


def _reduce(ev: Evaluator, args: tuple[Node, ...], frame: Frame) -> Any:
    _arity("reduce", args, 3, 3)
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
    _arity("sort", args, 2, 2)
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
    _arity("toObject", args, 2, 3)
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
    _arity("mapValues", args, 2, 2)
    obj = ev.node(args[0], frame)
    if isinstance(obj, Unknown):
        return obj
    return {k: ev.lambda_call(args[1], frame, [v]) for k, v in want_dict(obj, "mapValues() input").items()}


def _group_by(ev: Evaluator, args: tuple[Node, ...], frame: Frame) -> Any:
    _arity("groupBy", args, 2, 2)
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


_LAZY: Final[dict[str, LazyFn]] = {
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


# -- context functions ----------------------------------------------------------------------

def _parameters(ev: Evaluator, frame: Frame, args: list[Any]) -> Any:
    _arity("parameters", args, 1, 1)
    if isinstance(args[0], Unknown):
        return args[0]
    name = want_str(args[0], "parameter name")
    if frame.user_args is not None:
        if name.lower() in frame.user_args:
            return frame.user_args[name.lower()]
        raise EvalError(f"function parameter '{name}' is not declared")
    return frame.ctx.parameter(name, ev)


def _variables(ev: Evaluator, frame: Frame, args: list[Any]) -> Any:
    _arity("variables", args, 1, 1)
    if isinstance(args[0], Unknown):
        return args[0]
    if frame.user_args is not None:
        raise EvalError("a user-defined function cannot read variables")
    return frame.ctx.variable(want_str(args[0], "variable name"), ev)


def _lambda_variables(ev: Evaluator, frame: Frame, args: list[Any]) -> Any:
    _arity("lambdaVariables", args, 1, 1)
    name = want_str(args[0], "lambda variable name").lower()
    if name not in frame.lambdas:
        raise EvalError(f"lambda variable '{name}' is not bound")
    return frame.lambdas[name]


def _copy_index(ev: Evaluator, frame: Frame, args: list[Any]) -> Any:
    _arity("copyIndex", args, 0, 2)
    unknown = first_unknown(*args)
    if unknown is not None:
        return unknown
    loop: str | None = None
    offset = 0
    if args and isinstance(args[0], str):
        loop = args[0].lower()
        if len(args) == 2:
            offset = want_int(args[1], "copyIndex offset")
    elif len(args) == 1:
        offset = want_int(args[0], "copyIndex offset")
    elif len(args) == 2:
        raise EvalError("copyIndex(loopName, offset) takes the loop name first")
    if loop not in frame.copy:
        raise EvalError(f"copyIndex({loop or ''}) is used outside that copy loop")
    return frame.copy[loop] + offset


def _resource_group(ev: Evaluator, frame: Frame, args: list[Any]) -> Any:
    _arity("resourceGroup", args, 0, 0)
    target = frame.ctx.target
    if target.resource_group is None:
        raise EvalError(f"resourceGroup() is not available in a {target.scope} deployment")
    location = target.resource_group_location
    return {
        "id": f"/subscriptions/{target.subscription_id}/resourceGroups/{target.resource_group}",
        "name": target.resource_group,
        "type": "Microsoft.Resources/resourceGroups",
        "location": location if location is not None else Unknown(
            "the resource group's location is not known to the gate"),
        "managedBy": None,
        "tags": Unknown("the resource group's tags are not known to the gate"),
        "properties": {"provisioningState": "Succeeded"},
    }


def _subscription(ev: Evaluator, frame: Frame, args: list[Any]) -> Any:
    _arity("subscription", args, 0, 0)
    target = frame.ctx.target
    if target.scope in ("managementGroup", "tenant"):
        raise EvalError(f"subscription() is not available in a {target.scope} deployment")
    return {
        "id": f"/subscriptions/{target.subscription_id}",
        "subscriptionId": target.subscription_id,
        "tenantId": Unknown("the tenant id is not known to the gate"),
        "displayName": Unknown("the subscription's display name is not known to the gate"),
    }


def _tenant(ev: Evaluator, frame: Frame, args: list[Any]) -> Any:
    _arity("tenant", args, 0, 0)
    reason = "tenant properties are not known to the gate"
    return {"tenantId": Unknown(reason), "countryCode": Unknown(reason), "displayName": Unknown(reason)}


def _management_group(ev: Evaluator, frame: Frame, args: list[Any]) -> Any:
    _arity("managementGroup", args, 0, 1)
    target = frame.ctx.target
    if target.scope != "managementGroup" or target.management_group is None:
        raise EvalError(f"managementGroup() is not available in a {target.scope} deployment")
    reason = "management group properties are not known to the gate"
    return {
        "id": f"/providers/Microsoft.Management/managementGroups/{target.management_group}",
        "name": target.management_group,
        "type": "Microsoft.Management/managementGroups",
        "properties": {"displayName": Unknown(reason), "tenantId": Unknown(reason)},
    }


def _deployment(ev: Evaluator, frame: Frame, args: list[Any]) -> Any:
    _arity("deployment", args, 0, 0)
    target = frame.ctx.target
    out: dict[str, Any] = {
        "name": target.deployment_name,
        "properties": {
            "template": {"contentVersion": frame.ctx.template.get("contentVersion", "1.0.0.0")},
            "templateHash": Unknown("the template hash is computed by ARM"),
            "parameters": Unknown("deployment().properties.parameters is not modelled"),
            "mode": Unknown("deployment().properties.mode is not modelled"),
            "provisioningState": "Accepted",
        },
    }
    if target.deployment_location is not None:
        out["location"] = target.deployment_location
    return out


def _environment(ev: Evaluator, frame: Frame, args: list[Any]) -> Any:
    _arity("environment", args, 0, 0)
    return _copy.deepcopy(PUBLIC_CLOUD)


def _type_and_names(args: list[Any], fn: str) -> tuple[list[str], str, list[str]]:
    """Split ``resourceId``-style arguments into (leading scope args, type, names)."""
    strings = [want_str(a, f"{fn}() argument") for a in args]
    for i, text in enumerate(strings):
        if "/" in text:
            scope_args, rtype, names = strings[:i], text.strip("/"), strings[i + 1:]
            segments = rtype.split("/")
            name_parts = [p for n in names for p in n.split("/")]
            if len(segments) < 2 or len(name_parts) != len(segments) - 1:
                raise EvalError(f"{fn}(): type '{rtype}' needs {len(segments) - 1} name(s), got {len(name_parts)}")
            return scope_args, rtype, name_parts
    raise EvalError(f"{fn}() has no resource type argument")


def _provider_path(rtype: str, names: list[str]) -> str:
    segments = rtype.split("/")
    parts = [segments[0]]
    for seg, name in zip(segments[1:], names):
        parts.extend((seg, name))
    return "/providers/" + "/".join(parts)


def _resource_id(ev: Evaluator, frame: Frame, args: list[Any]) -> Any:
    _arity("resourceId", args, 2, None)
    unknown = first_unknown(*args)
    if unknown is not None:
        return unknown
    scope_args, rtype, names = _type_and_names(args, "resourceId")
    target = frame.ctx.target
    if len(scope_args) > 2:
        raise EvalError("resourceId() takes at most a subscription id and a resource group before the type")
    sub = scope_args[0] if len(scope_args) == 2 else target.subscription_id
    group = scope_args[-1] if scope_args else target.resource_group
    if group is None:
        if target.scope == "subscription":
            return f"/subscriptions/{sub}{_provider_path(rtype, names)}"
        return _provider_path(rtype, names)
    return f"/subscriptions/{sub}/resourceGroups/{group}{_provider_path(rtype, names)}"


def _subscription_resource_id(ev: Evaluator, frame: Frame, args: list[Any]) -> Any:
    _arity("subscriptionResourceId", args, 2, None)
    unknown = first_unknown(*args)
    if unknown is not None:
        return unknown
    scope_args, rtype, names = _type_and_names(args, "subscriptionResourceId")
    if len(scope_args) > 1:
        raise EvalError("subscriptionResourceId() takes at most a subscription id before the type")
    sub = scope_args[0] if scope_args else frame.ctx.target.subscription_id
    return f"/subscriptions/{sub}{_provider_path(rtype, names)}"


def _tenant_resource_id(ev: Evaluator, frame: Frame, args: list[Any]) -> Any:
    _arity("tenantResourceId", args, 2, None)
    unknown = first_unknown(*args)
    if unknown is not None:
        return unknown
    scope_args, rtype, names = _type_and_names(args, "tenantResourceId")
    if scope_args:
        raise EvalError("tenantResourceId() takes the type first")
    return _provider_path(rtype, names)


def _management_group_resource_id(ev: Evaluator, frame: Frame, args: list[Any]) -> Any:
    _arity("managementGroupResourceId", args, 2, None)
    unknown = first_unknown(*args)
    if unknown is not None:
        return unknown
    scope_args, rtype, names = _type_and_names(args, "managementGroupResourceId")
    if len(scope_args) > 1:
        raise EvalError("managementGroupResourceId() takes at most a management group before the type")
    group = scope_args[0] if scope_args else frame.ctx.target.management_group
    if group is None:
        raise EvalError("managementGroupResourceId() needs a management group here")
    return f"/providers/Microsoft.Management/managementGroups/{group}{_provider_path(rtype, names)}"


def _extension_resource_id(ev: Evaluator, frame: Frame, args: list[Any]) -> Any:
    _arity("extensionResourceId", args, 3, None)
    unknown = first_unknown(*args)
    if unknown is not None:
        return unknown
    base = want_str(args[0], "resourceId").rstrip("/")
    _, rtype, names = _type_and_names(args[1:], "extensionResourceId")
    return f"{base}{_provider_path(rtype, names)}"


_CONTEXT: Final[dict[str, ContextFn]] = {
    "parameters": _parameters,
    "variables": _variables,
    "lambdavariables": _lambda_variables,
    "copyindex": _copy_index,
    "resourcegroup": _resource_group,
    "subscription": _subscription,
    "tenant": _tenant,
    "managementgroup": _management_group,
    "deployment": _deployment,
    "environment": _environment,
    "resourceid": _resource_id,
    "subscriptionresourceid": _subscription_resource_id,
    "tenantresourceid": _tenant_resource_id,
    "managementgroupresourceid": _management_group_resource_id,
    "extensionresourceid": _extension_resource_id,
}

#: Every function name the evaluator answers (for docs and tests).
KNOWN_FUNCTIONS: Final[frozenset[str]] = frozenset(PURE) | frozenset(_LAZY) | frozenset(_CONTEXT)

__all__ = [
    "KNOWN_FUNCTIONS",
    "PUBLIC_CLOUD",
    "Budget",
    "EvalError",
    "Evaluator",
    "Frame",
    "Target",
    "TemplateContext",
    "measure",
    "to_text",
]
