"""The escape hatches: which azure-native tokens deploy something the pack cannot see in their
own inputs, and :func:`expand`, which turns one into the virtual resources it creates.

- ``resources:Resource`` (generic): one resource of any ARM type, addressed by
  ``resourceProviderNamespace`` / ``parentResourcePath`` / ``resourceType`` / ``resourceName``,
  with its body in ``properties``. ARM does not evaluate template expressions in a plain PUT,
  so values are taken literally. A generic resource whose type is itself
  ``Microsoft.Resources/deployments`` (or ``deploymentStacks``) is expanded as a deployment too.
- ``resources:Deployment``, ``DeploymentAtScope``, ``DeploymentAtSubscriptionScope``,
  ``DeploymentAtManagementGroupScope``, ``DeploymentAtTenantScope``: ``properties.template``
  with ``properties.parameters`` (:mod:`.template`).
- ``resources:DeploymentStackAtResourceGroup`` / ``AtSubscription`` / ``AtManagementGroup``:
  the same with ``template`` / ``parameters`` at the top level.

Tokens are matched in any spelling the SDK registers: v3 ``azure-native:resources:X``, the v2
spelling (the same module name) and the versioned aliases ``azure-native:resources/vYYYYMMDD:X``.
``DeploymentStacksWhatIfResults*`` only predict a deployment and ``TemplateSpecVersion`` only
stores a template: neither deploys, so neither is an escape hatch.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Final, Literal

from ..tokens import canonical_token
from .context import Budget, Target
from .keys import ABSENT, AmbiguousKey, FoldedDict, fold, get_ci
from .model import (
    ALLOW_HINT,
    DEFAULT_LIMITS,
    MANAGEMENT_GROUP_PLACEHOLDER,
    RESOURCE_GROUP_PLACEHOLDER,
    SUBSCRIPTION_PLACEHOLDER,
    Limits,
    Scope,
    Unevaluable,
    VirtualResource,
)
from .scopes import schema_scope, scope_of_id
from .shape import flatten
from .template import DEPLOYMENT_STACKS, TEMPLATE_DEPLOYING, Walker
from .unknown import Unknown, from_input

Kind = Literal["resource", "deployment", "stack"]

GENERIC_RESOURCE: Final = "azure-native:resources:Resource"

#: v3 token -> (kind, the scope it deploys at; ``None``: read from the ``scope`` input).
ESCAPE_HATCHES: Final[dict[str, tuple[Kind, Scope | None]]] = {
    GENERIC_RESOURCE: ("resource", "resourceGroup"),
    "azure-native:resources:Deployment": ("deployment", "resourceGroup"),
    "azure-native:resources:DeploymentAtScope": ("deployment", None),
    "azure-native:resources:DeploymentAtSubscriptionScope": ("deployment", "subscription"),
    "azure-native:resources:DeploymentAtManagementGroupScope": ("deployment", "managementGroup"),
    "azure-native:resources:DeploymentAtTenantScope": ("deployment", "tenant"),
    "azure-native:resources:DeploymentStackAtResourceGroup": ("stack", "resourceGroup"),
    "azure-native:resources:DeploymentStackAtSubscription": ("stack", "subscription"),
    "azure-native:resources:DeploymentStackAtManagementGroup": ("stack", "managementGroup"),
}

_VERSIONED = re.compile(r"^(?P<provider>[^:]+):(?P<module>[^:/]+)/v[0-9]{8}[a-z0-9]*:(?P<cls>[^:]+)$")


def hatch_token(token: str) -> str | None:
    """The v3 token of an escape hatch for any spelling of it, else ``None``."""
    canon = canonical_token(token)
    match = _VERSIONED.match(canon)
    if match:
        canon = canonical_token(f"{match['provider']}:{match['module']}:{match['cls']}")
    return canon if canon in ESCAPE_HATCHES else None


def is_escape_hatch(token: str) -> bool:
    """True for every spelling of a token :func:`expand` handles."""
    return hatch_token(token) is not None


def expand(token: str, props: Mapping[str, Any], *, resource_group_location: str | None = None,
           subscription_id: str | None = None, limits: Limits = DEFAULT_LIMITS) -> list[VirtualResource]:
    """The resources the escape hatch ``token`` with inputs ``props`` (camelCase, as a policy
    sees them; preview unknowns allowed) deploys, in template order (a nested deployment before
    its own resources).

    ``resource_group_location`` answers ``resourceGroup().location`` for the deployment's
    resource group (else that expression is unknown); ``subscription_id`` goes into the ids
    ``resourceId()`` builds (else :data:`~.model.SUBSCRIPTION_PLACEHOLDER`).

    Raises :class:`Unevaluable` when what is deployed cannot be determined, and ``ValueError``
    when ``token`` is not an escape hatch (:func:`is_escape_hatch`).
    """
    canon = hatch_token(token)
    if canon is None:
        raise ValueError(f"{token!r} is not an escape hatch the expander handles")
    kind, scope = ESCAPE_HATCHES[canon]
    budget = Budget(limits)
    try:
        inputs = from_input(props, limits, "")
        if not isinstance(inputs, dict):
            raise Unevaluable("the resource's inputs are not an object")
        walker = Walker(budget)
        if kind == "resource":
            _generic(walker, inputs, resource_group_location, subscription_id)
        else:
            _deployment(walker, kind, scope, inputs, resource_group_location, subscription_id)
        return walker.out
    except RecursionError:
        raise Unevaluable("the deployment is nested too deeply to evaluate; flatten it, " + ALLOW_HINT,
                          budget.path) from None
    except AmbiguousKey as exc:
        raise Unevaluable(f"{exc}; keep one spelling", budget.path) from None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _deployment(walker: Walker, kind: Kind, scope: Scope | None, inputs: dict[str, Any],
                resource_group_location: str | None, subscription_id: str | None) -> None:
    if kind == "deployment":
        body = get_ci(inputs, "properties")
        if isinstance(body, Unknown):
            raise Unevaluable(f"the deployment's properties are unknown in this preview ({body.reason}); build "
                              "them from known values, " + ALLOW_HINT, "properties")
        if not isinstance(body, dict):
            raise Unevaluable("the deployment has no properties object (template and parameters)", "properties")
        path = "properties"
    else:
        body, path = inputs, ""
    subscription = subscription_id or SUBSCRIPTION_PLACEHOLDER
    group = _text(get_ci(inputs, "resourceGroupName"))
    name = _text(get_ci(inputs, "deploymentName")) or _text(get_ci(inputs, "deploymentStackName"))
    deployment_name: str | Unknown = name or Unknown("the deployment's name is assigned by Pulumi")
    location = get_ci(inputs, "location")
    deploy_location = None if location is ABSENT else location
    management_group = _text(get_ci(inputs, "groupId")) or _text(get_ci(inputs, "managementGroupId"))
    rg_location: str | None = resource_group_location
    scope_id: Any = ABSENT
    if scope is None:  # DeploymentAtScope
        scope_id = get_ci(inputs, "scope")
    elif kind == "stack":
        scope_id = get_ci(body, "deploymentScope")
    parsed = scope_of_id(scope_id) if isinstance(scope_id, str) else None
    if parsed is not None:
        scope, sub_id, rg, mg = parsed
        subscription = sub_id or subscription
        if rg is not None and group is not None and fold(rg) != fold(group):
            rg_location = None
        group, management_group = rg or group, mg or management_group
    elif scope is None:
        template = get_ci(body, "template")
        scope = schema_scope(template) or "resourceGroup"
        rg_location = None
    if scope == "resourceGroup":
        target = Target("resourceGroup", subscription, group or RESOURCE_GROUP_PLACEHOLDER,
                        rg_location, None, deployment_name, deploy_location)
    elif scope == "subscription":
        target = Target("subscription", subscription, None, None, None, deployment_name, deploy_location)
    elif scope == "managementGroup":
        target = Target("managementGroup", subscription, None, None,
                        management_group or MANAGEMENT_GROUP_PLACEHOLDER, deployment_name, deploy_location)
    else:
        target = Target("tenant", subscription, None, None, None, deployment_name, deploy_location)
    walker.deployment(body, target, target.scope, path)


#: Inputs of the generic resource that address it; the rest is its body.
_ADDRESSING: Final[frozenset[str]] = frozenset(fold(k) for k in (
    "resourceProviderNamespace", "parentResourcePath", "resourceType", "resourceName", "apiVersion",
    "properties",
))


def _generic(walker: Walker, inputs: dict[str, Any], resource_group_location: str | None,
             subscription_id: str | None) -> None:
    path = "resource"
    parts: dict[str, Any] = {}
    for key in ("resourceProviderNamespace", "parentResourcePath", "resourceType", "resourceName"):
        value = get_ci(inputs, key)
        if value is ABSENT:
            value = None
        if isinstance(value, Unknown) and key != "resourceName":
            raise Unevaluable(f"{key} is unknown in this preview ({value.reason}), so the resource type is "
                              "unknown; write it literally or use the resource's own class, " + ALLOW_HINT,
                              f"{path}.{key}")
        parts[key] = value
    namespace, parent, rtype, rname = (parts["resourceProviderNamespace"], parts["parentResourcePath"],
                                       parts["resourceType"], parts["resourceName"])
    if not _text(namespace) or not _text(rtype):
        raise Unevaluable("a generic resource needs resourceProviderNamespace and resourceType", path)
    if parent is not None and not isinstance(parent, str):
        raise Unevaluable("parentResourcePath must be a string", f"{path}.parentResourcePath")
    name_known = isinstance(rname, str) and bool(rname.strip())
    segments = [s for s in (parent or "").split("/") if s] + [s for s in rtype.split("/") if s]
    segments += [s for s in rname.split("/") if s] if name_known else ["?"]
    if len(segments) % 2:
        raise Unevaluable(f"'{parent or ''}/{rtype}/{rname if name_known else '<name>'}' is not a sequence of "
                          "type/name pairs, so the ARM type cannot be determined", path)
    arm_type = "/".join([namespace.strip(), *segments[0::2]])
    name = "/".join(segments[1::2]) if name_known else None
    notes: list[str] = []
    api = get_ci(inputs, "apiVersion")
    if isinstance(api, Unknown):
        notes.append(f"apiVersion unknown ({api.reason})")
    top = {k: v for k, v in inputs.items() if fold(k) not in _ADDRESSING}
    top["name"] = name if name is not None else Unknown("the resource name is unknown")
    body = get_ci(inputs, "properties")
    properties = None if body is ABSENT else body
    if properties is None and fold(arm_type) in TEMPLATE_DEPLOYING:
        raise Unevaluable("a generic deployment resource without properties", path + ".properties")
    props, location = flatten(top, properties, notes, path)
    deploying = fold(arm_type) in TEMPLATE_DEPLOYING
    if deploying and isinstance(props.get("template"), (dict, str)):
        props = FoldedDict((k, v) for k, v in props.items() if fold(k) not in ("TEMPLATE", "PARAMETERS"))
        notes.append("deploys a template: its resources follow as separate virtual resources")
    walker.add(VirtualResource(path=path, arm_type=arm_type, api_version=api if isinstance(api, str) else None,
                               name=name, props=props, location=location, scope="resourceGroup",
                               notes=tuple(notes)), 0)
    if deploying:
        if not isinstance(properties, dict):
            raise Unevaluable("a generic deployment resource needs a properties object", path + ".properties")
        group = _text(get_ci(inputs, "resourceGroupName"))
        subscription = subscription_id or SUBSCRIPTION_PLACEHOLDER
        target = Target("resourceGroup", subscription, group or RESOURCE_GROUP_PLACEHOLDER, resource_group_location,
                        None, name or Unknown("the deployment's name is unknown"), props.get("location"))
        scope: Scope = "resourceGroup"
        if fold(arm_type) == DEPLOYMENT_STACKS:
            scope_id = get_ci(properties, "deploymentScope")
            parsed = scope_of_id(scope_id) if isinstance(scope_id, str) else None
            if parsed is not None:
                scope, sub_id, rg, mg = parsed
                target = Target(scope, sub_id or subscription, rg,
                                resource_group_location if rg and group and fold(rg) == fold(group) else None,
                                mg, target.deployment_name)
        walker.deployment(properties, target, scope, path + ".properties", path + ".properties.template")
