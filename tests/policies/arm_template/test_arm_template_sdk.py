"""The escape-hatch table against the installed azure-native SDK (derived, not enumerated):
every ``resources`` class that takes a template (directly or in its properties) or addresses an
arbitrary ARM type is handled or listed as not deploying, with every versioned alias the SDK
registers; the input keys the expander reads are the SDK's. And the package stays pure."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
import subprocess
import sys
from typing import Any

import pytest

from sovereign_components.policies.arm_template import ESCAPE_HATCHES, hatch_token, is_escape_hatch

pulumi = pytest.importorskip("pulumi")
resources_pkg = pytest.importorskip("pulumi_azure_native.resources")

#: Classes that carry a template but deploy nothing: a what-if only predicts a deployment stack's
#: changes; a template spec version only stores a template (deploying it needs a deployment
#: whose templateLink.id names it, which fails closed).
NOT_DEPLOYING = {
    "azure-native:resources:DeploymentStacksWhatIfResultsAtManagementGroup",
    "azure-native:resources:DeploymentStacksWhatIfResultsAtResourceGroup",
    "azure-native:resources:DeploymentStacksWhatIfResultsAtSubscription",
    "azure-native:resources:TemplateSpecVersion",
}


def _classes() -> list[tuple[str, type, Any, str]]:
    """(token, resource class, args class, module source) for every resource of the module."""
    from pulumi.type_token import get_type_token

    out = []
    for info in pkgutil.iter_modules(resources_pkg.__path__):
        if info.name.startswith("_") or info.name.startswith("get_"):
            continue
        module = importlib.import_module(f"{resources_pkg.__name__}.{info.name}")
        source = inspect.getsource(module)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != module.__name__ or not issubclass(cls, pulumi.CustomResource):
                continue
            token = get_type_token(cls)
            args = getattr(module, f"{cls.__name__}Args", None)
            if token and args is not None:
                out.append((token, cls, args, source))
    return out


CLASSES = _classes()
INPUTS = importlib.import_module(f"{resources_pkg.__name__}._inputs")


def _params(args_cls: Any) -> dict[str, str]:
    return {name: str(p.annotation) for name, p in inspect.signature(args_cls.__init__).parameters.items()
            if name not in ("self", "__self__")}


def _takes_template(args_cls: Any) -> bool:
    params = _params(args_cls)
    if "template" in params or "main_template" in params:
        return True
    for annotation in params.values():
        for ref in re.findall(r"'(\w+Args)'", annotation):
            nested = getattr(INPUTS, ref, None)
            if nested is not None and "template" in _params(nested):
                return True
    return False


def test_the_sdk_was_read() -> None:
    tokens = {t for t, *_ in CLASSES}
    assert "azure-native:resources:Deployment" in tokens and len(tokens) >= 15


@pytest.mark.parametrize(("token", "cls", "args", "source"), CLASSES, ids=[c[0] for c in CLASSES])
def test_every_template_or_generic_class_is_handled(token: str, cls: type, args: Any, source: str) -> None:
    params = _params(args)
    generic = {"resource_provider_namespace", "resource_type"} <= set(params)
    deploys_template = _takes_template(args) and token not in NOT_DEPLOYING
    assert (token in ESCAPE_HATCHES) == (generic or deploys_template), token
    if token in ESCAPE_HATCHES:
        aliases = re.findall(r'type_="(azure-native:resources/[^"]+:' + cls.__name__ + r')"', source)
        assert aliases, f"no versioned aliases found for {token}"
        for alias in aliases:
            assert is_escape_hatch(alias) and hatch_token(alias) == token, alias


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p[:1].upper() + p[1:] for p in rest)


def test_the_input_keys_the_expander_reads_are_the_sdks() -> None:
    by_token = {t: _params(a) for t, _, a, _ in CLASSES}
    generic = {_camel(p) for p in by_token["azure-native:resources:Resource"]}
    assert {"resourceProviderNamespace", "parentResourcePath", "resourceType", "resourceName", "apiVersion",
            "properties", "location", "resourceGroupName"} <= generic
    deployment = {_camel(p) for p in by_token["azure-native:resources:Deployment"]}
    assert {"properties", "deploymentName", "resourceGroupName", "location"} <= deployment
    assert "scope" in {_camel(p) for p in by_token["azure-native:resources:DeploymentAtScope"]}
    assert "groupId" in {_camel(p) for p in by_token["azure-native:resources:DeploymentAtManagementGroupScope"]}
    body = {_camel(p) for p in _params(INPUTS.DeploymentPropertiesArgs)}
    assert {"template", "parameters", "templateLink", "parametersLink", "expressionEvaluationOptions",
            "onErrorDeployment"} <= body
    stack = {_camel(p) for p in by_token["azure-native:resources:DeploymentStackAtSubscription"]}
    assert {"template", "parameters", "templateLink", "parametersLink", "deploymentScope"} <= stack
    parameter = {_camel(p) for p in _params(INPUTS.DeploymentParameterArgs)}
    assert {"value", "reference", "expression"} <= parameter


def test_package_imports_neither_pulumi_nor_the_sdk() -> None:
    code = ("import sys, sovereign_components.policies.arm_template as a; "
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('pulumi', 'pulumi_azure_native', 'pulumi_policy')); "
            "print(','.join(bad))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
