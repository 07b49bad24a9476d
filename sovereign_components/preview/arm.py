"""ARM-shaped ids and computed outputs for the offline mocks (pure; data in data/arm_types.toml).

Why ARM-shaped: policies and components parse ids (``/resourceGroups/<rg>/providers/...``) to
find the account a subscription delivers to, the scope of a role assignment, the namespace of
a queue. Placeholder ids like ``"id-123"`` would make those paths silently wrong.
Deterministic: the same program gives the same ids, so repeated previews are identical.
"""

from __future__ import annotations

import re
import tomllib
import uuid
from functools import cache
from importlib import resources
from typing import Any, Mapping

#: The subscription every offline id lives in (a zero GUID: obviously not a real one).
SUBSCRIPTION_ID = "00000000-0000-0000-0000-000000000000"
TENANT_ID = "00000000-0000-0000-0000-000000000000"

_PLACEHOLDER = re.compile(r"\{([A-Za-z0-9_:]+)\}")


@cache
def _tables() -> dict[str, Any]:
    with resources.files(__package__).joinpath("data/arm_types.toml").open("rb") as fh:
        return tomllib.load(fh)


def type_info(token: str) -> dict[str, Any] | None:
    """The table row for an azure-native token (None if the engine does not know it)."""
    return _tables()["types"].get(token)


def is_tracked(token: str) -> bool:
    """True when the ARM resource has a ``location`` the provider would default (see table)."""
    info = type_info(token)
    return bool(info and info.get("location"))


def resource_name(token: str, logical_name: str, inputs: Mapping[str, Any]) -> str:
    """The Azure name: the resource's name input if given, else its logical name."""
    info = type_info(token)
    key = info.get("name") if info else None
    value = inputs.get(key) if key else None
    return value if isinstance(value, str) and value else logical_name


def stable_guid(*parts: str) -> str:
    """A GUID derived from ``parts`` (uuid5), so computed GUID outputs are reproducible."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "sovereign-preview:" + "/".join(parts)))


def _render(template: str, values: Mapping[str, Any]) -> str:
    def sub(match: re.Match[str]) -> str:
        value = values.get(match.group(1))
        if value is None or value == "":
            return f"unknown-{match.group(1)}"
        return str(value).rstrip("/") if match.group(1) in ("scope", "resourceUri") else str(value)

    return _PLACEHOLDER.sub(sub, template)


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


def _values(token: str, logical_name: str, inputs: Mapping[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = dict(inputs)
    values.update(
        sub=SUBSCRIPTION_ID,
        name=resource_name(token, logical_name, inputs),
        guid=stable_guid(token, logical_name),
        guid2=stable_guid(token, logical_name, "2"),
    )
    return values


def arm_id(token: str, logical_name: str, inputs: Mapping[str, Any]) -> str:
    """The ARM id of a resource; non-Azure tokens get ``<logical name>-id``."""
    info = type_info(token)
    template = info["id"] if info else _fallback_template(token)
    if not template:
        return f"{logical_name}-id"
    return _render(template, _values(token, logical_name, inputs))


def _render_tree(node: Any, values: Mapping[str, Any]) -> Any:
    if isinstance(node, dict):
        return {k: _render_tree(v, values) for k, v in node.items()}
    if isinstance(node, list):
        return [_render_tree(v, values) for v in node]
    if isinstance(node, str):
        return _render(node, values)
    return node


def computed_outputs(token: str, logical_name: str, inputs: Mapping[str, Any]) -> dict[str, Any]:
    """Outputs the provider would compute: ``name``, the table's outputs, identity ids."""
    if not token.startswith("azure-native:"):
        return {}
    values = _values(token, logical_name, inputs)
    out: dict[str, Any] = {"name": values["name"]}
    template = _tables()["outputs"].get(token)
    if template:
        out.update(_render_tree(template, values))
    identity = inputs.get("identity")
    if isinstance(identity, dict) and identity.get("type") not in (None, "None"):
        out["identity"] = identity_output(token, logical_name, identity)
    return out


def identity_output(token: str, logical_name: str, identity: Mapping[str, Any]) -> dict[str, Any]:
    """The ARM response shape of a managed identity.

    Inputs list user-assigned identity ids (most modules) or map them (eventgrid); every
    response maps id -> {principalId, clientId}, and the SDK asserts that shape.
    """
    out: dict[str, Any] = dict(identity)
    out["principalId"] = stable_guid(token, logical_name, "identity")
    out["tenantId"] = TENANT_ID
    assigned = identity.get("userAssignedIdentities")
    if isinstance(assigned, (list, dict)):
        out["userAssignedIdentities"] = {
            str(uid): {"principalId": stable_guid(str(uid), "principal"), "clientId": stable_guid(str(uid), "client")}
            for uid in assigned
        }
    return out
