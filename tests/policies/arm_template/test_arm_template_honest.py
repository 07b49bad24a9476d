"""Honest templates in the shapes real programs send (hand-written quickstart style, Bicep's
compiled output with symbolic names and modules, a subscription-scope landing zone): they expand
fully, nothing fails closed, and what the rules need is known."""

from __future__ import annotations

from typing import Any

from arm_helpers import SUB, by_type

from sovereign_components.policies.arm_template import expand
from sovereign_components.policies.values import UNKNOWN, lookup


def _deploy(template: dict[str, Any], parameters: dict[str, Any] | None = None, *,
            token: str = "azure-native:resources:Deployment", rg_location: str | None = "westeurope") -> Any:
    props: dict[str, Any] = {"deploymentName": "app", "resourceGroupName": "rg-app",
                             "properties": {"mode": "Incremental", "template": template}}
    if parameters:
        props["properties"]["parameters"] = {k: {"value": v} for k, v in parameters.items()}
    return expand(token, props, resource_group_location=rg_location, subscription_id=SUB)


QUICKSTART_COSMOS = {
    "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    "contentVersion": "1.0.0.0",
    "parameters": {
        "accountName": {"type": "string", "defaultValue": "[format('sql-{0}', uniqueString(resourceGroup().id))]"},
        "location": {"type": "string", "defaultValue": "[resourceGroup().location]"},
        "consistency": {"type": "string", "defaultValue": "Session",
                        "allowedValues": ["Eventual", "Session", "Strong"]},
        "databaseName": {"type": "string", "defaultValue": "events"},
        "throughput": {"type": "int", "defaultValue": 400, "minValue": 400},
    },
    "variables": {
        "accountName": "[toLower(parameters('accountName'))]",
        "locations": [{"locationName": "[parameters('location')]", "failoverPriority": 0, "isZoneRedundant": False}],
    },
    "resources": [
        {"type": "Microsoft.DocumentDB/databaseAccounts", "apiVersion": "2024-05-15",
         "name": "[variables('accountName')]", "location": "[parameters('location')]", "kind": "GlobalDocumentDB",
         "properties": {"consistencyPolicy": {"defaultConsistencyLevel": "[parameters('consistency')]"},
                        "locations": "[variables('locations')]", "databaseAccountOfferType": "Standard",
                        "publicNetworkAccess": "Disabled", "disableLocalAuth": True,
                        "enableAutomaticFailover": False, "minimalTlsVersion": "Tls12"}},
        {"type": "Microsoft.DocumentDB/databaseAccounts/sqlDatabases", "apiVersion": "2024-05-15",
         "name": "[format('{0}/{1}', variables('accountName'), parameters('databaseName'))]",
         "dependsOn": ["[resourceId('Microsoft.DocumentDB/databaseAccounts', variables('accountName'))]"],
         "properties": {"resource": {"id": "[parameters('databaseName')]"},
                        "options": {"throughput": "[parameters('throughput')]"}}},
    ],
    "outputs": {"endpoint": {"type": "string",
                             "value": "[reference(resourceId('Microsoft.DocumentDB/databaseAccounts', variables('accountName'))).documentEndpoint]"}},
}


def test_quickstart_style_template() -> None:
    account, database = _deploy(QUICKSTART_COSMOS)
    assert account.location == "westeurope"
    assert lookup(account.props, "locations.0.locationName") == "westeurope"
    assert account.props["publicNetworkAccess"] == "Disabled" and account.props["disableLocalAuth"] is True
    assert account.name is not None and account.name.startswith("sql-")
    assert database.arm_type == "Microsoft.DocumentDB/databaseAccounts/sqlDatabases"
    assert database.name == f"{account.name}/events" and database.location is None
    assert database.props["options"] == {"throughput": 400}


