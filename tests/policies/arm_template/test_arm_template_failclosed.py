"""What the expander cannot evaluate fails closed with a reason that says how to fix it; what
would exhaust it is bounded (never a hang, never a RecursionError)."""

from __future__ import annotations

import sys
from typing import Any

import pytest
from arm_helpers import DEPLOYMENT, deployment_props, expand_template

from sovereign_components.policies.arm_template import Limits, Unevaluable, expand
from sovereign_components.policies.values import UNKNOWN

COSMOS = "Microsoft.DocumentDB/databaseAccounts"


def cosmos(**extra: Any) -> dict[str, Any]:
    return {"type": COSMOS, "name": "acct", "location": "eastus",
            "properties": {"publicNetworkAccess": "Enabled"}, **extra}


def fails(props: dict[str, Any], *, token: str = DEPLOYMENT, limits: Limits | None = None) -> Unevaluable:
    with pytest.raises(Unevaluable) as info:
        if limits is None:
            expand(token, props)
        else:
            expand(token, props, limits=limits)
    assert info.value.reason
    return info.value


def nested(props: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"type": "Microsoft.Resources/deployments", "name": "n", "properties": props, **extra}


@pytest.mark.parametrize("link", [
    {"templateLink": {"uri": "https://example.com/t.json"}},
    {"templateLink": {"id": "/subscriptions/s/resourceGroups/g/providers/Microsoft.Resources/templateSpecs/t/versions/1"}},
    {"templateLink": {"relativePath": "t.json"}},
    {"template_link": {"uri": "https://example.com/t.json"}},
])
def test_template_link_fails_closed_with_the_fix(link: dict[str, Any]) -> None:
    err = fails({"properties": {"mode": "Incremental", **link}})
    assert "inline the template" in err.reason and "allow it deliberately" in err.reason
    assert "templateLink" in err.path or "template_link" in err.path


def test_parameters_link_fails_closed_even_with_an_inline_template() -> None:
    props = deployment_props({"resources": []})
    props["properties"]["parametersLink"] = {"uri": "https://example.com/p.json"}
    assert "parametersLink" in fails(props).path


def test_on_error_deployment_fails_closed() -> None:
    props = deployment_props({"resources": []})
    props["properties"]["onErrorDeployment"] = {"type": "SpecificDeployment", "deploymentName": "old"}
    assert "onErrorDeployment" in fails(props).reason


@pytest.mark.parametrize("template", [UNKNOWN, None, 42, ["not", "an", "object"], "{not json", "[variables('t')]"])
def test_template_unknown_missing_or_unreadable(template: Any) -> None:
    fails(deployment_props(template))


def test_properties_unknown_or_missing() -> None:
    fails({"properties": UNKNOWN})
    fails({"deploymentName": "d"})


def test_nested_template_link_and_template_by_expression() -> None:
    assert "templateLink" in fails(deployment_props({"resources": [nested(
        {"mode": "Incremental", "templateLink": {"uri": "https://e.example/t.json"}})]})).reason
    fails(deployment_props({"variables": {"t": {"resources": [cosmos()]}},
                            "resources": [nested({"mode": "Incremental", "template": "[variables('t')]"})]}))
    fails(deployment_props({"variables": {"p": {"template": {"resources": [cosmos()]}}},
                            "resources": [nested("[variables('p')]")]}))


def test_nested_evaluation_scope_unknown() -> None:
    template = {"parameters": {"s": {"type": "string"}},
                "resources": [nested({"mode": "Incremental", "expressionEvaluationOptions": {"scope": "[parameters('s')]"},
                                      "template": {"resources": [cosmos()]}})]}
    props = deployment_props(template)
    props["properties"]["parameters"] = {"s": {"value": UNKNOWN}}
    assert "expressionEvaluationOptions" in fails(props).path


@pytest.mark.parametrize("resource", [
    {"type": "[parameters('t')]", "name": "x"},
    {"type": UNKNOWN, "name": "x"},
    {"type": "", "name": "x"},
    {"type": 7, "name": "x"},
    {"name": "no-type"},
    {"type": COSMOS, "name": "x", "copy": {"name": "l", "count": "[parameters('t')]"}},
    {"type": COSMOS, "name": "x", "copy": {"name": "l", "count": "[reference('r').n]"}},
    {"type": COSMOS, "name": "x", "copy": {"name": "l", "count": "two"}},
    {"type": COSMOS, "name": "x", "copy": {"name": "l", "count": 801}},
    {"type": COSMOS, "name": "x", "copy": {"name": "l", "count": -1}},
    {"type": COSMOS, "name": "x", "copy": "[parameters('t')]"},
    {"type": COSMOS, "name": "x", "existing": "[parameters('t')]"},
    {"type": COSMOS, "name": "x", "properties": "[parameters('t')]"},
    {"type": COSMOS, "name": "x", "properties": "[reference('other').properties]"},
    {"type": COSMOS, "name": "x", "properties": {}, "Properties": {"publicNetworkAccess": "Enabled"}},
    {"type": COSMOS, "name": "x", "properties": {"publicNetworkAccess": "Disabled", "PublicNetworkAccess": "Enabled"}},
    "not an object",
])
def test_what_decides_what_is_deployed_fails_closed(resource: Any) -> None:
    template = {"parameters": {"t": {"type": "string"}}, "resources": [resource]}
    props = deployment_props(template)
    props["properties"]["parameters"] = {"t": {"value": UNKNOWN}}
    err = fails(props)
    assert err.path.startswith("template.resources[0]")


def test_unknown_copy_count_under_a_false_condition_is_skipped() -> None:
    template = {"parameters": {"t": {"type": "int"}},
                "resources": [{**cosmos(), "condition": False, "copy": {"name": "l", "count": "[parameters('t')]"}}]}
    props = deployment_props(template)
    props["properties"]["parameters"] = {"t": {"value": UNKNOWN}}
    assert expand(DEPLOYMENT, props) == []


