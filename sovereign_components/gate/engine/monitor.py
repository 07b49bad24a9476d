"""``MockMonitor`` subclass that records every ``RegisterResource`` request.

``MockResourceArgs`` lacks parent, protect and dependencies (pulumi#14421), so the capture
happens one level down, on the request itself. It also emulates the one provider-side default
policies depend on: azure-native's ``Check`` fills a missing ``location`` from config
``azure-native:location`` or else from the resource group (pulumi-azure-native
``provider.go`` getDefaultLocation). Offline there is no ``Check``; the monitor fills the same
value into the request before the mocks see it (so outputs and policies agree) and records
that it did. When the resource group's name is unknown (``--unknowns``), the location becomes
unknown, as in a real preview of a group created in the same run.

URNs are the engine's (:mod:`.urns`): no ``pulumi:pulumi:Stack$`` in the type chain of top-level
resources and the parent's whole chain for nested ones, so every URN the capture records (the
resource's, its parent, dependencies and property dependencies, all of which are URNs the
monitor itself handed out) matches ``pulumi stack export``.

Aliases that reach the monitor (those the engine's alias drop keeps, or all of them with
``drop_aliases=False``) are recorded as URNs: a URN alias verbatim, an alias spec resolved as the
engine resolves it; the runner adds the URNs of the aliases it dropped.
"""

from __future__ import annotations

import threading
from typing import Any

from google.protobuf import json_format
from pulumi.runtime.mocks import MockMonitor, Mocks
from pulumi.runtime.settings import get_project, get_stack

from . import arm
from . import urns
from ..model import STACK_TYPE, UNKNOWN, CapturedResource

#: pulumi's special-signature key and the resource-reference signature (pulumi rpc.py);
#: pulumi_policy's deserializer rejects references, so they become their id (or urn).
SIG_KEY = "4dabf18193072939515e22adb298388d"
RESOURCE_REF_SIG = "5cf8f73096256a8f31e491e813e4eb8e"

RG_TOKEN = "azure-native:resources:ResourceGroup"


def replace_resource_refs(value: Any) -> Any:
    """Resource references -> the referenced resource's id (custom) or urn (component)."""
    if isinstance(value, dict):
        if value.get(SIG_KEY) == RESOURCE_REF_SIG:
            ref_id = value.get("id")
            return ref_id if isinstance(ref_id, str) and ref_id else value.get("urn", "")
        return {k: replace_resource_refs(v) for k, v in value.items()}
    if isinstance(value, list):
        return [replace_resource_refs(v) for v in value]
    return value


class EngineUrnMonitor(MockMonitor):
    """``MockMonitor`` whose URNs are the engine's (the bench's plain-mocks reference uses it too)."""

    def make_urn(self, parent: str, type_: str, name: str) -> str:
        return urns.make_urn(get_stack(), get_project(), parent, type_, name)


def request_alias_urns(request: Any, urn: str) -> list[str]:
    """The alias URNs a ``RegisterResourceRequest`` carries (URN aliases and alias specs)."""
    out: list[str] = []
    if not len(request.aliases):
        return out
    stack, project = get_stack(), get_project()
    for alias in request.aliases:
        if alias.WhichOneof("alias") == "urn":
            out.append(alias.urn)
        elif alias.WhichOneof("alias") == "spec":
            out.append(urns.alias_spec_urn(alias.spec, type_=request.type, name=request.name,
                                           parent_urn=request.parent, project=project, stack=stack))
    return [u for u in dict.fromkeys(out) if u != urn]


class CaptureMonitor(EngineUrnMonitor):
    def __init__(self, mocks: Mocks, *, default_location: str | None = None) -> None:
        super().__init__(mocks)
        self.default_location = default_location
        self.captured: list[CapturedResource] = []
        self.component_outputs: dict[str, dict[str, Any]] = {}
        #: (resource urn, location, source) for every emulated location default.
        self.location_defaults: list[tuple[str, str, str]] = []
        self._rg_locations: dict[str, str] = {}
        self._lock = threading.Lock()

    # -- provider-side default -------------------------------------------------------------
    def _emulate_location(self, request: Any, inputs: dict[str, Any]) -> None:
        if not request.custom or "location" in inputs or not arm.is_tracked(request.type):
            return
        if request.type == RG_TOKEN:
            return  # a resource group without location fails in Azure too; nothing to copy
        if self.default_location:
            location, source = self.default_location, "config azure-native:location"
        else:
            rg = inputs.get("resourceGroupName")
            if rg == UNKNOWN:
                location, source = UNKNOWN, "unknown resource group name"
            elif isinstance(rg, str) and rg in self._rg_locations:
                location, source = self._rg_locations[rg], f"resource group '{rg}'"
            else:
                return
        request.object["location"] = location
        inputs["location"] = location
        with self._lock:
            self.location_defaults.append(
                (self.make_urn(request.parent, request.type, request.name), location, source)
            )

    # -- RPCs ------------------------------------------------------------------------------
    def RegisterResource(self, request: Any) -> Any:
        inputs = replace_resource_refs(json_format.MessageToDict(request.object))
        if request.type != STACK_TYPE:
            self._emulate_location(request, inputs)
        if request.type == RG_TOKEN and isinstance(inputs.get("location"), str):
            with self._lock:
                self._rg_locations[arm.resource_name(request.type, request.name, inputs)] = inputs["location"]
        response = super().RegisterResource(request)
        outputs = replace_resource_refs(json_format.MessageToDict(response.object))
        record = CapturedResource(
            urn=response.urn,
            type=request.type,
            name=request.name,
            parent=request.parent,
            custom=bool(request.custom),
            inputs=inputs,
            outputs=outputs,
            protect=bool(request.protect),
            # the SDK builds these from sets: sort them so repeated runs are identical
            dependencies=sorted(request.dependencies),
            property_dependencies={k: sorted(v.urns) for k, v in sorted(request.propertyDependencies.items())},
            provider=request.provider,
            id=response.id,
            aliases=request_alias_urns(request, response.urn),
        )
        with self._lock:
            self.captured.append(record)
        return response

    def RegisterResourceOutputs(self, request: Any) -> Any:
        with self._lock:
            self.component_outputs[request.urn] = replace_resource_refs(
                json_format.MessageToDict(request.outputs)
            )
        return super().RegisterResourceOutputs(request)
