"""ARM-shaped ids and the computed outputs that must look real (pure; data in data/arm_types.toml).

Why ARM-shaped: policies and components parse ids (``/resourceGroups/<rg>/providers/...``) to
find the account a subscription delivers to, the scope of a role assignment, the namespace of
a queue. Placeholder ids like ``"id-123"`` would make those paths silently wrong.
Deterministic: the same program gives the same ids, so repeated previews are identical.
Every other output is a typed placeholder from the SDK (:mod:`.placeholders`, :mod:`.outputs`).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Collection
from functools import cache
from importlib import resources
from typing import Any, Mapping

from ..model import UNKNOWN
from . import arm_paths
from .identity import DEFAULT, Identity
from .placeholders import stable_guid

__all__ = ["arm_id", "computed_outputs", "identity_output", "preview_outputs",
           "resource_name", "stable_guid", "type_info"]

_PLACEHOLDER = re.compile(r"\{([A-Za-z0-9_:]+)\}")


@cache
def _tables() -> dict[str, Any]:
    with resources.files(__package__).joinpath("data/arm_types.toml").open("rb") as fh:
        return tomllib.load(fh)


def type_info(token: str, declared: Collection[str] | None = None) -> dict[str, Any] | None:
    """The id template and name input of an azure-native token: the hand table's row, else the
    template derived from the pack's catalogue when the SDK input keys ``declared`` confirm it
    (:mod:`.arm_paths`); None if neither knows the token."""
    row = _tables()["types"].get(token)
    if row is not None or declared is None:
        return row
    found = arm_paths.confirmed(token, declared)
    return {"id": found[0], "name": found[1]} if found is not None else None


def resource_name(token: str, logical_name: str, inputs: Mapping[str, Any],
                  declared: Collection[str] | None = None) -> str:
    """The Azure name: the resource's name input if given, else its logical name."""
    info = type_info(token, declared)
    key = info.get("name") if info else None
    value = inputs.get(key) if key else None
    return value if isinstance(value, str) and value else logical_name  # UNKNOWN stays UNKNOWN


class _Unknown(Exception):
    """A template names a value that is unknown (preview-time): the rendered value is too."""


def _render(template: str, values: Mapping[str, Any]) -> str:
    """``template`` with ``{key}`` filled; :data:`UNKNOWN` when a value it names is unknown (an
    id with the unknown sentinel spliced into it would look known and be garbage)."""

    def sub(match: re.Match[str]) -> str:
        value = values.get(match.group(1))
        if value == UNKNOWN:
            raise _Unknown
        if value is None or value == "" or not isinstance(value, (str, int, float)):
            return f"unknown-{match.group(1)}"
        return str(value).rstrip("/") if match.group(1) in ("scope", "resourceUri") else str(value)

    try:
        return _PLACEHOLDER.sub(sub, template)
    except _Unknown:
        return UNKNOWN


def _fallback_template(token: str) -> str:
    """``Microsoft.<Module>/<camelPlural>`` for azure-native tokens the table does not list."""
    parts = token.split(":")
    if len(parts) == 3 and parts[0] == "azure-native":
        module, typ = parts[1], parts[2]
        plural = typ[:1].lower() + typ[1:] + "s"
        return (
            "/subscriptions/{sub}/resourceGroups/{resourceGroupName}/providers/"
            f"Microsoft.{module[:1].upper()}{module[1:]}/{plural}/{{name}}"
        )
    return ""


def _values(token: str, logical_name: str, inputs: Mapping[str, Any], identity: Identity,
            declared: Collection[str] | None) -> dict[str, Any]:
    values: dict[str, Any] = dict(inputs)
    values.update(
        sub=identity.subscription_id,
        tenant=identity.tenant_id,
        name=resource_name(token, logical_name, inputs, declared),
        guid=stable_guid(token, logical_name),
        guid2=stable_guid(token, logical_name, "2"),
    )
    return values


