"""Template constructs, expanded: parameters and variables, copy loops, conditions, child
resources, nested deployments (inner/outer, two levels), symbolic names, property/variable
copies, scopes, stacks, JSON-string templates, and the shape of ``props``."""

from __future__ import annotations

import json
from typing import Any

import pytest
from arm_helpers import DEPLOYMENT, SUB, by_type, deployment_props, expand_template

from sovereign_components.policies.arm_template import (
    ESCAPE_HATCHES,
    VirtualResource,
    expand,
    is_escape_hatch,
)
from sovereign_components.policies.values import UNKNOWN

COSMOS = "Microsoft.DocumentDB/databaseAccounts"
STORAGE = "Microsoft.Storage/storageAccounts"


def cosmos(location: str = "[parameters('loc')]", **properties: Any) -> dict[str, Any]:
    return {"type": COSMOS, "apiVersion": "2024-05-15", "name": "acct", "location": location,
            "kind": "GlobalDocumentDB",
            "properties": {"databaseAccountOfferType": "Standard", **properties}}


def test_parameters_supplied_win_over_defaults_and_names_ignore_case() -> None:
    template = {"parameters": {"Loc": {"type": "string", "defaultValue": "westeurope"}},
                "resources": [cosmos("[parameters('LOC')]")]}
    [default] = expand_template(template)
    [supplied] = expand_template(template, {"loc": "eastus"})
    assert default.location == "westeurope"
    assert supplied.location == "eastus" and supplied.props["location"] == "eastus"


def test_default_from_resource_group_location() -> None:
    template = {"parameters": {"loc": {"type": "string", "defaultValue": "[resourceGroup().location]"}},
                "resources": [cosmos()]}
    assert expand_template(template, rg_location="northeurope")[0].location == "northeurope"
    assert expand_template(template, rg_location=None)[0].location == UNKNOWN


def test_variables_chain_through_parameters_and_variables() -> None:
    template = {
        "parameters": {"region": {"type": "string"}},
        "variables": {"where": "[variables('chosen')]", "chosen": "[toLower(parameters('region'))]",
                      "props": {"publicNetworkAccess": "[if(equals(variables('where'), 'eastus'), 'Enabled', 'Disabled')]"}},
        "resources": [{"type": COSMOS, "name": "acct", "location": "[variables('where')]",
                       "properties": "[variables('props')]"}],
    }
    [vr] = expand_template(template, {"region": "EastUS"})
    assert vr.location == "eastus"
    assert vr.props["publicNetworkAccess"] == "Enabled"


def test_circular_variables_are_unknown_not_a_crash() -> None:
    template = {"variables": {"a": "[variables('b')]", "b": "[variables('a')]"},
                "resources": [cosmos("[variables('a')]")]}
    assert expand_template(template)[0].location == UNKNOWN


def test_copy_loop_one_resource_per_iteration() -> None:
    template = {
        "parameters": {"regions": {"type": "array"}},
        "resources": [{
            "type": STORAGE, "apiVersion": "2023-01-01",
            "name": "[concat('st', copyIndex(1))]",
            "location": "[parameters('regions')[copyIndex()]]",
            "copy": {"name": "accounts", "count": "[length(parameters('regions'))]"},
            "properties": {"index": "[copyIndex('accounts')]"},
        }],
    }
    out = expand_template(template, {"regions": ["westeurope", "eastus", "northeurope"]})
    assert [(r.name, r.location, r.props["index"]) for r in out] == [
        ("st1", "westeurope", 0), ("st2", "eastus", 1), ("st3", "northeurope", 2)]
    assert [r.path for r in out] == [f"template.resources[0].copy[{i}]" for i in range(3)]


def test_copy_count_from_pulumi_float_and_zero() -> None:
    template = {"parameters": {"n": {"type": "int"}},
                "resources": [{"type": STORAGE, "name": "[format('s{0}', copyIndex())]", "location": "eastus",
                               "copy": {"name": "l", "count": "[parameters('n')]"}}]}
    assert len(expand_template(template, {"n": 2.0})) == 2  # the wire carries numbers as floats
    assert expand_template(template, {"n": 0}) == []


