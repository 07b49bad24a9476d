"""What every builder of the plane needs: the parent, the resolved plan, names, location."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pulumi

from .. import wiring
from .naming import PlaneNames
from .validation import PlanePlan


@dataclass(frozen=True)
class PlaneContext:
    name: str
    parent: pulumi.Resource
    plan: PlanePlan
    names: PlaneNames
    location: pulumi.Input[str]
    resource_group_name: pulumi.Input[str]
    tags: Mapping[str, pulumi.Input[str]]
    subscription_id: pulumi.Output[str]
    args: Mapping[str, Any]

    def opts(self, *, data: bool = False, depends_on: Sequence[pulumi.Resource] | None = None) -> pulumi.ResourceOptions:
        """Child options; ``data=True`` marks a data-holding resource, which gets the user's
        ``protect`` (the plane holds transient data only, so nothing is protected by default)."""
        protect = self.args.get("protect") if data else None
        extra: dict[str, Any] = {}
        if depends_on:
            extra["depends_on"] = list(depends_on)
        return wiring.child_opts(self.parent, protect=protect, **extra)

    def role(self, role_name: str) -> pulumi.Output[str]:
        """Full ARM id of a built-in role in this subscription."""
        return wiring.role_definition_id(self.subscription_id, role_name)
