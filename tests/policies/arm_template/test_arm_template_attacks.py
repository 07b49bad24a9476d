"""Issue 12, item 3: programs written to slip resources past the pack through escape hatches.
Each must come back as virtual resources carrying the offending values (so the rules block
them) or fail closed."""

from __future__ import annotations

from typing import Any

import pytest
from arm_helpers import by_type

from sovereign_components.policies.arm_template import Unevaluable, VirtualResource, expand
from sovereign_components.policies.values import UNKNOWN

COSMOS = "Microsoft.DocumentDB/databaseAccounts"


def public_cosmos_in(location_expr: str) -> dict[str, Any]:
    return {"type": COSMOS, "apiVersion": "2024-05-15", "name": "[variables('name')]",
            "location": location_expr, "kind": "GlobalDocumentDB",
            "properties": {"databaseAccountOfferType": "Standard", "publicNetworkAccess": "Enabled",
                           "disableLocalAuth": False,
                           "locations": [{"locationName": location_expr, "failoverPriority": 0}]}}


def the_account(resources: list[VirtualResource]) -> VirtualResource:
    [account] = by_type(resources, COSMOS)
    return account


def assert_public_in_eastus(account: VirtualResource) -> None:
    assert account.location == "eastus"
    assert account.props["location"] == "eastus"
    assert account.props["publicNetworkAccess"] == "Enabled"
    assert account.props["disableLocalAuth"] is False
    assert account.props["locations"][0]["locationName"] == "eastus"


def test_inline_template_public_cosmos_in_eastus_resource_group_deployment() -> None:
    template = {"variables": {"name": "acct"}, "resources": [public_cosmos_in("eastus")]}
    out = expand("azure-native:resources:Deployment", {
        "resourceGroupName": "rg-eu", "properties": {"mode": "Incremental", "template": template}},
        resource_group_location="westeurope")
    assert_public_in_eastus(the_account(out))


def test_inline_template_public_cosmos_in_eastus_at_subscription_scope() -> None:
    inner = {"parameters": {"where": {"type": "string"}}, "variables": {"name": "acct"},
             "resources": [public_cosmos_in("[parameters('where')]")]}
    template = {
        "$schema": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#",
        "resources": [
            {"type": "Microsoft.Resources/resourceGroups", "apiVersion": "2022-09-01", "name": "hidden-rg",
             "location": "eastus"},
            {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "into-rg",
             "resourceGroup": "hidden-rg",
             "properties": {"mode": "Incremental", "expressionEvaluationOptions": {"scope": "inner"},
                            "parameters": {"where": {"value": "[reference('hidden-rg', '2022-09-01', 'full').location]"}},
                            "template": inner}},
        ],
    }
    out = expand("azure-native:resources:DeploymentAtSubscriptionScope",
                 {"location": "westeurope", "properties": {"mode": "Incremental", "template": template}})
    group = by_type(out, "Microsoft.Resources/resourceGroups")[0]
    assert group.location == "eastus"
    account = the_account(out)
    assert account.props["publicNetworkAccess"] == "Enabled"
    assert account.location == UNKNOWN  # reference() is answered by Azure: undecided, never a pass


def test_parameters_and_variables_indirection() -> None:
    template = {
        "parameters": {"p": {"type": "object"}},
        "variables": {"name": "[concat('ac', 'ct')]", "geo": "[parameters('p').geo]",
                      "where": "[toLower(replace(variables('geo'), ' ', ''))]"},
        "resources": [public_cosmos_in("[variables('where')]")],
    }
    out = expand("azure-native:resources:Deployment", {
        "resourceGroupName": "rg", "properties": {"mode": "Incremental", "template": template,
                                                  "parameters": {"p": {"value": {"geo": "East US"}}}}})
    assert_public_in_eastus(the_account(out))


