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


#: The property the gate adds, for stack policies only, to a resource the program *read*
#: (``Resource.get``, ``StackReference``) rather than created (docs/engine.md, "External
#: resources"). Pulumi's own engine passes reads unmarked, so "absent" means "created".
EXTERNAL_KEY = "__external"


@dataclass(slots=True)
class StackResource:
    """A stack resource as the pure stack rules see it: plain (unwrapped) properties, and the
    parent / dependency links as URNs. ``external``: the program reads it and does not create
    it, so no finding is about it, and a reference to it is placed by what is known of it."""

    urn: str
    type: str
    name: str
    props: Mapping[str, Any]
    parent: str | None = None
    dependencies: Sequence[str] = ()
    property_dependencies: Mapping[str, Sequence[str]] = field(default_factory=dict)
    protect: bool = False
    external: bool = False


def about_created(findings: Sequence[Finding], resources: Sequence[StackResource]) -> list[Finding]:
    """``findings`` without those about a resource the program only reads: it exists already
    and this deployment neither creates nor changes it (what refers to it is judged on the
    referring resource's URN)."""
    external = {r.urn for r in resources if r.external}
    if not external:
        return list(findings)
    return [f for f in findings if f.urn.partition("#")[0] not in external]


class ResourceCheck(Protocol):
    """A resource rule: (type token, camelCase properties, context) -> findings.

    May raise :class:`~sovereign_components.policies.values.Undecided`."""

    def __call__(
        self, token: str, props: Mapping[str, Any], ctx: PolicyContext, *, protect: bool = False
    ) -> list[Finding]: ...


StackCheck = Callable[[Sequence[StackResource], PolicyContext], list[Finding]]
Remediation = Callable[[str, Mapping[str, Any]], dict[str, Any] | None]
