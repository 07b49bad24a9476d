"""``SecuredByPerimeter`` is private only when the perimeter is (``network-perimeter-closed``). Pure.

Azure Policy b2982f36 (storage) accepts ``publicNetworkAccess: SecuredByPerimeter`` as compliant:
a network security perimeter then decides who may reach the resource. That is only as private as
the perimeter: a resource associated in ``Learning``/``Audit`` mode is not enforced (the
perimeter logs, the resource's own public settings apply), and a profile whose inbound rule
admits ``0.0.0.0/0`` (or ``::/0``, or the ``Internet`` service tag) lets everyone in
(https://learn.microsoft.com/azure/private-link/network-security-perimeter-concepts#access-modes-in-network-security-perimeter).
So for every catalogue type with ``perimeter = true`` whose public-network check holds
``SecuredByPerimeter`` this stack policy requires, in this stack:

- a ``network:NspAssociation`` (or ``NetworkSecurityPerimeterAssociation``) whose ``privateLinkResource.id`` is the resource (by id, by ARM
  type + name, or through its property dependencies),
- in ``accessMode: Enforced`` (absent is the service default, ``Learning``: not enforced),
- whose ``profile`` is a ``network:NspProfile`` of this stack, and none of that profile's inbound
  ``network:NspAccessRule``s admits a public-everyone prefix or service tag.

Anything it cannot find or place fails closed, with what to add.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..catalogue import catalogue
from ..context import PolicyContext
from ..findings import Finding, StackResource
from ..resolve import StackIndex
from ..tokens import canonical_token, short
from ..values import MISSING, as_list, is_unknown, lookup
from .network import PUBLIC

POLICY = "network-perimeter-closed"
CONTROL = "NSP"
SECURED = "securedbyperimeter"
#: Both class families of v3 (API 2023-08-01-preview ``Nsp*`` and 2024-06-01-preview
#: ``NetworkSecurityPerimeter*``) describe the same ARM resources.
ASSOCIATIONS = ("azure-native:network:NspAssociation", "azure-native:network:NetworkSecurityPerimeterAssociation")
PROFILES = ("azure-native:network:NspProfile", "azure-native:network:NetworkSecurityPerimeterProfile")
ACCESS_RULES = ("azure-native:network:NspAccessRule", "azure-native:network:NetworkSecurityPerimeterAccessRule")
#: Inbound sources that admit everyone.
PUBLIC_PREFIXES = frozenset({"0.0.0.0/0", "::/0", "0.0.0.0", "*", "any", "internet"})


def _points_at(index: StackIndex, holder: StackResource, path: str, dep_key: str, target: StackResource) -> bool:
    value = lookup(holder.props, path)
    if isinstance(value, str) and not is_unknown(value):
        found = index.find_by_arm_id(value, exclude=holder.urn)
        return found is not None and found.urn == target.urn
    return target.urn in holder.property_dependencies.get(dep_key, ())


def _open_rules(index: StackIndex, profile: StackResource) -> list[str]:
    """What in ``profile``'s inbound rules admits everyone (rule URN: the offending entry)."""
    names = index._input_names(profile, "profileName") | {profile.name.lower()}
    out = []
    for rule in (r for token in ACCESS_RULES for r in index.of_token(token)):
        linked = profile.urn in rule.property_dependencies.get("profileName", ()) or bool(
            index._input_names(rule, "profileName") & names)
        if not linked:
            continue
        direction = lookup(rule.props, "direction")
        if isinstance(direction, str) and direction.lower() == "outbound":
            continue
        for key in ("addressPrefixes", "serviceTags"):
            for entry in as_list(lookup(rule.props, key)):
                if isinstance(entry, str) and entry.strip().lower() in PUBLIC_PREFIXES:
                    out.append(f"{rule.urn} {key} {entry!r}")
    return out


def _verdict(index: StackIndex, res: StackResource) -> str | None:
    associations = [a for token in ASSOCIATIONS for a in index.of_token(token)
                    if _points_at(index, a, "privateLinkResource.id", "privateLinkResource", res)]
    if not associations:
        return ("no network security perimeter association (network:NspAssociation) in this stack covers it, so "
                "nothing but its own firewall keeps the public out; associate it with a perimeter profile in "
                "Enforced mode, or set publicNetworkAccess 'Disabled'")
    problems = []
    for assoc in associations:
        mode = lookup(assoc.props, "accessMode")
        if mode is MISSING or not isinstance(mode, str) or mode.lower() != "enforced":
            shown = "absent (the service default Learning)" if mode is MISSING else repr(mode)
            problems.append(f"{assoc.urn} accessMode is {shown}: the perimeter only logs; set 'Enforced'")
            continue
        profiles = [p for token in PROFILES for p in index.of_token(token)
                    if _points_at(index, assoc, "profile.id", "profile", p)]
        if not profiles:
            problems.append(f"{assoc.urn} names no perimeter profile of this stack, so its access rules cannot be "
                            "checked (fail closed)")
            continue
        for profile in profiles:
            for opened in _open_rules(index, profile):
                problems.append(f"inbound rule {opened} admits every public address")
    return "; ".join(problems) if problems else None


def check_perimeter(resources: Sequence[StackResource], ctx: PolicyContext) -> list[Finding]:
    """Every resource marked ``SecuredByPerimeter`` sits in an enforced, closed perimeter."""
    index = StackIndex(resources)
    types = catalogue().types
    findings: list[Finding] = []
    for res in index.resources:
        if ctx.is_exempt(res.urn):
            continue
        entry = types.get(canonical_token(res.type))
        if entry is None or not entry.perimeter:
            continue
        for check in entry.checks:
            if check.rule != PUBLIC:
                continue
            value = lookup(res.props, check.path)
            if not (isinstance(value, str) and value.lower() == SECURED):
                continue
            why = _verdict(index, res)
            if why:
                findings.append(Finding(f"{short(res.type)} {check.path} is 'SecuredByPerimeter', but {why}",
                                        CONTROL, res.urn))
    return findings