def test_nested_deployment_two_levels_deep() -> None:
    level2 = {"variables": {"name": "acct"}, "resources": [public_cosmos_in("eastus")]}
    level1 = {"resources": [{"type": "Microsoft.Resources/deployments", "name": "l2",
                             "properties": {"mode": "Incremental", "template": level2,
                                            "expressionEvaluationOptions": {"scope": "inner"}}}]}
    template = {"resources": [{"type": "Microsoft.Resources/deployments", "name": "l1",
                               "properties": {"mode": "Incremental", "template": level1}}]}
    out = expand("azure-native:resources:Deployment", {"properties": {"mode": "Incremental", "template": template}})
    assert_public_in_eastus(the_account(out))
    assert the_account(out).path.count("properties.template") == 2


def test_copy_loop_hides_the_second_region() -> None:
    template = {
        "parameters": {"regions": {"type": "array", "defaultValue": ["westeurope", "eastus"]}},
        "variables": {"name": "[concat('acct', copyIndex())]"},
        "resources": [{**public_cosmos_in("[parameters('regions')[copyIndex()]]"),
                       "name": "[concat('acct', copyIndex())]",
                       "copy": {"name": "accounts", "count": "[length(parameters('regions'))]"}}],
    }
    out = expand("azure-native:resources:Deployment", {"properties": {"mode": "Incremental", "template": template}})
    assert [r.location for r in by_type(out, COSMOS)] == ["westeurope", "eastus"]


def test_condition_that_cannot_be_shown_false_is_deployed() -> None:
    template = {"variables": {"name": "acct"},
                "resources": [{**public_cosmos_in("eastus"), "condition": "[equals(utcNow(), 'never')]"}]}
    out = expand("azure-native:resources:Deployment", {"properties": {"mode": "Incremental", "template": template}})
    assert_public_in_eastus(the_account(out))


def test_capitalised_keys_do_not_hide_properties() -> None:
    template = {"Resources": [{"TYPE": COSMOS, "Name": "acct", "Location": "eastus",
                               "PROPERTIES": {"publicNetworkAccess": "Enabled", "disableLocalAuth": False,
                                              "locations": [{"locationName": "eastus"}]}}]}
    out = expand("azure-native:resources:Deployment", {"properties": {"mode": "Incremental", "template": template}})
    assert_public_in_eastus(the_account(out))


def test_template_link_is_never_a_pass() -> None:
    with pytest.raises(Unevaluable) as info:
        expand("azure-native:resources:DeploymentAtSubscriptionScope", {"location": "westeurope", "properties": {
            "mode": "Incremental", "templateLink": {"uri": "https://raw.githubusercontent.com/x/y/main/cosmos.json"},
            "parameters": {"location": {"value": "eastus"}}}})
    assert "templateLink" in info.value.reason


def test_generic_resource_with_a_nested_template_of_its_own() -> None:
    """A generic resource of type Microsoft.Resources/deployments: the hatch inside the hatch."""
    template = {"variables": {"name": "acct"}, "resources": [public_cosmos_in("eastus")]}
    out = expand("azure-native:resources:Resource", {
        "resourceProviderNamespace": "Microsoft.Resources", "resourceType": "deployments", "resourceName": "d",
        "resourceGroupName": "rg", "apiVersion": "2022-09-01",
        "properties": {"mode": "Incremental", "template": template}})
    assert_public_in_eastus(the_account(out))


def test_template_as_json_string() -> None:
    import json

    template = {"variables": {"name": "acct"}, "resources": [public_cosmos_in("eastus")]}
    out = expand("azure-native:resources:Deployment", {"properties": {"mode": "Incremental",
                                                                      "template": json.dumps(template)}})
    assert_public_in_eastus(the_account(out))


