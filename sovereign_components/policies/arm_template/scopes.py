"""Deployment scopes: the scope a template's ``$schema`` names and the scope a deployment-scope
id names (``/``, ``/subscriptions/s``, ``/subscriptions/s/resourceGroups/g``,
``/providers/Microsoft.Management/managementGroups/m``). Pure."""

from __future__ import annotations

from typing import Any, Final

from .keys import fold
from .model import Scope

#: The ``$schema`` of each deployment scope's template
#: (https://learn.microsoft.com/azure/azure-resource-manager/templates/syntax#template-format).
SCHEMA_SCOPES: Final[dict[str, Scope]] = {
    "deploymenttemplate.json": "resourceGroup",
    "subscriptiondeploymenttemplate.json": "subscription",
    "managementgroupdeploymenttemplate.json": "managementGroup",
    "tenantdeploymenttemplate.json": "tenant",
}


def join(path: str, key: str) -> str:
    """``path.key`` (just ``key`` at the root)."""
    return f"{path}.{key}" if path else key


def schema_scope(template: Any) -> Scope | None:
    """The deployment scope a template's ``$schema`` names, if any."""
    if not isinstance(template, dict):
        return None
    schema = template.get("$schema")
    if not isinstance(schema, str):
        return None
    tail = schema.split("#")[0].rstrip("/").rsplit("/", 1)[-1].lower()
    return SCHEMA_SCOPES.get(tail)


def scope_of_id(value: str) -> tuple[Scope, str | None, str | None, str | None] | None:
    """(scope, subscription, resource group, management group) of a deployment scope id:
    ``/``, ``/subscriptions/s``, ``/subscriptions/s/resourceGroups/g``,
    ``/providers/Microsoft.Management/managementGroups/m``; ``None`` for anything else."""
    parts = [p for p in value.strip().split("/") if p]
    lowered = [fold(p) for p in parts]
    if not parts:
        return "tenant", None, None, None
    if len(parts) == 2 and lowered[0] == "SUBSCRIPTIONS":
        return "subscription", parts[1], None, None
    if len(parts) == 4 and lowered[0] == "SUBSCRIPTIONS" and lowered[2] == "RESOURCEGROUPS":
        return "resourceGroup", parts[1], parts[3], None
    if len(parts) == 4 and lowered[:3] == ["PROVIDERS", "MICROSOFT.MANAGEMENT", "MANAGEMENTGROUPS"]:
        return "managementGroup", None, None, parts[3]
    return None