def arm_id(token: str, logical_name: str, inputs: Mapping[str, Any], identity: Identity = DEFAULT,
           declared: Collection[str] | None = None) -> str:
    """The ARM id of a resource in ``identity``'s subscription (``declared``: the input keys its
    SDK type declares, which let a catalogue-derived template be used); non-Azure tokens get
    ``<logical name>-id``; ``""`` (unknown, as in a real preview) when an input the id is made of
    is unknown."""
    info = type_info(token, declared)
    template = info["id"] if info else _fallback_template(token)
    if not template:
        return f"{logical_name}-id"
    rendered = _render(template, _values(token, logical_name, inputs, identity, declared))
    return "" if rendered == UNKNOWN else rendered


def _render_tree(node: Any, values: Mapping[str, Any]) -> Any:
    if isinstance(node, dict):
        return {k: _render_tree(v, values) for k, v in node.items()}
    if isinstance(node, list):
        return [_render_tree(v, values) for v in node]
    if isinstance(node, str):
        return _render(node, values)
    return node


def computed_outputs(token: str, logical_name: str, inputs: Mapping[str, Any],
                     identity: Identity = DEFAULT, declared: Collection[str] | None = None) -> dict[str, Any]:
    """Outputs the provider would compute: ``name``, the table's outputs, identity ids."""
    if not token.startswith("azure-native:"):
        return {}
    values = _values(token, logical_name, inputs, identity, declared)
    out: dict[str, Any] = {"name": values["name"]}
    template = _tables()["outputs"].get(token)
    if template:
        out.update(_render_tree(template, values))
    if has_identity(inputs):
        out["identity"] = identity_output(token, logical_name, inputs["identity"], tenant_id=identity.tenant_id)
    return out


def identity_output(
    token: str, logical_name: str, identity: Mapping[str, Any], *, unknown_computed: bool = False,
    tenant_id: str = DEFAULT.tenant_id,
) -> dict[str, Any]:
    """The ARM response shape of a managed identity.

    Inputs list user-assigned identity ids (most modules) or map them (eventgrid); every
    response maps id -> {principalId, clientId}, and the SDK asserts that shape (a list there
    fails the program with ``AssertionError: Unexpected type``). The GUIDs are derived from the
    identity id, so the same identity has the same principal on every resource and every run.

    ``unknown_computed`` (``--unknowns``): what the service computes (principalId, tenantId,
    the identities' principal and client ids) is unknown, as in a real preview of a resource
    about to be created; the map's keys stay known when the identity ids are known, and the
    whole map is unknown when any id is.
    """
    out: dict[str, Any] = dict(identity)
    out["principalId"] = UNKNOWN if unknown_computed else stable_guid(token, logical_name, "identity")
    out["tenantId"] = UNKNOWN if unknown_computed else tenant_id
    assigned = identity.get("userAssignedIdentities")
    if isinstance(assigned, (list, dict)):
        ids = list(assigned)
        # an ARM id is a string; anything else is the SDK's Unknown (an id not yet created)
        if any(not isinstance(uid, str) or uid == UNKNOWN for uid in ids):
            out["userAssignedIdentities"] = UNKNOWN
        else:
            out["userAssignedIdentities"] = {
                uid: {
                    "principalId": UNKNOWN if unknown_computed else stable_guid(uid, "principal"),
                    "clientId": UNKNOWN if unknown_computed else stable_guid(uid, "client"),
                }
                for uid in ids
            }
    elif assigned is not None:
        out["userAssignedIdentities"] = UNKNOWN
    return out


def has_identity(inputs: Mapping[str, Any]) -> bool:
    identity = inputs.get("identity")
    return isinstance(identity, dict) and identity.get("type") not in (None, "None")


def preview_outputs(token: str, logical_name: str, inputs: Mapping[str, Any]) -> dict[str, Any]:
    """Outputs whose *shape* differs from their input in unknowns mode (ids stay unknown).

    Unknowns mode answers a resource with its inputs, but an input whose output type differs
    (``identity.userAssignedIdentities``: list in, map out) would make the SDK reject the
    answer; such outputs get the response shape with computed values unknown.
    """
    if not token.startswith("azure-native:") or not has_identity(inputs):
        return {}
    return {"identity": identity_output(token, logical_name, inputs["identity"], unknown_computed=True)}