def test_any_case_of_a_property_is_read_as_the_provider_reads_it() -> None:
    """Resource providers read property names without regard to case: the rules' lookups
    (``values.lookup``) must find ``ALLOWCROSSTENANTREPLICATION`` and a nested
    ``NetworkAcls.DEFAULTACTION`` too."""
    from sovereign_components.policies.values import lookup

    template = {"resources": [{"type": "Microsoft.Storage/storageAccounts", "name": "st", "location": "westeurope",
                               "properties": {"ALLOWCROSSTENANTREPLICATION": True,
                                              "NetworkAcls": {"DEFAULTACTION": "Allow"}}}]}
    [vr] = expand("azure-native:resources:Deployment", {"properties": {"mode": "Incremental", "template": template}})
    assert lookup(vr.props, "allowCrossTenantReplication") is True
    assert lookup(vr.props, "networkAcls.defaultAction") == "Allow"
    [generic] = expand("azure-native:resources:Resource", {
        "resourceProviderNamespace": "Microsoft.Storage", "resourceType": "storageAccounts", "resourceName": "st",
        "resourceGroupName": "rg", "location": "westeurope", "properties": {"AllowBlobPublicAccess": True}})
    assert lookup(generic.props, "allowBlobPublicAccess") is True


def test_unicode_spellings_arm_reads_as_ascii_keys() -> None:
    """.NET's ordinal ignore-case matches dotless i and long s to I and S: "propertıes" is the
    resource's properties for ARM, so it must be for the gate."""
    from sovereign_components.policies.values import lookup

    template = {"resources": [{"type": "Microsoft.Storage/storageAccounts", "name": "st", "location": "westeurope",
                               "propertıes": {"allowCroſſTenantReplication": True}}]}
    [vr] = expand("azure-native:resources:Deployment", {"properties": {"mode": "Incremental", "template": template}})
    assert lookup(vr.props, "allowCrossTenantReplication") is True


def test_two_spellings_of_one_nested_key_fail_closed() -> None:
    template = {"resources": [{"type": "Microsoft.Storage/storageAccounts", "name": "st", "location": "westeurope",
                               "properties": {"networkAcls": {"defaultAction": "Deny", "DefaultAction": "Allow"}}}]}
    with pytest.raises(Unevaluable):
        expand("azure-native:resources:Deployment", {"properties": {"mode": "Incremental", "template": template}})


def test_a_property_named_by_an_expression_key_is_found() -> None:
    """ARM evaluates object keys written as expressions (Bicep compiles interpolated keys to
    them): the property they name is the property the rules must read."""
    from sovereign_components.policies.values import lookup

    template = {"variables": {"p": "allowCrossTenant"},
                "resources": [{"type": "Microsoft.Storage/storageAccounts", "name": "st", "location": "westeurope",
                               "properties": {"[concat(variables('p'), 'Replication')]": True,
                                              "[[literal]": 1}}]}
    [vr] = expand("azure-native:resources:Deployment", {"properties": {"mode": "Incremental", "template": template}})
    assert lookup(vr.props, "allowCrossTenantReplication") is True
    assert vr.props["[literal]"] == 1


def test_an_unknown_key_fails_closed_except_where_keys_are_data() -> None:
    template = {"parameters": {"k": {"type": "string"}},
                "resources": [{"type": "Microsoft.Storage/storageAccounts", "name": "st", "location": "westeurope",
                               "tags": {"[parameters('k')]": "v"},
                               "identity": {"type": "UserAssigned",
                                            "userAssignedIdentities": {"[parameters('k')]": {}}},
                               "properties": {"minimumTlsVersion": "TLS1_2"}}]}
    props = {"properties": {"mode": "Incremental", "template": template, "parameters": {"k": {"value": UNKNOWN}}}}
    [vr] = expand("azure-native:resources:Deployment", props)
    assert list(vr.props["tags"]) == [UNKNOWN]
    assert list(vr.props["identity"]["userAssignedIdentities"]) == [UNKNOWN]
    template["resources"][0]["properties"] = {"[parameters('k')]": True}
    with pytest.raises(Unevaluable) as info:
        expand("azure-native:resources:Deployment", props)
    assert "key" in info.value.reason and info.value.path == "template.resources[0]"
