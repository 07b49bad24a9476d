"""Every resource of both stacks has an explicit location inside the stack's boundary (the
stack's region), or is an inherently global type at ``global`` (G10), or is a type whose ARM
API has no location at all (queues, containers, subscriptions, diagnostic settings, role
assignments...: they live where their parent lives).

"Has no location" is read from the installed azure-native SDK (the resource class accepts no
``location`` argument), not from a hand-kept list, so a new child type with a location that
the components forget to set fails here (G13: the provider default is unknown at preview).
"""

from __future__ import annotations

import importlib
import inspect
from functools import cache
from typing import Any

import pytest

from sovereign_components.geo.boundary import get_boundary
from sovereign_components.policies import GLOBAL_TYPES

#: stack -> (region, boundary code), as Pulumi.<stack>.yaml sets them.
STACKS = {"eu": ("westeurope", "EU"), "us": ("eastus", "US")}


@cache
def accepts_location(token: str) -> bool:
    """True when the azure-native resource class of ``token`` takes a ``location`` argument."""
    _, module, cls = token.split(":")
    resource_cls = getattr(importlib.import_module(f"pulumi_azure_native.{module}"), cls)
    return "location" in inspect.signature(resource_cls._internal_init).parameters


def azure_resources(capture: Any) -> list[Any]:
    return [r for r in capture.resources if r.custom and r.type.startswith("azure-native:")]


@pytest.mark.parametrize("stack", list(STACKS))
def test_every_resource_is_located_inside_the_boundary(stack_captures: dict[str, Any], stack: str) -> None:
    region, code = STACKS[stack]
    boundary = get_boundary(code)
    problems = []
    for r in azure_resources(stack_captures[stack]):
        location = r.inputs.get("location")
        if r.type in GLOBAL_TYPES:
            if not isinstance(location, str) or location.lower() != "global":
                problems.append(f"{r.name} ({r.type}): global type at {location!r}")
        elif accepts_location(r.type):
            if location is None:
                problems.append(f"{r.name} ({r.type}): no explicit location")
            elif not boundary.contains(location) or location != region:
                problems.append(f"{r.name} ({r.type}): location {location!r} is not {region}")
        elif location is not None:
            problems.append(f"{r.name} ({r.type}): location-less type given {location!r}")
    assert problems == []


@pytest.mark.parametrize("stack", list(STACKS))
def test_location_rule_sees_all_three_kinds(stack_captures: dict[str, Any], stack: str) -> None:
    """The stack has regional, global and location-less resources, so the test above checks
    each branch (it would pass vacuously on an empty or one-kind capture)."""
    kinds = {("global" if r.type in GLOBAL_TYPES else "regional" if accepts_location(r.type) else "none")
             for r in azure_resources(stack_captures[stack])}
    assert kinds == {"global", "regional", "none"}


@pytest.mark.parametrize("stack", list(STACKS))
def test_cosmos_locations_inside_the_boundary(stack_captures: dict[str, Any], stack: str) -> None:
    region, code = STACKS[stack]
    (account,) = [r for r in azure_resources(stack_captures[stack]) if r.type == "azure-native:cosmosdb:DatabaseAccount"]
    names = [loc["locationName"] for loc in account.inputs["locations"]]
    assert names[0] == region
    assert all(get_boundary(code).contains(n) for n in names)
