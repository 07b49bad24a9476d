"""Resource URNs as the Pulumi engine writes them (what ``pulumi stack export`` shows).

``urn:pulumi:<stack>::<project>::<qualified type>::<name>``, where the qualified type is the
parent's *whole* qualified type chain, ``$``, then the resource's own type — except that the
root stack (``pulumi:pulumi:Stack``) is never part of a chain: a top-level resource is
``urn:pulumi:eu::proj::azure-native:resources:ResourceGroup::rg`` and a component's child is
``urn:pulumi:eu::proj::sovereign:index:RegionalEventPlane$azure-native:eventgrid:Topic::t``
(pulumi ``pkg/resource/deploy`` ``generateURN``: "don't use the root stack type; otherwise, use
the full qualified type"; the SDK's ``create_urn`` builds alias URNs the same way).

pulumi 3.272's ``MockMonitor.make_urn`` differs twice: it prefixes top-level resources with
``pulumi:pulumi:Stack$`` and keeps only the parent's *last* type for grandchildren. Offline URNs
must equal real ones so exemptions and findings keyed by URN (from real state) match offline and
``check-state`` and ``preview`` agree; the capture monitor uses :func:`make_urn` instead.

Pure (no pulumi import).
"""

from __future__ import annotations

from typing import Any

from ..model import STACK_TYPE

PREFIX = "urn:pulumi:"


def qualified_type(urn: str) -> str:
    """The type chain of a URN (``parent$child`` types); ``""`` for an empty URN."""
    if not urn:
        return ""
    return urn[len(PREFIX):].split("::", 3)[2] if urn.startswith(PREFIX) else urn.split("::")[2]


def make_urn(stack: str, project: str, parent_urn: str, type_: str, name: str) -> str:
    """The URN the engine gives a resource of ``type_``/``name`` under ``parent_urn``."""
    parent_type = qualified_type(parent_urn)
    if parent_type and parent_type != STACK_TYPE:
        type_ = f"{parent_type}${type_}"
    return f"{PREFIX}{stack}::{project}::{type_}::{name}"


def alias_spec_urn(spec: Any, *, type_: str, name: str, parent_urn: str, project: str, stack: str) -> str:
    """The URN an ``alias_pb2.Alias.Spec`` names, resolved as the engine resolves it: empty
    fields default to the resource's own name, type, stack and project; ``noParent`` means the
    old resource had no parent, a ``parentUrn`` names the old parent, else the current parent."""
    parent = "" if spec.noParent else (spec.parentUrn or parent_urn)
    return make_urn(spec.stack or stack, spec.project or project, parent, spec.type or type_, spec.name or name)