def test_condition_false_skips_true_and_unknown_deploy() -> None:
    template = {
        "parameters": {"flag": {"type": "bool"}, "u": {"type": "string"}},
        "resources": [
            {**cosmos("eastus"), "name": "off", "condition": "[parameters('flag')]"},
            {**cosmos("eastus"), "name": "on", "condition": "[not(parameters('flag'))]"},
            {**cosmos("eastus"), "name": "maybe", "condition": "[equals(parameters('u'), 'x')]"},
            {**cosmos("eastus"), "name": "ref", "condition": "[equals(reference('x').y, 1)]"},
        ],
    }
    out = expand_template(template, {"flag": False, "u": UNKNOWN})
    names = [r.name for r in out]
    assert names == ["on", "maybe", "ref"] and "off" not in names
    assert any("judged as deployed" in n for n in out[1].notes)


def test_condition_per_copy_iteration() -> None:
    template = {"resources": [{"type": STORAGE, "name": "[format('s{0}', copyIndex())]", "location": "eastus",
                               "condition": "[equals(mod(copyIndex(), 2), 0)]",
                               "copy": {"name": "l", "count": 4}}]}
    assert [r.name for r in expand_template(template)] == ["s0", "s2"]


def test_child_resources_join_type_and_name() -> None:
    template = {"resources": [{
        "type": "Microsoft.ServiceBus/namespaces", "name": "ns", "location": "westeurope",
        "resources": [
            {"type": "queues", "name": "q1", "properties": {"forwardTo": "other"}},
            {"type": "Microsoft.ServiceBus/namespaces/topics", "name": "ns/t1"},
            {"type": "queues", "name": "q2", "resources": [{"type": "authorizationRules", "name": "r"}]},
        ],
    }]}
    out = expand_template(template)
    assert [(r.arm_type, r.name, r.path) for r in out] == [
        ("Microsoft.ServiceBus/namespaces", "ns", "template.resources[0]"),
        ("Microsoft.ServiceBus/namespaces/queues", "ns/q1", "template.resources[0].resources[0]"),
        ("Microsoft.ServiceBus/namespaces/topics", "ns/t1", "template.resources[0].resources[1]"),
        ("Microsoft.ServiceBus/namespaces/queues", "ns/q2", "template.resources[0].resources[2]"),
        ("Microsoft.ServiceBus/namespaces/queues/authorizationRules", "ns/q2/r",
         "template.resources[0].resources[2].resources[0]"),
    ]
    assert out[1].props["forwardTo"] == "other"


def nested(template: dict[str, Any], *, scope: str | None = "inner", parameters: dict[str, Any] | None = None,
           name: str = "nested", **extra: Any) -> dict[str, Any]:
    props: dict[str, Any] = {"mode": "Incremental", "template": template}
    if scope is not None:
        props["expressionEvaluationOptions"] = {"scope": scope}
    if parameters is not None:
        props["parameters"] = parameters
    return {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": name,
            "properties": props, **extra}


def test_nested_deployment_two_levels_inner_scope() -> None:
    level2 = {"parameters": {"where": {"type": "string"}},
              "resources": [cosmos("[parameters('where')]", publicNetworkAccess="Enabled")]}
    level1 = {"parameters": {"loc": {"type": "string"}},
              "resources": [nested(level2, parameters={"where": {"value": "[parameters('loc')]"}}, name="l2")]}
    template = {"parameters": {"target": {"type": "string"}},
                "resources": [nested(level1, parameters={"loc": {"value": "[parameters('target')]"}}, name="l1")]}
    out = expand_template(template, {"target": "eastus"})
    assert [r.arm_type for r in out] == ["Microsoft.Resources/deployments"] * 2 + [COSMOS]
    account = out[-1]
    assert account.path == ("template.resources[0].properties.template.resources[0]"
                            ".properties.template.resources[0]")
    assert account.location == "eastus" and account.props["publicNetworkAccess"] == "Enabled"
    deployment = out[0]
    assert "template" not in deployment.props and "parameters" not in deployment.props
    assert any("follow" in n for n in deployment.notes)


def test_nested_outer_scope_reads_the_parents_parameters() -> None:
    inner_template = {"parameters": {"loc": {"type": "string", "defaultValue": "westeurope"}},
                      "variables": {"v": "ignored"},
                      "resources": [cosmos("[parameters('loc')]")]}
    template = {"parameters": {"loc": {"type": "string"}},
                "resources": [nested(inner_template, scope=None)]}
    out = expand_template(template, {"loc": "eastus"})
    assert out[-1].location == "eastus"  # outer (the default): the parent's 'loc', not the nested default
    template["resources"] = [nested(inner_template, scope="outer")]
    assert expand_template(template, {"loc": "eastus"})[-1].location == "eastus"


