"""The ARM template functions that read the deployment: ``parameters``, ``variables``,
``lambdaVariables``, ``copyIndex``, ``resourceGroup``, ``subscription``, ``tenant``,
``managementGroup``, ``deployment``, ``environment`` and the id builders (``resourceId``,
``subscriptionResourceId``, ``tenantResourceId``, ``managementGroupResourceId``,
``extensionResourceId``), answered from the :class:`~.context.Target` as ARM answers them per
deployment scope (https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-resource,
https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-deployment)."""

from __future__ import annotations

import copy as _copy
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final

from .coerce import EvalError, want_int, want_str
from .context import Frame
from .keys import fold
from .lazy import arity
from .unknown import Unknown, first_unknown

if TYPE_CHECKING:
    from .evaluator import Evaluator

ContextFn = Callable[["Evaluator", Frame, list[Any]], Any]

#: What ``environment()`` returns: Azure public cloud, the cloud the gate judges
#: (https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-deployment#environment).
PUBLIC_CLOUD: Final[dict[str, Any]] = {
    "name": "AzureCloud",
    "gallery": "https://gallery.azure.com/",
    "graph": "https://graph.windows.net/",
    "portal": "https://portal.azure.com",
    "graphAudience": "https://graph.windows.net/",
    "activeDirectoryDataLake": "https://datalake.azure.net/",
    "batch": "https://batch.core.windows.net/",
    "media": "https://rest.media.azure.net",
    "sqlManagement": "https://management.core.windows.net:8443/",
    "vmImageAliasDoc": "https://raw.githubusercontent.com/Azure/azure-rest-api-specs/master/arm-compute/quickstart-templates/aliases.json",
    "resourceManager": "https://management.azure.com/",
    "authentication": {
        "loginEndpoint": "https://login.microsoftonline.com/",
        "audiences": ["https://management.core.windows.net/", "https://management.azure.com/"],
        "tenant": "common",
        "identityProvider": "AAD",
    },
    "suffixes": {
        "acrLoginServer": ".azurecr.io",
        "azureDatalakeAnalyticsCatalogAndJob": "azuredatalakeanalytics.net",
        "azureDatalakeStoreFileSystem": "azuredatalakestore.net",
        "azureFrontDoorEndpointSuffix": "azurefd.net",
        "keyvaultDns": ".vault.azure.net",
        "sqlServerHostname": ".database.windows.net",
        "storage": "core.windows.net",
    },
}


def _parameters(ev: Evaluator, frame: Frame, args: list[Any]) -> Any:
    arity("parameters", args, 1, 1)
    if isinstance(args[0], Unknown):
        return args[0]
    name = want_str(args[0], "parameter name")
    if frame.user_args is not None:
        if fold(name) in frame.user_args:
            return frame.user_args[fold(name)]
        raise EvalError(f"function parameter '{name}' is not declared")
    return frame.ctx.parameter(name, ev)


def _variables(ev: Evaluator, frame: Frame, args: list[Any]) -> Any:
    arity("variables", args, 1, 1)
    if isinstance(args[0], Unknown):
        return args[0]
    if frame.user_args is not None:
        raise EvalError("a user-defined function cannot read variables")
    return frame.ctx.variable(want_str(args[0], "variable name"), ev)


def _lambda_variables(ev: Evaluator, frame: Frame, args: list[Any]) -> Any:
    arity("lambdaVariables", args, 1, 1)
    name = fold(want_str(args[0], "lambda variable name"))
    if name not in frame.lambdas:
        raise EvalError(f"lambda variable '{name}' is not bound")
    return frame.lambdas[name]


def _copy_index(ev: Evaluator, frame: Frame, args: list[Any]) -> Any:
    arity("copyIndex", args, 0, 2)
    unknown = first_unknown(*args)
    if unknown is not None:
        return unknown
    loop: str | None = None
    offset = 0
    if args and isinstance(args[0], str):
        loop = fold(args[0])
        if len(args) == 2:
            offset = want_int(args[1], "copyIndex offset")
    elif len(args) == 1:
        offset = want_int(args[0], "copyIndex offset")
    elif len(args) == 2:
        raise EvalError("copyIndex(loopName, offset) takes the loop name first")
    if loop not in frame.copy:
        raise EvalError(f"copyIndex({loop or ''}) is used outside that copy loop")
    return frame.copy[loop] + offset


