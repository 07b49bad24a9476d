"""What a rule returns: findings, and the plain view of a stack resource. Pure: no Pulumi."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from .context import PolicyContext


@dataclass(frozen=True, slots=True)
class Finding:
    """One violation (or, with ``undecided``, one thing the rule could not decide in preview).

    ``urn`` is empty for resource rules (the resource under validation is implied) and the
    offending resource's URN for stack rules. ``control`` is the docs/controls.md id.
    """

    message: str
    control: str = ""
    urn: str = ""
    undecided: bool = False


@dataclass(slots=True)
class StackResource:
    """A stack resource as the pure stack rules see it: plain (unwrapped) properties, and the
    parent / dependency links as URNs."""

    urn: str
    type: str
    name: str
    props: Mapping[str, Any]
    parent: str | None = None
    dependencies: Sequence[str] = ()
    property_dependencies: Mapping[str, Sequence[str]] = field(default_factory=dict)
    protect: bool = False


class ResourceCheck(Protocol):
    """A resource rule: (type token, camelCase properties, context) -> findings.

    May raise :class:`~sovereign_components.policies.values.Undecided`."""

    def __call__(
        self, token: str, props: Mapping[str, Any], ctx: PolicyContext, *, protect: bool = False
    ) -> list[Finding]: ...


StackCheck = Callable[[Sequence[StackResource], PolicyContext], list[Finding]]
Remediation = Callable[[str, Mapping[str, Any]], dict[str, Any] | None]