def test_nested_into_another_resource_group_has_unknown_group_location() -> None:
    inner = {"resources": [cosmos("[resourceGroup().location]")]}
    template = {"resources": [
        nested(inner, resourceGroup="other-rg"),
        nested(inner, name="same", resourceGroup="[resourceGroup().name]"),
        nested(inner, name="outer", scope="outer", resourceGroup="other-rg"),
    ]}
    out = by_type(expand_template(template, rg_location="westeurope"), COSMOS)
    assert [r.location for r in out] == [UNKNOWN, "westeurope", "westeurope"]


def test_subscription_deployment_creates_group_then_deploys_into_it() -> None:
    """The usual subscription-scope shape: a resource group, then a nested deployment into it;
    the inner template's resourceGroup().location is the group's."""
    inner = {"resources": [cosmos("[resourceGroup().location]", publicNetworkAccess="Enabled")]}
    template = {
        "$schema": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#",
        "parameters": {"rgLocation": {"type": "string"}},
        "resources": [
            {"type": "Microsoft.Resources/resourceGroups", "apiVersion": "2022-09-01", "name": "data-rg",
             "location": "[parameters('rgLocation')]"},
            nested(inner, resourceGroup="data-rg", dependsOn=["data-rg"]),
        ],
    }
    out = expand_template(template, {"rgLocation": "eastus"},
                          token="azure-native:resources:DeploymentAtSubscriptionScope")
    group, deployment, account = out
    assert (group.arm_type, group.location, group.scope) == ("Microsoft.Resources/resourceGroups", "eastus",
                                                              "subscription")
    assert deployment.scope == "subscription"
    assert (account.location, account.scope) == ("eastus", "resourceGroup")


def test_symbolic_names_and_existing_resources() -> None:
    template = {
        "languageVersion": "2.0",
        "parameters": {"loc": {"type": "string"}},
        "resources": {
            "kv": {"existing": True, "type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01", "name": "kv"},
            "acct": cosmos(),
            "st": {"type": STORAGE, "apiVersion": "2023-01-01", "name": "st", "location": "eastus",
                   "dependsOn": ["acct"], "properties": {"publicNetworkAccess": "Enabled"}},
        },
    }
    out = expand_template(template, {"loc": "eastus"})
    assert [(r.arm_type, r.path) for r in out] == [(COSMOS, "template.resources['acct']"),
                                                   (STORAGE, "template.resources['st']")]


def test_property_and_variable_copies() -> None:
    template = {
        "parameters": {"regions": {"type": "array"}},
        "variables": {"copy": [{"name": "locs", "count": "[length(parameters('regions'))]",
                                "input": {"locationName": "[parameters('regions')[copyIndex('locs')]]",
                                          "failoverPriority": "[copyIndex('locs')]"}}]},
        "resources": [{
            "type": COSMOS, "name": "acct", "location": "westeurope",
            "properties": {
                "locations": "[variables('locs')]",
                "copy": [{"name": "ipRules", "count": 2,
                          "input": {"ipAddressOrRange": "[format('10.0.{0}.0/24', copyIndex('ipRules'))]"}}],
            },
        }],
    }
    [vr] = expand_template(template, {"regions": ["westeurope", "eastus"]})
    assert vr.props["locations"] == [{"locationName": "westeurope", "failoverPriority": 0},
                                     {"locationName": "eastus", "failoverPriority": 1}]
    assert vr.props["ipRules"] == [{"ipAddressOrRange": "10.0.0.0/24"}, {"ipAddressOrRange": "10.0.1.0/24"}]
    assert "copy" not in vr.props


def test_property_copy_with_unknown_count_is_an_unknown_property() -> None:
    template = {"parameters": {"n": {"type": "int"}},
                "resources": [{"type": COSMOS, "name": "acct", "location": "westeurope",
                               "properties": {"copy": [{"name": "locations", "count": "[parameters('n')]",
                                                        "input": {"locationName": "eastus"}}]}}]}
    [vr] = expand_template(template, {"n": UNKNOWN})
    assert vr.props["locations"] == UNKNOWN


