"""The generic ``resources:Resource``: one virtual resource of its ARM type, its ``properties``
flattened, values taken literally (a plain PUT evaluates no template expressions)."""

from __future__ import annotations

from typing import Any

import pytest

from sovereign_components.policies.arm_template import GENERIC_RESOURCE, Unevaluable, expand
from sovereign_components.policies.values import UNKNOWN


def generic(**inputs: Any) -> dict[str, Any]:
    return {"resourceGroupName": "rg1", "apiVersion": "2023-01-01", **inputs}


def test_generic_storage_made_public() -> None:
    [vr] = expand(GENERIC_RESOURCE, generic(
        resourceProviderNamespace="Microsoft.Storage", resourceType="storageAccounts", resourceName="st1",
        parentResourcePath="", location="westeurope", kind="StorageV2", sku={"name": "Standard_LRS"},
        properties={"publicNetworkAccess": "Enabled", "allowBlobPublicAccess": True,
                    "networkAcls": {"defaultAction": "Allow"}, "allowCrossTenantReplication": True}))
    assert (vr.path, vr.arm_type, vr.name, vr.location, vr.scope, vr.api_version) == (
        "resource", "Microsoft.Storage/storageAccounts", "st1", "westeurope", "resourceGroup", "2023-01-01")
    assert vr.props["publicNetworkAccess"] == "Enabled"
    assert vr.props["allowBlobPublicAccess"] is True
    assert vr.props["allowCrossTenantReplication"] is True
    assert vr.props["networkAcls"] == {"defaultAction": "Allow"}
    assert vr.props["sku"] == {"name": "Standard_LRS"} and vr.props["kind"] == "StorageV2"
    assert vr.props["resourceGroupName"] == "rg1" and vr.props["name"] == "st1"
    for key in ("resourceProviderNamespace", "resourceType", "parentResourcePath", "resourceName", "apiVersion"):
        assert key not in vr.props


def test_generic_cosmos_adds_a_replica_in_eastus() -> None:
    [vr] = expand(GENERIC_RESOURCE, generic(
        resourceProviderNamespace="Microsoft.DocumentDB", resourceType="databaseAccounts", resourceName="acct",
        location="westeurope", kind="GlobalDocumentDB",
        properties={"databaseAccountOfferType": "Standard",
                    "locations": [{"locationName": "westeurope", "failoverPriority": 0},
                                  {"locationName": "eastus", "failoverPriority": 1}]}))
    assert vr.arm_type == "Microsoft.DocumentDB/databaseAccounts"
    assert [loc["locationName"] for loc in vr.props["locations"]] == ["westeurope", "eastus"]


def test_generic_child_through_parent_path() -> None:
    [vr] = expand(GENERIC_RESOURCE, generic(
        resourceProviderNamespace="Microsoft.Sql", parentResourcePath="servers/sql1", resourceType="failoverGroups",
        resourceName="fg1", properties={"partnerServers": [{"id": "/subscriptions/s/resourceGroups/r/providers/"
                                                                   "Microsoft.Sql/servers/us-partner"}]}))
    assert (vr.arm_type, vr.name, vr.location) == ("Microsoft.Sql/servers/failoverGroups", "sql1/fg1", None)


def test_generic_values_are_literal_not_expressions() -> None:
    [vr] = expand(GENERIC_RESOURCE, generic(
        resourceProviderNamespace="Microsoft.Web", resourceType="sites", resourceName="app", location="westeurope",
        properties={"note": "[concat('a', 'b')]"}))
    assert vr.props["note"] == "[concat('a', 'b')]"


def test_generic_unknowns() -> None:
    [vr] = expand(GENERIC_RESOURCE, generic(
        resourceProviderNamespace="Microsoft.Storage", resourceType="storageAccounts", resourceName=UNKNOWN,
        location=UNKNOWN, properties={"publicNetworkAccess": UNKNOWN}))
    assert vr.name is None and vr.location == UNKNOWN and vr.props["publicNetworkAccess"] == UNKNOWN


@pytest.mark.parametrize("inputs", [
    {"resourceProviderNamespace": UNKNOWN, "resourceType": "storageAccounts", "resourceName": "x"},
    {"resourceProviderNamespace": "Microsoft.Storage", "resourceType": UNKNOWN, "resourceName": "x"},
    {"resourceProviderNamespace": "Microsoft.Sql", "parentResourcePath": UNKNOWN, "resourceType": "databases",
     "resourceName": "x"},
    {"resourceProviderNamespace": "Microsoft.Sql", "resourceType": "servers/databases", "resourceName": "x"},
    {"resourceType": "storageAccounts", "resourceName": "x"},
    {"resourceProviderNamespace": "Microsoft.Storage", "resourceType": "storageAccounts", "resourceName": "x",
     "properties": UNKNOWN},
])
def test_generic_type_that_cannot_be_determined_fails_closed(inputs: dict[str, Any]) -> None:
    with pytest.raises(Unevaluable):
        expand(GENERIC_RESOURCE, generic(**inputs))


def test_generic_resource_that_is_itself_a_deployment_is_expanded() -> None:
    template = {"resources": [{"type": "Microsoft.DocumentDB/databaseAccounts", "name": "acct", "location": "eastus",
                               "properties": {"publicNetworkAccess": "Enabled"}}]}
    out = expand("azure-native:resources/v20240301:Resource", generic(
        resourceProviderNamespace="Microsoft.Resources", resourceType="deployments", resourceName="sneaky",
        properties={"mode": "Incremental", "template": template}))
    assert [r.arm_type for r in out] == ["Microsoft.Resources/deployments", "Microsoft.DocumentDB/databaseAccounts"]
    assert out[1].path == "resource.properties.template.resources[0]"
    assert out[1].location == "eastus" and "template" not in out[0].props
    with pytest.raises(Unevaluable):
        expand(GENERIC_RESOURCE, generic(
            resourceProviderNamespace="Microsoft.Resources", resourceType="deployments", resourceName="linked",
            properties={"mode": "Incremental", "templateLink": {"uri": "https://example.com/t.json"}}))
