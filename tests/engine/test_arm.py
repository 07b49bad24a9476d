"""ARM-shaped ids and the computed outputs that must look real (pure functions)."""

from __future__ import annotations

from sovereign_components.gate.engine import arm
from sovereign_components.gate.engine.identity import DEFAULT

SUB = f"/subscriptions/{DEFAULT.subscription_id}"


def test_child_resources_nest_under_their_parent_path():
    queue = arm.arm_id("azure-native:servicebus:Queue", "q1",
                       {"resourceGroupName": "rg", "namespaceName": "ns", "queueName": "orders"})
    assert queue == f"{SUB}/resourceGroups/rg/providers/Microsoft.ServiceBus/namespaces/ns/queues/orders"


def test_logical_name_when_the_name_input_is_absent():
    assert arm.arm_id("azure-native:eventhub:Namespace", "hub", {"resourceGroupName": "rg"}).endswith(
        "/Microsoft.EventHub/namespaces/hub")


def test_extension_resources_live_under_their_scope():
    scope = f"{SUB}/resourceGroups/rg/providers/Microsoft.EventGrid/topics/t"
    sub = arm.arm_id("azure-native:eventgrid:EventSubscription", "s", {"scope": scope})
    assert sub == scope + "/providers/Microsoft.EventGrid/eventSubscriptions/s"
    diag = arm.arm_id("azure-native:monitor:DiagnosticSetting", "d", {"resourceUri": scope, "name": "diag"})
    assert diag == scope + "/providers/Microsoft.Insights/diagnosticSettings/diag"


def test_unlisted_azure_native_tokens_use_the_namespace_fallback():
    assert arm.arm_id("azure-native:keyvault:Vault", "kv", {"resourceGroupName": "rg"}) == (
        f"{SUB}/resourceGroups/rg/providers/Microsoft.Keyvault/vaults/kv")
    assert arm.arm_id("random:index:RandomString", "r", {}) == "r-id"


def test_identity_outputs_use_the_response_shape():
    ids = [f"{SUB}/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/u"]
    out = arm.computed_outputs("azure-native:cosmosdb:DatabaseAccount", "acct",
                               {"identity": {"type": "UserAssigned", "userAssignedIdentities": ids}})
    identity = out["identity"]
    assert set(identity["userAssignedIdentities"]) == set(ids)
    assert set(identity["userAssignedIdentities"][ids[0]]) == {"principalId", "clientId"}
    assert identity["tenantId"] == DEFAULT.tenant_id
    assert out["name"] == "acct"


def test_outputs_are_deterministic():
    a = arm.computed_outputs("azure-native:operationalinsights:Workspace", "logs", {})
    b = arm.computed_outputs("azure-native:operationalinsights:Workspace", "logs", {})
    c = arm.computed_outputs("azure-native:operationalinsights:Workspace", "other", {})
    assert a == b and a["customerId"] != c["customerId"]