def test_props_shape_flattened_with_clashes_and_case() -> None:
    template = {"resources": [{
        "Type": COSMOS, "Name": "acct", "Location": "westeurope", "kind": "GlobalDocumentDB",
        "sku": {"name": "S"}, "tags": {"env": "prod"}, "identity": {"type": "SystemAssigned"},
        "zones": ["1"], "comments": "not deployed", "dependsOn": ["x"],
        "Properties": {"PublicNetworkAccess": "Enabled", "location": "eastus", "kind": "other"},
    }]}
    [vr] = expand_template(template)
    assert vr.arm_type == COSMOS and vr.name == "acct" and vr.location == "westeurope"
    assert vr.props["publicNetworkAccess"] == "Enabled" == vr.props["PublicNetworkAccess"]
    assert vr.props["properties"] == {"location": "eastus", "kind": "other"}
    assert vr.props["kind"] == "GlobalDocumentDB" and vr.props["location"] == "westeurope"
    for key in ("sku", "tags", "identity", "zones", "name"):
        assert key in vr.props
    for key in ("comments", "dependsOn", "type", "apiVersion", "Type"):
        assert key not in vr.props
    assert any("clash" in n for n in vr.notes)
    json.dumps(vr.props)


def test_resource_values_from_preview_outputs_are_unknown() -> None:
    template = {"resources": [{"type": COSMOS, "name": UNKNOWN, "location": UNKNOWN,
                               "properties": {"publicNetworkAccess": UNKNOWN}}]}
    [vr] = expand_template(template)
    assert vr.name is None and vr.location == UNKNOWN and vr.props["publicNetworkAccess"] == UNKNOWN


def test_secret_parameter_is_unwrapped() -> None:
    template = {"parameters": {"loc": {"type": "securestring"}}, "resources": [cosmos()]}
    secret = {"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", "value": "eastus"}
    props = deployment_props(template)
    props["properties"]["parameters"] = {"loc": {"value": secret}}
    assert expand(DEPLOYMENT, props)[0].location == "eastus"


def test_supplied_values_are_data_not_expressions() -> None:
    template = {"parameters": {"loc": {"type": "string"}}, "resources": [cosmos()]}
    assert expand_template(template, {"loc": "[concat('east', 'us')]"})[0].location == UNKNOWN
    props = deployment_props(template)
    props["properties"]["parameters"] = {"loc": {"reference": {"keyVault": {"id": "/x"}, "secretName": "s"}}}
    assert expand(DEPLOYMENT, props)[0].location == UNKNOWN


def test_unknown_parameters_object_makes_every_parameter_unknown() -> None:
    template = {"parameters": {"loc": {"type": "string", "defaultValue": "westeurope"}}, "resources": [cosmos()]}
    props = deployment_props(template)
    props["properties"]["parameters"] = UNKNOWN
    assert expand(DEPLOYMENT, props)[0].location == UNKNOWN


def test_template_and_parameters_as_json_strings_with_comments() -> None:
    text = """{
      // a comment ARM accepts
      "parameters": {"loc": {"type": "string"}},
      /* block */ "resources": [{"type": "Microsoft.DocumentDB/databaseAccounts", "name": "a",
                                 "location": "[parameters('loc')]"}]
    }"""
    props = deployment_props(text)
    props["properties"]["parameters"] = json.dumps({
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
        "contentVersion": "1.0.0.0", "parameters": {"loc": {"value": "eastus"}}})
    assert expand(DEPLOYMENT, props)[0].location == "eastus"


@pytest.mark.parametrize("token", sorted(ESCAPE_HATCHES))
def test_every_spelling_of_every_escape_hatch_token(token: str) -> None:
    module, cls = token.split(":")[1:]
    for spelling in (token, f"azure-native:{module}/v20240301:{cls}", f"azure-native:{module}/v20220801preview:{cls}"):
        assert is_escape_hatch(spelling)
    assert not is_escape_hatch(f"azure-native:{module}:{cls}Other")


def test_not_an_escape_hatch_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        expand("azure-native:storage:StorageAccount", {})


