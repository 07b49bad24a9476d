"""Every template function the expander evaluates, by example, through the public ``expand``;
and how unknown values and ARM errors propagate (never a guess)."""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest
from arm_helpers import SUB, evaluate

from sovereign_components.policies.arm_template import KNOWN_FUNCTIONS
from sovereign_components.policies.arm_template.functions import RUNTIME_ONLY
from sovereign_components.policies.arm_template.parser import Call, Index, Member, Node, parse
from sovereign_components.policies.values import UNKNOWN

RG_ID = f"/subscriptions/{SUB}/resourceGroups/rg1"
OBJ = {"a": {"b": [10, 20]}, "name": "n"}

#: expression -> expected value (parameters: obj = OBJ, loc = "westeurope").
CASES: list[tuple[str, Any]] = [
    ("[concat('a', 'b', 1)]", "ab1"),
    ("[concat(createArray(1), createArray(2, 3))]", [1, 2, 3]),
    ("[format('{0}-{1:D3}', 'x', 7)]", "x-007"),
    ("[format('{{{0}}}', 'a')]", "{a}"),
    ("[format('{0,4}|{1,-3}|', 'ab', 'c')]", "  ab|c  |"),
    ("[toLower('AbC')]", "abc"),
    ("[toUpper('AbC')]", "ABC"),
    ("[replace('a-b-c', '-', '.')]", "a.b.c"),
    ("[string(1)]", "1"),
    ("[string(true)]", "True"),
    ("[string(createObject('a', 1))]", '{"a":1}'),
    ("[int('42')]", 42),
    ("[float('1.5')]", 1.5),
    ("[bool('TRUE')]", True),
    ("[bool(0)]", False),
    ("[if(equals(1, 1), 'y', 'n')]", "y"),
    ("[if(false(), 'y', 'n')]", "n"),
    ("[if(true, 'bare', 'no')]", "bare"),
    ("[equals('a', 'A')]", False),
    ("[equals(createObject('K', 1), createObject('k', 1))]", True),
    ("[not(true())]", False),
    ("[and(true(), false())]", False),
    ("[and(true(), true(), true())]", True),
    ("[or(false(), true())]", True),
    ("[empty('')]", True),
    ("[empty(createArray(1))]", False),
    ("[empty(null())]", True),
    ("[length('abc')]", 3),
    ("[length(createArray(1, 2))]", 2),
    ("[length(createObject('a', 1))]", 1),
    ("[createArray('a', 1)]", ["a", 1]),
    ("[createObject('k', 'v', 'n', 2)]", {"k": "v", "n": 2}),
    ("[union(createObject('a', createObject('x', 1)), createObject('a', createObject('y', 2)))]",
     {"a": {"x": 1, "y": 2}}),
    ("[union(createArray(1, 2), createArray(2, 3))]", [1, 2, 3]),
    ("[intersection(createArray(1, 2, 3), createArray(2, 3, 4))]", [2, 3]),
    ("[intersection(createObject('a', 1, 'b', 2), createObject('a', 1, 'b', 3))]", {"a": 1}),
    ("[first(createArray('x', 'y'))]", "x"),
    ("[first(createArray())]", None),
    ("[last('abc')]", "c"),
    ("[coalesce(null(), 'b')]", "b"),
    ("[coalesce(null(), null())]", None),
    ("[substring('abcdef', 1, 3)]", "bcd"),
    ("[substring('abcdef', 4)]", "ef"),
    ("[take('abcdef', 2)]", "ab"),
    ("[skip(createArray(1, 2, 3), 1)]", [2, 3]),
    ("[contains('abc', 'b')]", True),
    ("[contains('abc', 'B')]", False),
    ("[contains(createObject('Key', 1), 'key')]", True),
    ("[contains(createArray('a', 'b'), 'b')]", True),
    ("[indexOf('abcABC', 'B')]", 1),
    ("[indexOf(createArray('a', 'b'), 'b')]", 1),
    ("[lastIndexOf('abab', 'b')]", 3),
    ("[startsWith('Hello', 'he')]", True),
    ("[endsWith('Hello', 'LO')]", True),
    ("[split('a,b;c', createArray(',', ';'))]", ["a", "b", "c"]),
    ("[split('a-b', '-')]", ["a", "b"]),
    ("[join(createArray('a', 'b', 1), '-')]", "a-b-1"),
    ("[trim('  x ')]", "x"),
    ("[padLeft('7', 3, '0')]", "007"),
    ("[padLeft(7, 3)]", "  7"),
    ("[base64('hi')]", "aGk="),
    ("[base64ToString('aGk=')]", "hi"),
    ("[base64ToJson('eyJhIjoxfQ==')]", {"a": 1}),
    ("[dataUri('hi')]", "data:text/plain;charset=utf8;base64,aGk="),
    ("[dataUriToString(dataUri('hi'))]", "hi"),
    ("[uri('https://a.example/x/', 'y')]", "https://a.example/x/y"),
    ("[uriComponent('a b/c')]", "a%20b%2Fc"),
    ("[uriComponentToString('a%20b%2Fc')]", "a b/c"),
    ("[json('{\"a\": [1, 2]}')]", {"a": [1, 2]}),
    ("[json('null')]", None),
    ("[array('x')]", ["x"]),
    ("[array(createArray(1))]", [1]),
    ("[objectKeys(createObject('a', 1, 'b', 2))]", ["a", "b"]),
    ("[items(createObject('b', 2, 'a', 1))]", [{"key": "a", "value": 1}, {"key": "b", "value": 2}]),
    ("[shallowMerge(createArray(createObject('a', 1), createObject('b', 2)))]", {"a": 1, "b": 2}),
    ("[flatten(createArray(createArray(1), createArray(2)))]", [1, 2]),
    ("[tryGet(createObject('a', 1), 'b')]", None),
    ("[tryGet(parameters('obj'), 'a', 'b', 1)]", 20),
    ("[add(1, 2)]", 3),
    ("[sub(1, 2)]", -1),
    ("[mul(3, 4)]", 12),
    ("[div(-7, 2)]", -3),
    ("[mod(-7, 2)]", -1),
    ("[min(3, 1, 2)]", 1),
    ("[max(createArray(3, 9, 2))]", 9),
    ("[range(2, 3)]", [2, 3, 4]),
    ("[greater(2, 1)]", True),
    ("[greaterOrEquals(1, 1)]", True),
    ("[less('a', 'b')]", True),
    ("[lessOrEquals(2, 1)]", False),
    ("[true()]", True),
    ("[false()]", False),
    ("[null()]", None),
    ("[filter(createArray(1, 2, 3), lambda('x', greater(lambdaVariables('x'), 1)))]", [2, 3]),
    ("[map(createArray(1, 2), lambda('x', mul(lambdaVariables('x'), 10)))]", [10, 20]),
    ("[reduce(createArray(1, 2, 3), 0, lambda('c', 'n', add(lambdaVariables('c'), lambdaVariables('n'))))]", 6),
    ("[sort(createArray(3, 1, 2), lambda('a', 'b', less(lambdaVariables('a'), lambdaVariables('b'))))]", [1, 2, 3]),
    ("[toObject(createArray('a', 'b'), lambda('x', lambdaVariables('x')), lambda('x', toUpper(lambdaVariables('x'))))]",
     {"a": "A", "b": "B"}),
    ("[mapValues(createObject('a', 1), lambda('v', add(lambdaVariables('v'), 1)))]", {"a": 2}),
    ("[groupBy(createArray('ab', 'ac', 'b'), lambda('x', first(lambdaVariables('x'))))]",
     {"a": ["ab", "ac"], "b": ["b"]}),
    ("[cidrSubnet('10.0.0.0/16', 24, 2)]", "10.0.2.0/24"),
    ("[cidrHost('10.0.0.0/24', 0)]", "10.0.0.1"),
    ("[parseCidr('10.0.0.0/24').broadcast]", "10.0.0.255"),
    ("[parameters('obj').a.b[1]]", 20),
    ("[parameters('OBJ')['a'].b[0]]", 10),
    ("[parameters('obj').?missing]", None),
    ("[PARAMETERS('loc')]", "westeurope"),
    ("[variables('v1')]", "westeurope-x"),
    ("[resourceGroup().location]", "westeurope"),
    ("[resourceGroup().name]", "rg1"),
    ("[resourceGroup().id]", RG_ID),
    ("[subscription().subscriptionId]", SUB),
    ("[subscription().id]", f"/subscriptions/{SUB}"),
    ("[deployment().name]", "dep"),
    ("[environment().suffixes.storage]", "core.windows.net"),
    ("[resourceId('Microsoft.Storage/storageAccounts', 'st')]",
     f"{RG_ID}/providers/Microsoft.Storage/storageAccounts/st"),
    ("[resourceId('other-rg', 'Microsoft.Sql/servers/databases', 'srv', 'db')]",
     f"/subscriptions/{SUB}/resourceGroups/other-rg/providers/Microsoft.Sql/servers/srv/databases/db"),
    ("[resourceId('sub2', 'rg2', 'Microsoft.Web/sites', 'app')]",
     "/subscriptions/sub2/resourceGroups/rg2/providers/Microsoft.Web/sites/app"),
    ("[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'abc')]",
     f"/subscriptions/{SUB}/providers/Microsoft.Authorization/roleDefinitions/abc"),
    ("[tenantResourceId('Microsoft.Authorization/policyDefinitions', 'p')]",
     "/providers/Microsoft.Authorization/policyDefinitions/p"),
    ("[managementGroupResourceId('mg1', 'Microsoft.Authorization/policyDefinitions', 'p')]",
     "/providers/Microsoft.Management/managementGroups/mg1/providers/Microsoft.Authorization/policyDefinitions/p"),
    ("[extensionResourceId(resourceId('Microsoft.Storage/storageAccounts', 'st'), 'Microsoft.Insights/diagnosticSettings', 'd')]",
     f"{RG_ID}/providers/Microsoft.Storage/storageAccounts/st/providers/Microsoft.Insights/diagnosticSettings/d"),
    ("[[notAnExpression]", "[notAnExpression]"),
    ("[not an expression", "[not an expression"),
    ("plain", "plain"),
    ("[concat('it''s')]", "it's"),
    ("[tenant().tenantId]", UNKNOWN),
    ("[reference('x').outputs.y.value]", UNKNOWN),
    ("[listKeys('id', '2021-01-01').keys[0].value]", UNKNOWN),
    ("[utcNow()]", UNKNOWN),
    ("[newGuid()]", UNKNOWN),
    ("[pickZones('Microsoft.Compute', 'virtualMachines', 'westeurope')]", UNKNOWN),
    ("[noSuchFunction(1)]", UNKNOWN),
    ("[concat('a']", UNKNOWN),
    ("[substring('a', 5)]", UNKNOWN),
    ("[div(1, 0)]", UNKNOWN),
    ("[parameters('undeclared')]", UNKNOWN),
    ("[parameters('obj').missing]", UNKNOWN),
    ("[copyIndex()]", UNKNOWN),
    ("[lambda('x', 1)]", UNKNOWN),
]