BICEP_COMPILED = {
    "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    "languageVersion": "2.0",
    "contentVersion": "1.0.0.0",
    "metadata": {"_generator": {"name": "bicep", "version": "0.30.0.0", "templateHash": "123"}},
    "definitions": {"tagSet": {"type": "object"}},
    "parameters": {"location": {"type": "string", "defaultValue": "[resourceGroup().location]"},
                   "prefix": {"type": "string"},
                   "tags": {"$ref": "#/definitions/tagSet", "defaultValue": {}}},
    "variables": {"nsName": "[format('{0}-sb-{1}', parameters('prefix'), uniqueString(resourceGroup().id))]"},
    "resources": {
        "identity": {"existing": True, "type": "Microsoft.ManagedIdentity/userAssignedIdentities",
                     "apiVersion": "2023-01-31", "name": "[format('{0}-id', parameters('prefix'))]"},
        "namespace": {"type": "Microsoft.ServiceBus/namespaces", "apiVersion": "2022-10-01-preview",
                      "name": "[variables('nsName')]", "location": "[parameters('location')]",
                      "tags": "[parameters('tags')]", "sku": {"name": "Premium", "capacity": 1},
                      "identity": {"type": "UserAssigned", "userAssignedIdentities": {
                          "[format('{0}', resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', format('{0}-id', parameters('prefix'))))]": {}}},
                      "properties": {"publicNetworkAccess": "Disabled", "disableLocalAuth": True,
                                     "minimumTlsVersion": "1.2",
                                     "premiumMessagingPartitions": "[tryGet(parameters('tags'), 'partitions')]"}},
        "queue": {"type": "Microsoft.ServiceBus/namespaces/queues", "apiVersion": "2022-10-01-preview",
                  "name": "[format('{0}/{1}', variables('nsName'), 'orders')]",
                  "properties": {"requiresSession": True, "maxDeliveryCount": 10},
                  "dependsOn": ["namespace"]},
        "storageModule": {
            "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01",
            "name": "[format('storage-{0}', uniqueString(deployment().name))]",
            "properties": {
                "expressionEvaluationOptions": {"scope": "inner"}, "mode": "Incremental",
                "parameters": {"location": {"value": "[parameters('location')]"},
                               "name": {"value": "[format('{0}st', parameters('prefix'))]"}},
                "template": {
                    "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                    "languageVersion": "2.0", "contentVersion": "1.0.0.0",
                    "parameters": {"location": {"type": "string"}, "name": {"type": "string"}},
                    "resources": {"sa": {
                        "type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-05-01",
                        "name": "[parameters('name')]", "location": "[parameters('location')]",
                        "sku": {"name": "Standard_ZRS"}, "kind": "StorageV2",
                        "properties": {"publicNetworkAccess": "Disabled", "allowSharedKeyAccess": False,
                                       "minimumTlsVersion": "TLS1_2", "allowBlobPublicAccess": False}}},
                    "outputs": {"id": {"type": "string", "value": "[resourceId('Microsoft.Storage/storageAccounts', parameters('name'))]"}},
                },
            },
        },
    },
    "outputs": {"queueId": {"type": "string", "value": "[resourceId('Microsoft.ServiceBus/namespaces/queues', variables('nsName'), 'orders')]"}},
}


def test_bicep_compiled_template_with_a_module() -> None:
    out = _deploy(BICEP_COMPILED, {"prefix": "ev"})
    assert [r.arm_type for r in out] == ["Microsoft.ServiceBus/namespaces", "Microsoft.ServiceBus/namespaces/queues",
                                         "Microsoft.Resources/deployments", "Microsoft.Storage/storageAccounts"]
    namespace, queue, module, account = out
    assert namespace.location == "westeurope" and namespace.props["tags"] == {}
    assert namespace.props["premiumMessagingPartitions"] is None
    assert list(namespace.props["identity"]["userAssignedIdentities"]) == [
        f"/subscriptions/{SUB}/resourceGroups/rg-app/providers/Microsoft.ManagedIdentity/userAssignedIdentities/ev-id"]
    assert queue.name == f"{namespace.name}/orders"
    assert account.location == "westeurope" and account.name == "evst"
    assert account.path == "template.resources['storageModule'].properties.template.resources['sa']"
    assert module.props["expressionEvaluationOptions"] == {"scope": "inner"}


def test_subscription_landing_zone() -> None:
    template = {
        "$schema": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#",
        "parameters": {"region": {"type": "string", "defaultValue": "westeurope"},
                       "groups": {"type": "array", "defaultValue": ["net", "data"]}},
        "resources": [
            {"type": "Microsoft.Resources/resourceGroups", "apiVersion": "2022-09-01",
             "name": "[format('rg-{0}', parameters('groups')[copyIndex()])]", "location": "[parameters('region')]",
             "copy": {"name": "groups", "count": "[length(parameters('groups'))]"}},
            {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "data-vault",
             "resourceGroup": "rg-data", "dependsOn": ["groups"],
             "properties": {"mode": "Incremental", "expressionEvaluationOptions": {"scope": "inner"},
                            "template": {"resources": [{
                                "type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01", "name": "kv-data",
                                "location": "[resourceGroup().location]",
                                "properties": {"tenantId": "[subscription().tenantId]", "sku": {"family": "A", "name": "standard"},
                                               "publicNetworkAccess": "Disabled", "enableRbacAuthorization": True}}]}}},
        ],
    }
    out = _deploy(template, token="azure-native:resources:DeploymentAtSubscriptionScope", rg_location=None)
    groups = by_type(out, "Microsoft.Resources/resourceGroups")
    assert [(g.name, g.location) for g in groups] == [("rg-net", "westeurope"), ("rg-data", "westeurope")]
    [vault] = by_type(out, "Microsoft.KeyVault/vaults")
    assert vault.location == "westeurope" and vault.scope == "resourceGroup"
    assert vault.props["tenantId"] == UNKNOWN and vault.props["publicNetworkAccess"] == "Disabled"
