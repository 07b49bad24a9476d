"""Escape hatches judged, not ignored: the integration of the ARM template evaluator
(:mod:`sovereign_components.policies.arm_template`) with every rule. Pure: no Pulumi.

A generic ``resources:Resource`` creates whatever ARM type its ``resourceProviderNamespace``/
``resourceType`` name, and a ``resources:Deployment*`` (or deployment stack) creates every
resource of its inline template - none of which the rules would see under the hatch's own token.
So, for a hatch:

- every **resource** rule runs on each virtual resource the evaluator returns (judged as its
  catalogue type: the ARM type canonicalised), and on the hatch itself; findings name the
  virtual resource's path and ARM type, and are reported on the hatch's URN;
- every **stack** rule sees the virtual resources as resources of the stack (URN
  ``<hatch URN>#<path>``, parent the hatch), so their references, children and perimeters are
  placed like any other; findings are reported on the hatch's URN (:func:`real_urn`);
- what the evaluator cannot determine (a ``templateLink``, an expression it does not know, a
  limit exceeded) raises ``Unevaluable``: ``unvetted-resource-type`` reports the reason (fail
  closed), and the other rules leave the hatch to it, so the reason is reported once.

Expansions are cached per hatch (its token and properties), so the ~20 resource policies that
each see the hatch expand it once.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .catalogue import catalogue
from .context import PolicyContext
from .findings import Finding, StackResource
from .tokens import canonical_token
from .values import MISSING, Undecided, is_unknown, lookup

#: Separates a hatch's URN from a virtual resource's path in stack-rule URNs.
VIRTUAL_SEPARATOR = "#"
_CACHE: dict[str, "Expansion"] = {}
_CACHE_MAX = 256


@dataclass(frozen=True, slots=True)
class Virtual:
    """A resource an escape hatch deploys, as the rules judge it."""

    path: str
    arm_type: str
    token: str
    props: Mapping[str, Any]

    @property
    def label(self) -> str:
        return f"{self.path} ({self.arm_type})"


@dataclass(frozen=True, slots=True)
class Expansion:
    virtuals: tuple[Virtual, ...]
    error: str | None = None


def is_hatch(token: str) -> bool:
    entry = catalogue().types.get(canonical_token(token))
    return entry is not None and entry.escape_hatch


def _key(token: str, props: Mapping[str, Any], rg_location: str | None, subscription_id: str | None) -> str | None:
    try:
        return json.dumps([token, props, rg_location, subscription_id], sort_keys=True, default=str)
    except (TypeError, ValueError):
        return None


def expand(token: str, props: Mapping[str, Any], *, resource_group_location: str | None = None,
           subscription_id: str | None = None) -> Expansion:
    """The virtual resources of the hatch ``token`` (or why they cannot be determined).

    ``subscription_id`` (when the stack knows the deployment's subscription) goes into the ids
    the template's ``resourceId()`` builds, so they match the stack's own resources; without it
    the evaluator's placeholder subscription is used."""
    key = _key(token, props, resource_group_location, subscription_id)
    if key is not None and key in _CACHE:
        return _CACHE[key]
    result = _expand(token, props, resource_group_location, subscription_id)
    if key is not None:
        if len(_CACHE) >= _CACHE_MAX:
            _CACHE.clear()
        _CACHE[key] = result
    return result


def _expand(token: str, props: Mapping[str, Any], rg_location: str | None, subscription_id: str | None) -> Expansion:
    try:
        from . import arm_template
    except ImportError as exc:  # the evaluator is part of this package; its absence is a broken install
        return Expansion((), f"the ARM template evaluator cannot be imported ({exc}), so what this escape hatch "
                             "deploys cannot be judged (fail closed)")
    try:
        found = arm_template.expand(token, props, resource_group_location=rg_location, subscription_id=subscription_id)
    except arm_template.Unevaluable as exc:
        where = f" at {exc.path}" if getattr(exc, "path", "") else ""
        return Expansion((), f"what this escape hatch deploys cannot be evaluated offline{where}: {exc.reason}")
    except RecursionError:
        return Expansion((), "the template nests too deeply to evaluate (fail closed)")
    except (ValueError, TypeError, KeyError) as exc:
        return Expansion((), f"the template cannot be read ({type(exc).__name__}: {exc}) (fail closed)")
    # ``vr.props`` is kept as the expander built it: a FoldedDict whose lookups ignore case as
    # resource providers do (a copy into a plain dict would read ``ALLOWCROSSTENANTREPLICATION``
    # as absent); it carries ``location`` whenever the template gives one.
    virtuals = tuple(Virtual(vr.path, vr.arm_type, canonical_token(vr.arm_type), vr.props) for vr in found)
    return Expansion(virtuals)


# -- resource rules -----------------------------------------------------------------------------

ResourceCheck = Callable[..., list[Finding]]


def judge(check: ResourceCheck, token: str, props: Mapping[str, Any], ctx: PolicyContext, *,
          protect: bool = False) -> tuple[list[Finding], Undecided | None]:
    """Run a resource ``check`` on a resource, and on each virtual resource when it is a hatch.

    Returns the findings and the first :class:`Undecided` met (raised by the caller *after* the
    findings are reported, so one unknown in one virtual resource hides nothing else). A hatch
    that cannot be expanded yields nothing here: ``unvetted-resource-type`` reports it."""
    findings: list[Finding] = []
    undecided: Undecided | None = None
    try:
        findings.extend(check(token, props, ctx, protect=protect))
    except Undecided as exc:
        undecided = exc
    if not is_hatch(token) or getattr(check, "judges_hatches", False):
        return findings, undecided
    expansion = expand(token, props)
    for virtual in expansion.virtuals:
        try:
            for f in check(virtual.token, virtual.props, ctx, protect=protect):
                findings.append(Finding(f"{virtual.label}: {f.message}", f.control, f.urn, f.undecided))
        except Undecided as exc:
            undecided = undecided or Undecided(f"{virtual.path}.{exc.path}", exc.detail)
    return findings, undecided


def vetting_findings(token: str, props: Mapping[str, Any], ctx: PolicyContext,
                     type_verdict: Callable[[str, PolicyContext], str | None]) -> list[Finding]:
    """``unvetted-resource-type`` for a hatch: the expansion must succeed and every virtual
    resource's type must be vetted (or allowed)."""
    expansion = expand(token, props)
    if expansion.error is not None:
        return [Finding(f"{expansion.error}; inline the template and write its values literally, or allow the "
                        "deployment deliberately with allowedTypes (docs/policies.md)", "V1")]
    out = []
    for virtual in expansion.virtuals:
        why = type_verdict(virtual.token, ctx)
        if why:
            out.append(Finding(f"{virtual.label}: {why}", "V1"))
    return out


# -- stack rules ----------------------------------------------------------------------------------

_SUBSCRIPTION = re.compile(r"(?i)^/subscriptions/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(/|$)")


def _subscription(resources: Mapping[str, StackResource], hatch: StackResource) -> str | None:
    """The subscription a hatch deploys into: from its own id, else its resource group's id."""
    candidates = [lookup(hatch.props, "id")]
    candidates += [lookup(resources[urn].props, "id") for urn in hatch.property_dependencies.get("resourceGroupName", ())
                   if urn in resources]
    for value in candidates:
        if isinstance(value, str) and not is_unknown(value):
            match = _SUBSCRIPTION.match(value)
            if match:
                return match.group(1)
    return None


def _resource_group_location(resources: Mapping[str, StackResource], by_name: Mapping[str, str],
                             hatch: StackResource) -> str | None:
    """The region of the resource group a hatch deploys into, when the stack creates it."""
    for urn in hatch.property_dependencies.get("resourceGroupName", ()):
        group = resources.get(urn)
        if group is not None and canonical_token(group.type) == "azure-native:resources:ResourceGroup":
            location = lookup(group.props, "location")
            return location if isinstance(location, str) and not is_unknown(location) else None
    name = lookup(hatch.props, "resourceGroupName")
    if isinstance(name, str) and not is_unknown(name):
        return by_name.get(name.lower())
    return None


def with_virtuals(resources: Sequence[StackResource]) -> list[StackResource]:
    """``resources`` plus the virtual resources of every escape hatch among them."""
    hatches = [r for r in resources if is_hatch(r.type) and not r.external]  # a read deployment deploys nothing
    if not hatches:
        return list(resources)
    by_urn = {r.urn: r for r in resources}
    groups: dict[str, str] = {}
    for r in resources:
        if canonical_token(r.type) == "azure-native:resources:ResourceGroup":
            name, location = lookup(r.props, "resourceGroupName"), lookup(r.props, "location")
            if isinstance(location, str) and not is_unknown(location):
                for n in (name, r.name):
                    if isinstance(n, str) and n is not MISSING and not is_unknown(n):
                        groups.setdefault(n.lower(), location)
    out = list(resources)
    for hatch in hatches:
        expansion = expand(hatch.type, hatch.props,
                           resource_group_location=_resource_group_location(by_urn, groups, hatch),
                           subscription_id=_subscription(by_urn, hatch))
        for virtual in expansion.virtuals:
            out.append(StackResource(
                urn=f"{hatch.urn}{VIRTUAL_SEPARATOR}{virtual.path}", type=virtual.token,
                name=f"{hatch.name}{VIRTUAL_SEPARATOR}{virtual.path}", props=virtual.props, parent=hatch.urn,
                dependencies=list(hatch.dependencies), property_dependencies={}, protect=hatch.protect))
    return out


def real_urn(urn: str) -> tuple[str, str]:
    """(the URN to report on, the virtual path or ``""``) of a stack finding's URN."""
    real, _, path = urn.partition(VIRTUAL_SEPARATOR)
    return real, path


def relabel(findings: Sequence[Finding]) -> list[Finding]:
    """Findings on virtual resources, reported on their hatch's URN with the path in the message."""
    out = []
    for f in findings:
        real, path = real_urn(f.urn)
        out.append(Finding(f"{path}: {f.message}", f.control, real, f.undecided) if path else f)
    return out