def _resource_group(ev: Evaluator, frame: Frame, args: list[Any]) -> Any:
    arity("resourceGroup", args, 0, 0)
    target = frame.ctx.target
    if target.resource_group is None:
        raise EvalError(f"resourceGroup() is not available in a {target.scope} deployment")
    location = target.resource_group_location
    return {
        "id": f"/subscriptions/{target.subscription_id}/resourceGroups/{target.resource_group}",
        "name": target.resource_group,
        "type": "Microsoft.Resources/resourceGroups",
        "location": location if location is not None else Unknown(
            "the resource group's location is not known to the gate"),
        "managedBy": None,
        "tags": Unknown("the resource group's tags are not known to the gate"),
        "properties": {"provisioningState": "Succeeded"},
    }


def _subscription(ev: Evaluator, frame: Frame, args: list[Any]) -> Any:
    arity("subscription", args, 0, 0)
    target = frame.ctx.target
    if target.scope in ("managementGroup", "tenant"):
        raise EvalError(f"subscription() is not available in a {target.scope} deployment")
    return {
        "id": f"/subscriptions/{target.subscription_id}",
        "subscriptionId": target.subscription_id,
        "tenantId": Unknown("the tenant id is not known to the gate"),
        "displayName": Unknown("the subscription's display name is not known to the gate"),
    }


def _tenant(ev: Evaluator, frame: Frame, args: list[Any]) -> Any:
    arity("tenant", args, 0, 0)
    reason = "tenant properties are not known to the gate"
    return {"tenantId": Unknown(reason), "countryCode": Unknown(reason), "displayName": Unknown(reason)}


def _management_group(ev: Evaluator, frame: Frame, args: list[Any]) -> Any:
    arity("managementGroup", args, 0, 1)
    target = frame.ctx.target
    if target.scope != "managementGroup" or target.management_group is None:
        raise EvalError(f"managementGroup() is not available in a {target.scope} deployment")
    reason = "management group properties are not known to the gate"
    return {
        "id": f"/providers/Microsoft.Management/managementGroups/{target.management_group}",
        "name": target.management_group,
        "type": "Microsoft.Management/managementGroups",
        "properties": {"displayName": Unknown(reason), "tenantId": Unknown(reason)},
    }


def _deployment(ev: Evaluator, frame: Frame, args: list[Any]) -> Any:
    arity("deployment", args, 0, 0)
    target = frame.ctx.target
    out: dict[str, Any] = {
        "name": target.deployment_name,
        "properties": {
            "template": {"contentVersion": frame.ctx.template.get("contentVersion", "1.0.0.0")},
            "templateHash": Unknown("the template hash is computed by ARM"),
            "parameters": Unknown("deployment().properties.parameters is not modelled"),
            "mode": Unknown("deployment().properties.mode is not modelled"),
            "provisioningState": "Accepted",
        },
    }
    if target.deployment_location is not None:
        out["location"] = target.deployment_location
    return out


def _environment(ev: Evaluator, frame: Frame, args: list[Any]) -> Any:
    arity("environment", args, 0, 0)
    return _copy.deepcopy(PUBLIC_CLOUD)


def _type_and_names(args: list[Any], fn: str) -> tuple[list[str], str, list[str]]:
    """Split ``resourceId``-style arguments into (leading scope args, type, names)."""
    strings = [want_str(a, f"{fn}() argument") for a in args]
    for i, text in enumerate(strings):
        if "/" in text:
            scope_args, rtype, names = strings[:i], text.strip("/"), strings[i + 1:]
            segments = rtype.split("/")
            name_parts = [p for n in names for p in n.split("/")]
            if len(segments) < 2 or len(name_parts) != len(segments) - 1:
                raise EvalError(f"{fn}(): type '{rtype}' needs {len(segments) - 1} name(s), got {len(name_parts)}")
            return scope_args, rtype, name_parts
    raise EvalError(f"{fn}() has no resource type argument")


