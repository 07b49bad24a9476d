"""Shared helpers for the ARM template expander tests: build a Deployment around a template and
evaluate one expression through the public API (``expand``)."""

from __future__ import annotations

from typing import Any

from sovereign_components.policies.arm_template import VirtualResource, expand

DEPLOYMENT = "azure-native:resources:Deployment"
SUB = "11111111-2222-3333-4444-555555555555"


def deployment_props(template: Any, parameters: dict[str, Any] | None = None, *, rg: str = "rg1",
                     name: str = "dep", **extra: Any) -> dict[str, Any]:
    props: dict[str, Any] = {"mode": "Incremental", "template": template}
    if parameters is not None:
        props["parameters"] = {k: {"value": v} for k, v in parameters.items()}
    props.update(extra)
    return {"deploymentName": name, "resourceGroupName": rg, "properties": props}


def expand_template(template: Any, parameters: dict[str, Any] | None = None, *,
                    token: str = DEPLOYMENT, rg_location: str | None = "westeurope",
                    subscription_id: str | None = SUB, **extra: Any) -> list[VirtualResource]:
    return expand(token, deployment_props(template, parameters, **extra),
                  resource_group_location=rg_location, subscription_id=subscription_id)


def evaluate(expression: Any, parameters: dict[str, Any] | None = None, *,
             declared: dict[str, Any] | None = None, variables: dict[str, Any] | None = None,
             rg_location: str | None = "westeurope", token: str = DEPLOYMENT,
             template_extra: dict[str, Any] | None = None) -> Any:
    """The value ``expression`` evaluates to as a property of a one-resource template."""
    decls = dict(declared or {})
    for name, value in (parameters or {}).items():
        decls.setdefault(name, {"type": "object" if isinstance(value, dict) else "string"})
    template = {
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "parameters": decls,
        "variables": variables or {},
        "resources": [{"type": "Test.Provider/things", "apiVersion": "2024-01-01", "name": "t",
                       "properties": {"v": expression}}],
        **(template_extra or {}),
    }
    [vr] = expand_template(template, parameters, token=token, rg_location=rg_location)
    return vr.props["v"]


def by_type(resources: list[VirtualResource], arm_type: str) -> list[VirtualResource]:
    return [r for r in resources if r.arm_type.lower() == arm_type.lower()]
