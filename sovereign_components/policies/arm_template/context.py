"""The state an ARM template is evaluated in: the :class:`Target` it deploys to, the
:class:`Budget` of work, one template's :class:`TemplateContext` (parameters, variables, user
functions) and the :class:`Frame` (copy indexes, lambda variables, function arguments) in force.
Pure."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from .coerce import EvalError
from .keys import ABSENT, AmbiguousKey, fold, get_ci
from .model import Limits, Scope, Unevaluable
from .parser import ExpressionSyntaxError, Node
from .unknown import Unknown

if TYPE_CHECKING:
    from .evaluator import Evaluator


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
            {fold(str(k)): v for k, v in params.items()} if isinstance(params, dict) else {})
        self.all_unknown = supplied if isinstance(supplied, Unknown) else None
        self.supplied: dict[str, Any] = (
            {} if isinstance(supplied, Unknown) else {fold(str(k)): v for k, v in supplied.items()})
        self.variables: dict[str, tuple[str, Any]] = {}
        raw_vars = get_ci(template, "variables")
        if isinstance(raw_vars, dict):
            for key, raw in raw_vars.items():
                if fold(key) == "COPY" and isinstance(raw, list):
                    for entry in raw:
                        name = get_ci(entry, "name") if isinstance(entry, dict) else ABSENT
                        if isinstance(name, str):
                            self.variables[fold(name)] = ("copy", entry)
                else:
                    self.variables[fold(key)] = ("value", raw)
        self.functions: dict[str, Any] = {}
        raw_funcs = get_ci(template, "functions")
        if isinstance(raw_funcs, list):
            for group in raw_funcs:
                namespace = get_ci(group, "namespace") if isinstance(group, dict) else ABSENT
                members = get_ci(group, "members") if isinstance(group, dict) else ABSENT
                if isinstance(namespace, str) and isinstance(members, dict):
                    for name, decl in members.items():
                        self.functions[fold(f"{namespace}.{name}")] = decl
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
        key = fold(name)
        if key in self._params:
            return self._params[key]
        decl = self.param_decls.get(key)
        if decl is None:
            raise EvalError(f"parameter '{name}' is not declared in the template")
        if self.all_unknown is not None:
            value: Any = self.all_unknown
        elif key in self.supplied:
            value = self.supplied[key]
        elif isinstance(decl, dict) and ci(decl, "defaultValue") is not ABSENT:
            with self.guard(f"parameter '{name}'"):
                value = ev.resolve(ci(decl, "defaultValue"), Frame(self))
        elif isinstance(decl, dict) and ci(decl, "nullable") is True:
            value = None
        else:
            value = Unknown(f"parameter '{name}' has neither a value nor a default")
        self._params[key] = value
        return value

    def variable(self, name: str, ev: Evaluator) -> Any:
        key = fold(name)
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
        return replace(self, copy={**self.copy, (fold(name) if name else None): index})




def ci(obj: Mapping[str, Any], key: str) -> Any:
    """:func:`.keys.get_ci` with an ambiguous key as an evaluation error."""
    try:
        return get_ci(obj, key)
    except AmbiguousKey as exc:
        raise EvalError(str(exc)) from None