def _provider_path(rtype: str, names: list[str]) -> str:
    segments = rtype.split("/")
    parts = [segments[0]]
    for seg, name in zip(segments[1:], names, strict=True):
        parts.extend((seg, name))
    return "/providers/" + "/".join(parts)


def _resource_id(ev: Evaluator, frame: Frame, args: list[Any]) -> Any:
    arity("resourceId", args, 2, None)
    unknown = first_unknown(*args)
    if unknown is not None:
        return unknown
    scope_args, rtype, names = _type_and_names(args, "resourceId")
    target = frame.ctx.target
    if len(scope_args) > 2:
        raise EvalError("resourceId() takes at most a subscription id and a resource group before the type")
    sub = scope_args[0] if len(scope_args) == 2 else target.subscription_id
    group = scope_args[-1] if scope_args else target.resource_group
    if group is None:
        if target.scope == "subscription":
            return f"/subscriptions/{sub}{_provider_path(rtype, names)}"
        return _provider_path(rtype, names)
    return f"/subscriptions/{sub}/resourceGroups/{group}{_provider_path(rtype, names)}"


def _subscription_resource_id(ev: Evaluator, frame: Frame, args: list[Any]) -> Any:
    arity("subscriptionResourceId", args, 2, None)
    unknown = first_unknown(*args)
    if unknown is not None:
        return unknown
    scope_args, rtype, names = _type_and_names(args, "subscriptionResourceId")
    if len(scope_args) > 1:
        raise EvalError("subscriptionResourceId() takes at most a subscription id before the type")
    sub = scope_args[0] if scope_args else frame.ctx.target.subscription_id
    return f"/subscriptions/{sub}{_provider_path(rtype, names)}"


def _tenant_resource_id(ev: Evaluator, frame: Frame, args: list[Any]) -> Any:
    arity("tenantResourceId", args, 2, None)
    unknown = first_unknown(*args)
    if unknown is not None:
        return unknown
    scope_args, rtype, names = _type_and_names(args, "tenantResourceId")
    if scope_args:
        raise EvalError("tenantResourceId() takes the type first")
    return _provider_path(rtype, names)


def _management_group_resource_id(ev: Evaluator, frame: Frame, args: list[Any]) -> Any:
    arity("managementGroupResourceId", args, 2, None)
    unknown = first_unknown(*args)
    if unknown is not None:
        return unknown
    scope_args, rtype, names = _type_and_names(args, "managementGroupResourceId")
    if len(scope_args) > 1:
        raise EvalError("managementGroupResourceId() takes at most a management group before the type")
    group = scope_args[0] if scope_args else frame.ctx.target.management_group
    if group is None:
        raise EvalError("managementGroupResourceId() needs a management group here")
    return f"/providers/Microsoft.Management/managementGroups/{group}{_provider_path(rtype, names)}"


def _extension_resource_id(ev: Evaluator, frame: Frame, args: list[Any]) -> Any:
    arity("extensionResourceId", args, 3, None)
    unknown = first_unknown(*args)
    if unknown is not None:
        return unknown
    base = want_str(args[0], "resourceId").rstrip("/")
    _, rtype, names = _type_and_names(args[1:], "extensionResourceId")
    return f"{base}{_provider_path(rtype, names)}"


CONTEXT: Final[dict[str, ContextFn]] = {
    "parameters": _parameters,
    "variables": _variables,
    "lambdavariables": _lambda_variables,
    "copyindex": _copy_index,
    "resourcegroup": _resource_group,
    "subscription": _subscription,
    "tenant": _tenant,
    "managementgroup": _management_group,
    "deployment": _deployment,
    "environment": _environment,
    "resourceid": _resource_id,
    "subscriptionresourceid": _subscription_resource_id,
    "tenantresourceid": _tenant_resource_id,
    "managementgroupresourceid": _management_group_resource_id,
    "extensionresourceid": _extension_resource_id,
}