def test_resources_unknown_or_malformed() -> None:
    fails(deployment_props({"resources": UNKNOWN}))
    fails(deployment_props({"resources": "x"}))
    fails(deployment_props({"resources": [{**cosmos(), "resources": "x"}]}))
    fails(deployment_props({"resources": [], "Resources": [cosmos()]}))


def test_nesting_depth_limit() -> None:
    template: dict[str, Any] = {"resources": [cosmos()]}
    for _ in range(12):
        template = {"resources": [nested({"mode": "Incremental", "template": template})]}
    assert "nested more than" in fails(deployment_props(template)).reason


def test_resource_count_limit_per_template() -> None:
    template = {"resources": [{**cosmos(), "name": "[string(copyIndex())]", "copy": {"name": "l", "count": 500}},
                              {**cosmos(), "name": "[string(copyIndex())]", "copy": {"name": "m", "count": 500}}]}
    assert "800" in fails(deployment_props(template)).reason


def test_total_resource_limit_across_nested_templates() -> None:
    inner = {"resources": [{**cosmos(), "name": "[string(copyIndex())]", "copy": {"name": "l", "count": 100}}]}
    template = {"resources": [{**nested({"mode": "Incremental", "template": inner}), "name": "[string(copyIndex())]",
                               "copy": {"name": "d", "count": 10}}]}
    assert len(expand(DEPLOYMENT, deployment_props(template))) == 1010
    fails(deployment_props(template), limits=Limits(max_total_resources=500))


def test_exponential_values_are_bounded() -> None:
    """Each variable doubles the last: 2**40 elements if copied naively."""
    variables = {"v0": ["x", "y"]}
    for i in range(1, 41):
        variables[f"v{i}"] = [f"[variables('v{i - 1}')]", f"[variables('v{i - 1}')]"]
    template = {"variables": variables,
                "resources": [{**cosmos(), "properties": {"big": "[variables('v40')]", "s": "[string(variables('v40'))]"}}]}
    try:
        [vr] = expand(DEPLOYMENT, deployment_props(template))
    except Unevaluable as err:
        assert "steps" in err.reason or "values" in err.reason
    else:
        assert vr.props["s"] == UNKNOWN


def test_exponential_strings_are_bounded() -> None:
    variables = {"s0": "abcdefghij"}
    for i in range(1, 40):
        variables[f"s{i}"] = f"[concat(variables('s{i - 1}'), variables('s{i - 1}'))]"
    template = {"variables": variables, "resources": [{**cosmos(), "properties": {"s": "[variables('s39')]"}}]}
    [vr] = expand(DEPLOYMENT, deployment_props(template))
    assert vr.props["s"] == UNKNOWN


def test_step_budget() -> None:
    template = {"resources": [{**cosmos(), "name": "[string(copyIndex())]", "copy": {"name": "l", "count": 800},
                               "properties": {"r": "[map(range(0, 1000), lambda('i', string(lambdaVariables('i'))))]"}}]}
    assert "steps" in fails(deployment_props(template), limits=Limits(max_steps=100_000)).reason


def test_deep_expressions_and_values_never_raise_recursion_errors() -> None:
    deep_expression = "[" + "concat(" * 2000 + "'x'" + ")" * 2000 + "]"
    [vr] = expand_template({"resources": [{**cosmos(), "properties": {"e": deep_expression}}]})
    assert vr.props["e"] == UNKNOWN
    long_expression = "[concat(" + ",".join(["'a'"] * 10_000) + ")]"
    assert expand_template({"resources": [{**cosmos(), "properties": {"e": long_expression}}]})[0].props["e"] == UNKNOWN
    value: Any = "leaf"
    for _ in range(3000):
        value = {"k": value}
    with pytest.raises(Unevaluable):
        expand_template({"resources": [{**cosmos(), "properties": {"deep": value}}]})
    children: Any = cosmos()
    for _ in range(400):
        children = {**cosmos(), "type": "queues", "resources": [children]}
    with pytest.raises(Unevaluable):
        expand_template({"resources": [{**cosmos(), "resources": [children]}]})
    deep_json = "[json('" + "[" * 5000 + "]" * 5000 + "')]"
    assert expand_template({"resources": [{**cosmos(), "properties": {"j": deep_json}}]})[0].props["j"] == UNKNOWN


def test_deep_evaluation_with_little_stack_left() -> None:
    """The pack may call expand deep in its own stack: a bounded template still evaluates or
    fails closed, never with a RecursionError."""
    chain = {f"v{i}": f"[createArray(createArray(createArray(variables('v{i + 1}'))))]" for i in range(40)}
    chain["v40"] = "end"
    template = {"variables": chain, "resources": [{**cosmos(), "properties": {"c": "[variables('v0')]"}}]}

    def recurse(n: int) -> Any:
        if n == 0:
            return expand(DEPLOYMENT, deployment_props(template))
        return recurse(n - 1)

    depth = sys.getrecursionlimit() - 250
    try:
        out = recurse(depth)
    except Unevaluable:
        return
    assert out[0].props["c"] in (UNKNOWN,) or isinstance(out[0].props["c"], list)


def test_oversized_json_template_text() -> None:
    fails(deployment_props("{" + " " * (4 * 1024 * 1024 + 1) + "}"))


def test_unevaluable_message_names_the_path() -> None:
    err = fails(deployment_props({"resources": [cosmos(), {"type": UNKNOWN, "name": "x"}]}))
    assert err.path == "template.resources[1].type"
    assert str(err).startswith("template.resources[1].type: ")