PARAMS = {"obj": OBJ, "loc": "westeurope"}
VARIABLES = {"v1": "[concat(parameters('loc'), '-', variables('v0'))]", "v0": "x"}


@pytest.mark.parametrize(("expression", "expected"), CASES, ids=[c[0][:60] for c in CASES])
def test_function_value(expression: str, expected: Any) -> None:
    assert evaluate(expression, PARAMS, variables=VARIABLES) == expected


def _names(node: Node, out: set[str]) -> None:
    if isinstance(node, Call):
        out.add(node.name)
        for arg in node.args:
            _names(arg, out)
    elif isinstance(node, Member):
        _names(node.target, out)
    elif isinstance(node, Index):
        _names(node.target, out)
        _names(node.index, out)


#: Expressions the tests below evaluate (deterministic placeholders, scope-dependent functions).
OTHER_EXAMPLES = ["[uniqueString('a', resourceGroup().id)]", "[guid('x', 'y')]", "[managementGroup().type]"]


def test_every_known_function_has_an_example() -> None:
    used: set[str] = set()
    for expression in [c[0] for c in CASES] + OTHER_EXAMPLES:
        if expression.startswith("[") and expression.endswith("]") and not expression.startswith("[["):
            try:
                _names(parse(expression[1:-1]), used)
            except ValueError:
                pass
    missing = sorted(KNOWN_FUNCTIONS - used)
    assert not missing, f"functions without an example: {missing}"
    assert {"reference", "utcnow", "newguid"} <= RUNTIME_ONLY


