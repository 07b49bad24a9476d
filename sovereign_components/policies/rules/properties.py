"""The generic "property must hold one of these values" evaluator over catalogue checks.

Most controls are one property of a type with its compliant values and a verdict for the absent
key (the *service* default, or the SDK-injected value the policy will see). They are rows of the
catalogue (``data/catalogue.toml``, :class:`~sovereign_components.policies.catalogue.Check`),
each naming the policy that evaluates it; this module evaluates them, so a policy is
``rule_check("no-public-network-access")`` and a new type is a catalogue row, not code. Pure.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ..applicability import declare
from ..catalogue import Check, catalogue
from ..context import NO_BOUNDARY_MESSAGE, PolicyContext
from ..findings import Finding
from ..tokens import canonical_token, short
from ..values import MISSING, is_unknown, lookup, require


def _norm(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).strip().lower()


def _in(value: Any, values: Sequence[Any]) -> bool:
    wanted = _norm(value)
    return any(wanted == _norm(v) for v in values)


def is_compliant(check: Check, value: Any) -> bool:
    """The verdict without a boundary: ``pair`` values and absent-``pair`` are not compliant
    here (they need :func:`pair_verdict`)."""
    if value is MISSING:
        return check.absent == "ok"
    return _in(value, check.ok)


def _pair_copy(check: Check, value: Any) -> bool:
    return (value is MISSING and check.absent == "pair") or (value is not MISSING and _in(value, check.pair))


def pair_verdict(ctx: PolicyContext, props: Mapping[str, Any]) -> str | None:
    """``None`` when the resource's region has its published pair inside the boundary, else why
    a copy to the pair leaves it (G2: pairs may leave the jurisdiction or point one way)."""
    if ctx.boundary is None:
        return NO_BOUNDARY_MESSAGE
    location = lookup(props, "location")
    if not isinstance(location, str) or is_unknown(location):
        return "the resource has no known location, so its pair cannot be shown inside"
    if ctx.pair_inside(location):
        return None
    return (f"the pair of {location!r} is not inside the sovereignty boundary {ctx.boundary_label} "
            "(or the region has no published pair)")


def _wanted(check: Check) -> str:
    return " or ".join(repr(c) for c in check.ok)


def check_one(check: Check, token: str, props: Mapping[str, Any], ctx: PolicyContext) -> Finding | None:
    """One check on one resource; an unknown value raises ``Undecided``."""
    if not check.applies(props):
        return None
    value = require(props, check.path)
    shown = "absent" if value is MISSING else repr(value)
    if _pair_copy(check, value):
        if is_unknown(lookup(props, "location")):
            from ..values import Undecided

            raise Undecided("location", "a copy to the paired region needs the resource's region")
        why = pair_verdict(ctx, props)
        if why is None:
            return None
        return Finding(f"{short(token)} {check.path} is {shown} ({check.why}); {why}; set it to {_wanted(check)}",
                       check.control)
    if is_compliant(check, value):
        return None
    return Finding(f"{short(token)} {check.path} is {shown} ({check.why}); set it to {_wanted(check)}", check.control)


def checks_for(rule: str, token: str) -> tuple[Check, ...]:
    """The checks of policy ``rule`` on ``token`` (any spelling)."""
    return _by_token(rule).get(canonical_token(token), ())


_INDEX: dict[str, dict[str, tuple[Check, ...]]] = {}


def _by_token(rule: str) -> dict[str, tuple[Check, ...]]:
    index = _INDEX.get(rule)
    if index is None:
        grouped: dict[str, list[Check]] = {}
        for check in catalogue().checks(rule):
            grouped.setdefault(check.token, []).append(check)
        index = {t: tuple(c) for t, c in grouped.items()}
        _INDEX[rule] = index
    return index


def evaluate(rule: str, token: str, props: Mapping[str, Any], ctx: PolicyContext) -> list[Finding]:
    """Every catalogue check of ``rule`` that applies to ``token``."""
    return [f for check in checks_for(rule, token) if (f := check_one(check, token, props, ctx)) is not None]


def rule_check(rule: str) -> Callable[..., list[Finding]]:
    """The :class:`~sovereign_components.policies.findings.ResourceCheck` of catalogue-driven
    policy ``rule``; it declares the tokens that have checks for it (the wrapper's skip)."""

    def check(token: str, props: Mapping[str, Any], ctx: PolicyContext, *, protect: bool = False) -> list[Finding]:
        return evaluate(rule, token, props, ctx)

    check.__doc__ = f"Policy {rule}: the catalogue checks that name it."
    return declare(check, tuple(_by_token(rule)))


def remediate(rule: str, token: str, props: Mapping[str, Any]) -> dict[str, Any] | None:
    """Set every non-compliant check of ``rule`` that has a ``fix``; ``None`` when nothing
    changed. Unknown values are left alone (they would overwrite a value computed later)."""
    out: dict[str, Any] | None = None
    for check in checks_for(rule, token):
        if check.fix is None or not check.applies(props):
            continue
        value = lookup(props, check.path)
        if is_unknown(value) or is_compliant(check, value):
            continue
        out = out if out is not None else _deep_copy(props)
        _set_path(out, check.path, check.fix)
    return out


def rule_remediation(rule: str) -> Callable[[str, Mapping[str, Any]], dict[str, Any] | None]:
    def fix(token: str, props: Mapping[str, Any]) -> dict[str, Any] | None:
        return remediate(rule, token, props)

    return fix


def _deep_copy(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _deep_copy(v) for k, v in value.items()}
    if isinstance(value, Sequence) and not isinstance(value, str):
        return [_deep_copy(v) for v in value]
    return value


def _set_path(target: dict[str, Any], path: str, value: Any) -> None:
    steps = path.split(".")
    for step in steps[:-1]:
        nxt = target.get(step)
        if not isinstance(nxt, dict):
            nxt = {}
            target[step] = nxt
        target = nxt
    target[steps[-1]] = value