@pytest.mark.parametrize(("token", "extra", "scope"), [
    ("azure-native:resources:Deployment", {}, "resourceGroup"),
    ("azure-native:resources/v20240301:Deployment", {}, "resourceGroup"),
    ("azure-native:resources:DeploymentAtSubscriptionScope", {}, "subscription"),
    ("azure-native:resources:DeploymentAtManagementGroupScope", {"groupId": "mg"}, "managementGroup"),
    ("azure-native:resources:DeploymentAtTenantScope", {}, "tenant"),
    ("azure-native:resources:DeploymentAtScope", {"scope": "/subscriptions/s/resourceGroups/g"}, "resourceGroup"),
    ("azure-native:resources:DeploymentAtScope", {"scope": "/subscriptions/s"}, "subscription"),
    ("azure-native:resources:DeploymentAtScope",
     {"scope": "/providers/Microsoft.Management/managementGroups/m"}, "managementGroup"),
    ("azure-native:resources:DeploymentAtScope", {"scope": "/"}, "tenant"),
])
def test_deployment_tokens_and_scopes(token: str, extra: dict[str, Any], scope: str) -> None:
    props = deployment_props({"resources": [cosmos("eastus")]})
    props.update(extra)
    [vr] = expand(token, props)
    assert (vr.arm_type, vr.location, vr.scope) == (COSMOS, "eastus", scope)


def test_deployment_at_unknown_scope_takes_the_templates_schema() -> None:
    template = {"$schema": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#",
                "resources": [{"type": "Microsoft.Resources/resourceGroups", "name": "g", "location": "eastus"}]}
    props = deployment_props(template)
    props["scope"] = UNKNOWN
    [vr] = expand("azure-native:resources:DeploymentAtScope", props)
    assert vr.scope == "subscription"


@pytest.mark.parametrize(("token", "extra", "scope"), [
    ("azure-native:resources:DeploymentStackAtResourceGroup", {"resourceGroupName": "g"}, "resourceGroup"),
    ("azure-native:resources:DeploymentStackAtSubscription", {}, "subscription"),
    ("azure-native:resources:DeploymentStackAtSubscription", {"deploymentScope": "/subscriptions/s/resourceGroups/g"},
     "resourceGroup"),
    ("azure-native:resources:DeploymentStackAtManagementGroup", {"managementGroupId": "m"}, "managementGroup"),
])
def test_deployment_stacks_expand_their_top_level_template(token: str, extra: dict[str, Any], scope: str) -> None:
    props = {"actionOnUnmanage": {"resources": "detach"}, "denySettings": {"mode": "none"},
             "template": {"parameters": {"loc": {"type": "string"}}, "resources": [cosmos()]},
             "parameters": {"loc": {"value": "eastus"}}, **extra}
    [vr] = expand(token, props)
    assert (vr.location, vr.scope) == ("eastus", scope)


def test_deployment_stack_declared_inside_a_template_is_expanded() -> None:
    template = {"resources": [{"type": "Microsoft.Resources/deploymentStacks", "apiVersion": "2024-03-01",
                               "name": "stk", "properties": {
                                   "actionOnUnmanage": {"resources": "detach"}, "denySettings": {"mode": "none"},
                                   "template": {"parameters": {"l": {"type": "string"}}, "resources": [cosmos("[parameters('l')]")]},
                                   "parameters": {"l": {"value": "eastus"}}}}]}
    out = expand_template(template)
    assert [r.arm_type for r in out] == ["Microsoft.Resources/deploymentStacks", COSMOS]
    assert out[1].location == "eastus"


def test_expansion_is_deterministic() -> None:
    template = {"variables": {"n": "[uniqueString(resourceGroup().id, deployment().name)]"},
                "resources": [{"type": STORAGE, "name": "[variables('n')]", "location": "eastus",
                               "properties": {"id": "[guid(variables('n'))]"}}]}
    first: list[VirtualResource] = expand_template(template)
    assert first == expand_template(template)
    assert first[0].props["id"] != expand_template(template, name="other")[0].props["id"]
    assert SUB in json.dumps([r.props for r in expand_template(
        {"resources": [{"type": "T.P/x", "name": "x", "properties": {"i": "[subscription().id]"}}]})])


def test_a_false_condition_does_not_cascade_to_child_resources() -> None:
    template = {"resources": [{
        "type": "Microsoft.ServiceBus/namespaces", "name": "ns", "location": "westeurope", "condition": False,
        "resources": [{"type": "queues", "name": "q", "properties": {"forwardTo": "elsewhere"}}],
    }]}
    out = expand_template(template)
    assert [(r.arm_type, r.name) for r in out] == [("Microsoft.ServiceBus/namespaces/queues", "ns/q")]