def test_unique_string_and_guid_are_deterministic_placeholders() -> None:
    a1 = evaluate("[uniqueString('a', resourceGroup().id)]")
    a2 = evaluate("[uniqueString('a', resourceGroup().id)]")
    b = evaluate("[uniqueString('b', resourceGroup().id)]")
    assert a1 == a2 != b
    assert re.fullmatch(r"[a-z2-7]{13}", a1)
    g = evaluate("[guid('x', 'y')]")
    assert str(uuid.UUID(g)) == g == evaluate("[guid('x', 'y')]") != evaluate("[guid('x', 'z')]")


@pytest.mark.parametrize(("expression", "expected"), [
    ("[concat('x', parameters('u'))]", UNKNOWN),
    ("[equals(parameters('u'), 'a')]", UNKNOWN),
    ("[coalesce(parameters('u'), 'b')]", UNKNOWN),
    ("[toLower(parameters('u'))]", UNKNOWN),
    ("[parameters('u').anything[3]]", UNKNOWN),
    ("[resourceId('Microsoft.Web/sites', parameters('u'))]", UNKNOWN),
    ("[if(equals(parameters('u'), 'a'), 'eastus', 'westeurope')]", UNKNOWN),
    ("[if(equals(parameters('u'), 'a'), 'westeurope', 'westeurope')]", "westeurope"),
    ("[and(false(), parameters('u'))]", False),
    ("[and(true(), parameters('u'))]", UNKNOWN),
    ("[or(true(), parameters('u'))]", True),
    ("[or(false(), parameters('u'))]", UNKNOWN),
    ("[length(createArray(parameters('u'), 1))]", 2),
    ("[createArray(parameters('u'), 'x')]", [UNKNOWN, "x"]),
    ("[createObject('k', parameters('u'))]", {"k": UNKNOWN}),
    ("[contains(createArray(parameters('u'), 'x'), 'x')]", True),
    ("[contains(createArray(parameters('u'), 'x'), 'y')]", UNKNOWN),
    ("[string(createArray(parameters('u')))]", UNKNOWN),
    ("[union(parameters('u'), createObject('a', 1))]", UNKNOWN),
    ("[filter(parameters('u'), lambda('x', true()))]", UNKNOWN),
])
def test_unknown_propagates_never_guessed(expression: str, expected: Any) -> None:
    """A parameter computed from another resource's output (the preview sentinel) stays unknown
    through every function, except where the answer does not depend on it."""
    assert evaluate(expression, {"u": UNKNOWN}, declared={"u": {"type": "string"}}) == expected


