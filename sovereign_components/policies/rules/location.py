"""Where resources live: L1 (every regional resource), L2 (resource groups), L3 (Cosmos DB
account regions). Pure: no Pulumi."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...geo.regions import GLOBAL_LOCATIONS, is_known_region, normalize_region_name
from ..applicability import applies_to
from ..catalogue import catalogue
from ..context import NO_BOUNDARY_MESSAGE, PolicyContext
from ..findings import Finding
from ..tokens import canonical_token, is_azure_native, short
from ..values import MISSING, as_list, require

RESOURCE_GROUP = "azure-native:resources:ResourceGroup"
COSMOS_ACCOUNT = "azure-native:cosmosdb:DatabaseAccount"


def region_verdict(value: Any, ctx: PolicyContext, what: str, control: str) -> Finding | None:
    """``None`` when ``value`` is a region inside the boundary, else the finding that says why
    not (no boundary configured, not a string, unknown/canary region, outside)."""
    if ctx.boundary is None:
        return Finding(f"{what}: {NO_BOUNDARY_MESSAGE}", control)
    if not isinstance(value, str) or not value.strip():
        return Finding(f"{what} is {value!r}, not a region name", control)
    if not is_known_region(value):
        return Finding(
            f"{what} {value!r} is not a public Azure region in the catalog (canary/staging "
            f"regions are never allowed, G12), so it cannot be shown inside {ctx.boundary_label}",
            control,
        )
    if not ctx.inside(value):
        return Finding(f"{what} {value!r} is outside the sovereignty boundary {ctx.boundary_label}", control)
    return None


def check_location(token: str, props: Mapping[str, Any], ctx: PolicyContext, *, protect: bool = False) -> list[Finding]:
    """L1: a resource's ``location`` must be inside the boundary (+ extra regions).

    The catalogue's location kind decides the rest: ``global`` passes only for inherently global
    types (G10) and for a regional type in its global shape (``global_when``: a subscription-
    scope system topic), the way Azure Policy "Allowed locations" skips ``global``; a missing
    ``location`` on a ``regional`` type fails closed (G13: the provider fills it from its config
    or the resource group, which the engine emulates - absent means nothing could place it); a
    child or extension resource lives where its parent or scope lives (data-flows-in-boundary
    places it) and is judged here only when it carries a location. An unknown one is undecided.
    Any token that carries a ``location`` is judged, vetted or not.
    """
    canonical = canonical_token(token)
    if canonical == RESOURCE_GROUP or canonical.startswith("pulumi:"):
        return []
    entry = catalogue().types.get(canonical)
    location = require(props, "location")
    if location is MISSING:
        if entry is not None and entry.location == "regional" and not entry.escape_hatch and not (
                entry.global_when is not None and entry.global_when.holds(props)):
            return [Finding(
                f"{short(token)} has no 'location': set it explicitly from the stack config so "
                "the policy can check it (G13)", "L1")]
        return []
    if isinstance(location, str) and normalize_region_name(location) in GLOBAL_LOCATIONS:
        if entry is not None and (entry.location == "global" or (
                entry.global_when is not None and entry.global_when.holds(props))):
            return []
        kind = entry.location if entry is not None else "not vetted"
        return [Finding(
            f"location {location!r} is only allowed for inherently global types (G10); "
            f"{short(token)} is {kind}", "L1")]
    if not is_azure_native(token) and entry is None and not isinstance(location, str):
        return []
    found = region_verdict(location, ctx, "location", "L1")
    return [found] if found else []


@applies_to(RESOURCE_GROUP)
def check_resource_group_location(token: str, props: Mapping[str, Any], ctx: PolicyContext, *, protect: bool = False) -> list[Finding]:
    """L2: a resource group's ``location`` (where its metadata lives) must be inside."""
    if canonical_token(token) != RESOURCE_GROUP:
        return []
    location = require(props, "location")
    if location is MISSING:
        return [Finding("resource group has no 'location' (G13)", "L2")]
    found = region_verdict(location, ctx, "resource group location", "L2")
    return [found] if found else []


@applies_to(COSMOS_ACCOUNT)
def check_cosmos_locations(token: str, props: Mapping[str, Any], ctx: PolicyContext, *, protect: bool = False) -> list[Finding]:
    """L3: every ``locations[].locationName`` of a Cosmos DB account must be inside; display
    names (``"West Europe"``) are normalised as Azure Policy 0473574d does."""
    if canonical_token(token) != COSMOS_ACCOUNT:
        return []
    locations = as_list(require(props, "locations"))
    findings = []
    for i, entry in enumerate(locations):
        name = require(entry, "locationName")
        found = region_verdict(name if name is not MISSING else None, ctx, f"locations[{i}].locationName", "L3")
        if found:
            findings.append(found)
    return findings
