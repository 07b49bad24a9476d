"""Property-based: random expressions, random templates and random inputs never make the expander
raise anything but ``Unevaluable``; what it returns is plain JSON (unknowns as the preview
sentinel, never an internal object) and the same every time."""

from __future__ import annotations

import json
from typing import Any

from arm_helpers import SUB
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sovereign_components.policies.arm_template import (
    ESCAPE_HATCHES,
    KNOWN_FUNCTIONS,
    SCOPES,
    Unevaluable,
    VirtualResource,
    expand,
)
from sovereign_components.policies.values import UNKNOWN

FUZZ = settings(max_examples=150, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

FUNCTION_NAMES = sorted(KNOWN_FUNCTIONS) + ["reference", "listKeys", "utcNow", "noSuch", "ns.fn", "lambda"]
WORDS = ["a", "x", "loc", "name", "regions", "n", "flag", "location", "id", "l", "eastus", "westeurope",
         "Microsoft.Storage/storageAccounts", "Microsoft.Sql/servers/databases", "", "{0}", "a/b", "[x]"]


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


literals = st.one_of(
    st.integers(-3, 900).map(str),
    st.sampled_from(WORDS).map(_quote),
    st.text(alphabet="ab'[]{}(),.?/ 0", max_size=6).map(_quote),
    st.sampled_from(["true", "false", "null"]),
)


def _compose(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    call = st.builds(lambda name, args: f"{name}({', '.join(args)})", st.sampled_from(FUNCTION_NAMES),
                     st.lists(children, max_size=4))
    member = st.builds(lambda t, m, safe: f"{t}.{'?' if safe else ''}{m}", children,
                       st.sampled_from(["a", "location", "name", "id", "outputs", "x"]), st.booleans())
    index = st.builds(lambda t, i: f"{t}[{i}]", children, children)
    lam = st.builds(lambda name, body: f"lambda('v', {body})", st.just("v"), children)
    return st.one_of(call, member, index, lam)


expressions = st.recursive(literals, _compose, max_leaves=12)
expression_strings = st.one_of(
    expressions.map(lambda e: f"[{e}]"),
    st.text(alphabet="[]()',.abcx0 ?{}-", max_size=30),
    st.sampled_from(["[parameters('loc')]", "[variables('v')]", "[copyIndex()]", "[resourceGroup().location]",
                     "[parameters('regions')[copyIndex()]]", "[[literal]", UNKNOWN]),
)

json_leaves = st.one_of(st.none(), st.booleans(), st.integers(-5, 900), st.floats(allow_nan=False, allow_infinity=False),
                        expression_strings)
json_values = st.recursive(
    json_leaves,
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(st.sampled_from(["copy", "name", "count", "input", "location", "a",
                                                                "Properties", "publicNetworkAccess", "value", "tags",
                                                                "[parameters('loc')]", "[parameters('u')]", "[[x]",
                                                                "[concat('a', 'b')]", "[bad"]),
                                               children, max_size=4)),
    max_leaves=20,
)

TYPES = ["Microsoft.DocumentDB/databaseAccounts", "Microsoft.Storage/storageAccounts", "queues",
         "Microsoft.Resources/deployments", "Microsoft.Resources/resourceGroups",
         "Microsoft.Resources/deploymentStacks", "[parameters('t')]", "[concat('Microsoft.Web', '/sites')]"]


def _resources(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.builds(_resource, st.sampled_from(TYPES), expression_strings, json_values, json_values, children,
                     st.one_of(st.none(), json_values, st.fixed_dictionaries({"name": st.just("l"),
                                                                            "count": st.one_of(st.integers(-1, 4), expression_strings)})),
                     st.one_of(st.none(), json_values), st.booleans())


def _resource(rtype: str, name: str, location: Any, properties: Any, children: Any, copy: Any,
              condition: Any, as_deployment: bool) -> dict[str, Any]:
    resource: dict[str, Any] = {"type": rtype, "name": name, "location": location, "properties": properties}
    if copy is not None:
        resource["copy"] = copy
    if condition is not None:
        resource["condition"] = condition
    if as_deployment:
        resource["type"] = "Microsoft.Resources/deployments"
        resource["properties"] = {"mode": "Incremental", "template": {"resources": children},
                                  "expressionEvaluationOptions": {"scope": "inner" if condition else "outer"},
                                  "parameters": {"t": {"value": name}}}
    elif isinstance(children, list):
        resource["resources"] = children
    return resource


resource_lists = st.recursive(st.just([]), lambda children: st.lists(_resources(children), max_size=3), max_leaves=6)

templates = st.builds(
    lambda resources, variables, symbolic: {
        "parameters": {"t": {"type": "string", "defaultValue": "Microsoft.Storage/storageAccounts"},
                       "loc": {"type": "string", "defaultValue": "[resourceGroup().location]"},
                       "regions": {"type": "array", "defaultValue": ["westeurope", "eastus"]},
                       "n": {"type": "int", "defaultValue": 2},
                       "u": {"type": "string", "defaultValue": "[reference('r').x]"}},
        "variables": variables,
        "languageVersion": "2.0" if symbolic else "1.0",
        "resources": {f"r{i}": r for i, r in enumerate(resources)} if symbolic else resources,
    },
    resource_lists,
    st.dictionaries(st.sampled_from(["v", "w", "copy", "name"]), json_values, max_size=3),
    st.booleans(),
)


def _check(out: list[VirtualResource]) -> None:
    assert isinstance(out, list)
    for vr in out:
        assert isinstance(vr, VirtualResource)
        assert isinstance(vr.arm_type, str) and vr.arm_type
        assert vr.scope in SCOPES
        assert vr.location is None or isinstance(vr.location, str)
        assert vr.name is None or isinstance(vr.name, str)
        json.dumps(vr.props)  # plain JSON: no internal unknowns, no sets, no cycles


def _expand(token: str, props: dict[str, Any]) -> list[VirtualResource] | None:
    try:
        out = expand(token, props, resource_group_location="westeurope", subscription_id=SUB)
    except Unevaluable as err:
        assert isinstance(err.reason, str) and err.reason
        assert isinstance(err.path, str)
        return None
    _check(out)
    return out


@FUZZ
@given(expression_strings)
def test_random_expressions_never_raise(expression: str) -> None:
    template = {"parameters": {"loc": {"type": "string", "defaultValue": "westeurope"},
                               "regions": {"type": "array", "defaultValue": ["a", "b"]},
                               "u": {"type": "string", "defaultValue": "[reference('r').x]"}},
                "variables": {"v": "[parameters('loc')]"},
                "resources": [{"type": "T.P/x", "name": "x", "location": expression,
                               "properties": {"e": expression, "copy": [{"name": "c", "count": 2, "input": expression}]},
                               "copy": {"name": "l", "count": 2}}]}
    _expand("azure-native:resources:Deployment", {"resourceGroupName": "rg",
                                                  "properties": {"mode": "Incremental", "template": template}})


@FUZZ
@given(templates, st.sampled_from(sorted(t for t, (k, _) in ESCAPE_HATCHES.items() if k != "resource")))
def test_random_templates_never_raise_and_are_deterministic(template: dict[str, Any], token: str) -> None:
    props = {"resourceGroupName": "rg", "deploymentName": "d", "scope": "/subscriptions/s",
             "properties": {"mode": "Incremental", "template": template},
             "template": template, "actionOnUnmanage": {}, "denySettings": {}}
    first = _expand(token, props)
    assert first == _expand(token, props)


@FUZZ
@given(st.sampled_from(sorted(ESCAPE_HATCHES)), st.dictionaries(
    st.sampled_from(["properties", "template", "parameters", "templateLink", "resourceProviderNamespace",
                     "resourceType", "resourceName", "parentResourcePath", "location", "scope",
                     "resourceGroupName", "deploymentScope"]),
    json_values, max_size=8))
def test_random_inputs_never_raise(token: str, props: dict[str, Any]) -> None:
    _expand(token, props)