def test_resource_group_location_unknown_without_caller_location() -> None:
    assert evaluate("[resourceGroup().location]", rg_location=None) == UNKNOWN
    assert evaluate("[concat(resourceGroup().location, '2')]", rg_location=None) == UNKNOWN


def test_placeholders_in_ids_when_subscription_and_group_are_unknown() -> None:
    from arm_helpers import deployment_props

    from sovereign_components.policies.arm_template import (
        RESOURCE_GROUP_PLACEHOLDER,
        SUBSCRIPTION_PLACEHOLDER,
        expand,
    )

    template = {"resources": [{"type": "T.P/x", "name": "t",
                               "properties": {"id": "[resourceId('Microsoft.Web/sites', 'app')]"}}]}
    props = deployment_props(template)
    props["resourceGroupName"] = UNKNOWN
    [vr] = expand("azure-native:resources:Deployment", props)
    assert vr.props["id"] == (f"/subscriptions/{SUBSCRIPTION_PLACEHOLDER}/resourceGroups/"
                              f"{RESOURCE_GROUP_PLACEHOLDER}/providers/Microsoft.Web/sites/app")


def test_scope_functions_follow_the_deployment_scope() -> None:
    sub_scope = "azure-native:resources:DeploymentAtSubscriptionScope"
    assert evaluate("[resourceGroup().location]", token=sub_scope) == UNKNOWN
    assert evaluate("[subscription().subscriptionId]", token=sub_scope) == SUB
    assert evaluate("[resourceId('Microsoft.Resources/resourceGroups', 'g')]", token=sub_scope) == \
        f"/subscriptions/{SUB}/providers/Microsoft.Resources/resourceGroups/g"
    mg_scope = "azure-native:resources:DeploymentAtManagementGroupScope"
    assert evaluate("[subscription().id]", token=mg_scope) == UNKNOWN
    assert evaluate("[managementGroup().type]", token=mg_scope) == "Microsoft.Management/managementGroups"


def test_user_defined_functions() -> None:
    functions = [{"namespace": "corp", "members": {
        "name": {"parameters": [{"name": "base", "type": "string"}],
                 "output": {"type": "string", "value": "[toLower(concat(parameters('base'), '-acct'))]"}},
        "readsvar": {"parameters": [], "output": {"type": "string", "value": "[variables('v0')]"}},
    }}]
    extra = {"functions": functions}
    assert evaluate("[corp.name('Data')]", template_extra=extra) == "data-acct"
    assert evaluate("[CORP.NAME('X')]", template_extra=extra) == "x-acct"
    assert evaluate("[corp.readsvar()]", variables={"v0": "x"}, template_extra=extra) == UNKNOWN
    assert evaluate("[corp.missing()]", template_extra=extra) == UNKNOWN
    assert evaluate("[corp.name()]", template_extra=extra) == UNKNOWN
