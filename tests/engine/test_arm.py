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


# -- id shapes derived from the pack's catalogue (issue 13 follow-up 4) -------------------------------
def _declared(token):
    from sovereign_components.gate.sdk import load_schema

    spec = load_schema().resource(token)
    return set(spec.inputs.properties)


def _catalogue():
    from sovereign_components.policies.catalogue import catalogue

    return catalogue()


def test_perimeter_children_nest_under_their_perimeter():
    """The fallback gave a profile `.../networkSecurityPerimeterProfiles/<name>`, so a policy
    could not find an association's profile in its own stack (corpus storage-perimeter-private)."""
    nsp = f"{SUB}/resourceGroups/rg/providers/Microsoft.Network/networkSecurityPerimeters/nsp"
    cases = {
        "azure-native:network:NetworkSecurityPerimeterProfile": (
            {"profileName": "platform"}, f"{nsp}/profiles/platform"),
        "azure-native:network:NspProfile": ({"profileName": "platform"}, f"{nsp}/profiles/platform"),
        "azure-native:network:NetworkSecurityPerimeterAccessRule": (
            {"profileName": "platform", "accessRuleName": "own"}, f"{nsp}/profiles/platform/accessRules/own"),
        "azure-native:network:NetworkSecurityPerimeterAssociation": (
            {"associationName": "a"}, f"{nsp}/resourceAssociations/a"),
    }
    for token, (extra, expected) in cases.items():
        inputs = {"resourceGroupName": "rg", "networkSecurityPerimeterName": "nsp", **extra}
        assert arm.arm_id(token, "logical", inputs, declared=_declared(token)) == expected, token


def test_the_logical_name_names_a_derived_type_without_its_name_input():
    token = "azure-native:network:NetworkSecurityPerimeterProfile"
    rid = arm.arm_id(token, "prof", {"resourceGroupName": "rg", "networkSecurityPerimeterName": "nsp"},
                     declared=_declared(token))
    assert rid.endswith("/networkSecurityPerimeters/nsp/profiles/prof")


def test_a_template_the_sdk_cannot_confirm_is_not_used():
    from sovereign_components.gate.engine import arm_paths

    token = "azure-native:network:NetworkSecurityPerimeterProfile"
    assert arm_paths.confirmed(token, {"resourceGroupName", "profileName"}) is None  # no perimeter key
    assert arm_paths.derived("azure-native:authorization:RoleAssignment") is None  # extension resource


def test_every_vetted_type_gets_an_id_of_its_own_arm_type():
    """What the engine answers (table, else derivation, else fallback) names the catalogue's ARM
    type at every segment, for every vetted type in a resource group: no child type is filed
    under a made-up top-level type."""
    from sovereign_components.policies.arm import parse_arm_id
    from sovereign_components.gate.engine import arm_paths

    wrong = []
    checked = 0
    for token, entry in _catalogue().types.items():
        if arm_paths.derived(token) is None:
            continue  # extension, subscription-level or generic types: not resource-group paths
        try:
            declared = _declared(token)
        except Exception:  # noqa: BLE001 - a type the installed SDK lacks has no inputs to fill
            continue
        inputs = {key: f"n-{key.lower()}" for key in declared}
        rid = arm.arm_id(token, "logical", inputs, declared=declared)
        parsed = parse_arm_id(rid)
        if arm_paths.confirmed(token, declared) is None and arm.type_info(token) is None:
            continue  # neither knows it: the fallback, listed in the notes
        checked += 1
        if parsed is None or (parsed.type_at(len(parsed.types) - 1) or "").lower() != entry.arm_type.lower():
            wrong.append(f"{token}: {rid} is not a {entry.arm_type}")
    assert checked > 100 and not wrong, "\n".join(wrong)


def test_hand_table_rows_agree_with_the_catalogue():
    """Where the table and the derivation both know a type they must agree, so the table cannot
    drift from the catalogue (a new child type needs no row)."""
    from sovereign_components.gate.engine import arm_paths

    disagree = []
    for token, row in arm._tables()["types"].items():
        try:
            found = arm_paths.confirmed(token, _declared(token))
        except Exception:  # noqa: BLE001 - not an installed SDK type
            continue
        if found is not None and (row["id"], row.get("name")) != found:
            disagree.append(f"{token}: table {row['id']} / {row.get('name')} vs derived {found}")
    assert not disagree, "\n".join(disagree)
