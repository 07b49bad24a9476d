"""The generic "property must hold one of these values" check, driven by table rows.

Most controls are one property on a few tokens with a compliant set and a verdict for the
absent key (the *service* default, or the SDK-injected value the policy will see). Each rule
module keeps its rows as data (:class:`PropertyRow`) and this module evaluates them. Pure.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..applicability import declare
from ..context import PolicyContext
from ..findings import Finding
from ..tokens import matches, short
from ..values import MISSING, require


def is_function_app(props: Mapping[str, Any]) -> bool:
    """A ``web:WebApp`` is a Function App when its ``kind`` contains ``functionapp`` (F1)."""
    kind = props.get("kind") if isinstance(props, Mapping) else None
    return isinstance(kind, str) and "functionapp" in kind.lower()


@dataclass(frozen=True, slots=True)
class PropertyRow:
    """One guarded property: ``path`` on ``tokens`` must be one of ``compliant`` (compared
    case-insensitively as strings; booleans as ``"true"``/``"false"``).

    ``missing_ok`` is the verdict for an absent key: the service default decides (e.g. an
    absent Cosmos ``publicNetworkAccess`` is ``Enabled`` = violation). ``fix`` is the value a
    remediation writes, when that is safe and unambiguous. ``when`` narrows the row (Function
    Apps among WebApps). ``why`` names the service default or the risk for the message.
    """

    control: str
    tokens: tuple[str, ...]
    path: str
    compliant: tuple[Any, ...]
    missing_ok: bool
    why: str
    fix: Any = None
    when: Callable[[Mapping[str, Any]], bool] | None = None

    def applies(self, token: str, props: Mapping[str, Any]) -> bool:
        return matches(token, self.tokens) and (self.when is None or self.when(props))

    def is_compliant(self, value: Any) -> bool:
        if value is MISSING:
            return self.missing_ok
        return _norm(value) in {_norm(c) for c in self.compliant}


def _norm(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).strip().lower()


def check_rows(rows: Sequence[PropertyRow], token: str, props: Mapping[str, Any]) -> list[Finding]:
    """Evaluate every applicable row; an unknown value raises ``Undecided``."""
    findings = []
    for row in rows:
        if not row.applies(token, props):
            continue
        value = require(props, row.path)
        if row.is_compliant(value):
            continue
        shown = "absent" if value is MISSING else repr(value)
        wanted = " or ".join(repr(c) for c in row.compliant)
        findings.append(Finding(f"{short(token)} {row.path} is {shown} ({row.why}); set it to {wanted}", row.control))
    return findings


def remediate_rows(rows: Sequence[PropertyRow], token: str, props: Mapping[str, Any]) -> dict[str, Any] | None:
    """Set every non-compliant applicable row that has a ``fix``; ``None`` when nothing changed.
    Unknown values are left alone (remediating them would overwrite a value computed later)."""
    from ..values import is_unknown, lookup

    out: dict[str, Any] | None = None
    for row in rows:
        if row.fix is None or not row.applies(token, props):
            continue
        value = lookup(props, row.path)
        if is_unknown(value) or row.is_compliant(value):
            continue
        out = out if out is not None else _deep_copy(props)
        _set_path(out, row.path, row.fix)
    return out


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


def rows_check(rows: Sequence[PropertyRow]) -> Callable[..., list[Finding]]:
    """A :class:`~sovereign_components.policies.findings.ResourceCheck` over ``rows``; it
    declares the rows' tokens (:mod:`~sovereign_components.policies.applicability`)."""

    def check(token: str, props: Mapping[str, Any], ctx: PolicyContext, *, protect: bool = False) -> list[Finding]:
        return check_rows(rows, token, props)

    return declare(check, row_tokens(rows))


def row_tokens(rows: Sequence[PropertyRow]) -> tuple[str, ...]:
    """Every token some row guards: outside them :func:`check_rows` finds nothing."""
    return tuple(dict.fromkeys(t for row in rows for t in row.tokens))


def rows_remediation(rows: Sequence[PropertyRow]) -> Callable[[str, Mapping[str, Any]], dict[str, Any] | None]:
    def remediate(token: str, props: Mapping[str, Any]) -> dict[str, Any] | None:
        return remediate_rows(rows, token, props)

    return remediate
