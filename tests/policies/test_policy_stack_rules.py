"""Stack (cross-resource) rules on hand-built stacks, without pulumi: targets placed through
property dependencies (unknown ids), ARM ids, URL hosts and the allow-list; fail closed
otherwise; the metadata-channel exception."""

from __future__ import annotations

from typing import Any

import pytest

from sovereign_components.events.names import (
    CLASSIFICATION_ATTRIBUTE,
    KIND_ATTRIBUTE,
    METADATA_CHANNEL_LABEL,
    METADATA_KIND,
    METADATA_TOPIC_KIND,
    TOPIC_KIND_TAG,
)
from sovereign_components.policies import context_from_config
from sovereign_components.policies.findings import StackResource
from sovereign_components.policies.rules import cross_region as cr
from sovereign_components.policies.values import UNKNOWN

SUB = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers"
FOREIGN = "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/far/providers"
EU = context_from_config({"boundary": "EU"})


def res(name: str, token: str, props: dict[str, Any], **kw: Any) -> StackResource:
    return StackResource(urn=f"urn:pulumi:eu::p::{token}::{name}", type=token, name=name, props=props, **kw)


RG = res("rg", "azure-native:resources:ResourceGroup", {"location": "eastus", "resourceGroupName": "rg"})
NS_EU = res("ns", "azure-native:servicebus:Namespace",
            {"location": "westeurope", "namespaceName": "ns", "id": f"{SUB}/Microsoft.ServiceBus/namespaces/ns"})
NS_US = res("nsus", "azure-native:servicebus:Namespace",
            {"location": "eastus", "namespaceName": "nsus", "id": f"{SUB}/Microsoft.ServiceBus/namespaces/nsus"})
QUEUE_EU = res("q", "azure-native:servicebus:Queue", {"namespaceName": "ns", "queueName": "q",
                                                      "id": f"{SUB}/Microsoft.ServiceBus/namespaces/ns/queues/q"},
               property_dependencies={"namespaceName": [NS_EU.urn]})
QUEUE_US = res("qus", "azure-native:servicebus:Queue", {"namespaceName": "nsus", "queueName": "qus"},
               property_dependencies={"namespaceName": [NS_US.urn]})
ST_EU = res("st", "azure-native:storage:StorageAccount",
            {"location": "westeurope", "accountName": "steu", "id": f"{SUB}/Microsoft.Storage/storageAccounts/steu"})
ST_US = res("stus", "azure-native:storage:StorageAccount",
            {"location": "eastus", "accountName": "stus", "id": f"{SUB}/Microsoft.Storage/storageAccounts/stus"})
BASE = [RG, NS_EU, NS_US, QUEUE_EU, QUEUE_US, ST_EU, ST_US]


def sub(props: dict[str, Any], **kw: Any) -> StackResource:
    return res("sub", "azure-native:eventgrid:EventSubscription", props, **kw)


def run(policy: str, *extra: StackResource, ctx=EU):
    return cr.check_references(policy, [*BASE, *extra], ctx)


def blocked(findings) -> list[str]:
    return [f.urn for f in findings if not f.undecided]


def test_known_id_of_in_boundary_queue_passes() -> None:
    s = sub({"destination": {"endpointType": "ServiceBusQueue", "resourceId": QUEUE_EU.props["id"]}})
    assert run(cr.EVENTGRID, s) == []


def test_known_id_matched_by_type_and_name_when_no_id_output() -> None:
    s = sub({"destination": {"endpointType": "ServiceBusQueue",
                             "resourceId": f"{SUB}/Microsoft.ServiceBus/namespaces/nsus/queues/qus"}})
    assert blocked(run(cr.EVENTGRID, s)) == [s.urn]


def test_foreign_id_fails_closed_even_with_a_stale_in_boundary_dependency() -> None:
    s = sub({"destination": {"resourceId": f"{FOREIGN}/Microsoft.ServiceBus/namespaces/x/queues/y"}},
            property_dependencies={"destination": [QUEUE_EU.urn]})
    [finding] = run(cr.EVENTGRID, s)
    assert finding.urn == s.urn and not finding.undecided and "allowedExternalEndpoints" in finding.message


@pytest.mark.parametrize("region, ok", [("germanywestcentral", True), ("eastus", False)])
def test_allow_listed_foreign_id(region: str, ok: bool) -> None:
    ctx = context_from_config({"boundary": "EU", "allowedExternalEndpoints": [
        {"endpoint": f"{FOREIGN}/Microsoft.ServiceBus/namespaces/x", "region": region}]})
    s = sub({"destination": {"resourceId": f"{FOREIGN}/Microsoft.ServiceBus/namespaces/x/queues/y"}})
    assert (run(cr.EVENTGRID, s, ctx=ctx) == []) is ok


def test_prefix_must_end_at_a_segment() -> None:
    ctx = context_from_config({"boundary": "EU", "allowedExternalEndpoints": [
        {"endpoint": f"{FOREIGN}/Microsoft.ServiceBus/namespaces/x", "region": "westeurope"}]})
    s = sub({"destination": {"resourceId": f"{FOREIGN}/Microsoft.ServiceBus/namespaces/xevil/queues/y"}})
    assert blocked(run(cr.EVENTGRID, s, ctx=ctx)) == [s.urn]


@pytest.mark.parametrize("dep, ok", [("q", True), ("qus", False)])
def test_unknown_id_resolved_through_property_dependencies(dep: str, ok: bool) -> None:
    target = QUEUE_EU if dep == "q" else QUEUE_US
    s = sub({"destination": {"endpointType": "ServiceBusQueue", "resourceId": UNKNOWN}},
            property_dependencies={"destination": [RG.urn, target.urn]})
    assert (run(cr.EVENTGRID, s) == []) is ok


def test_unknown_id_with_only_a_resource_group_dependency_is_undecided() -> None:
    # the RG is in eastus, but an RG's location says nothing about the target: not evidence
    s = sub({"destination": {"resourceId": UNKNOWN}}, property_dependencies={"destination": [RG.urn]})
    [finding] = run(cr.EVENTGRID, s)
    assert finding.undecided and finding.urn == s.urn


def test_whole_destination_unknown_is_resolved_once() -> None:
    s = sub({"destination": UNKNOWN}, property_dependencies={"destination": [QUEUE_US.urn]})
    assert len(blocked(run(cr.EVENTGRID, s))) == 1


def test_dead_letter_with_identity_outside() -> None:
    s = sub({"destination": {"resourceId": QUEUE_EU.props["id"]},
             "deadLetterWithResourceIdentity": {"deadLetterDestination": {
                 "endpointType": "StorageBlob", "resourceId": ST_US.props["id"], "blobContainerName": "dl"}}})
    [finding] = run(cr.EVENTGRID, s)
    assert "deadLetterWithResourceIdentity" in finding.message and "eastus" in finding.message


def test_webhook_host_must_be_allow_listed() -> None:
    s = sub({"destination": {"endpointType": "WebHook", "endpointUrl": "https://hooks.example.com/x"}})
    assert blocked(run(cr.EVENTGRID, s)) == [s.urn]
    ctx = context_from_config({"boundary": "EU", "allowedExternalEndpoints": [
        {"endpoint": "hooks.example.com", "region": "francecentral"}]})
    assert run(cr.EVENTGRID, s, ctx=ctx) == []


def test_webhook_to_function_app_of_the_stack() -> None:
    app = res("fn", "azure-native:web:WebApp", {"location": "eastus", "name": "proc-us", "kind": "functionapp"})
    s = sub({"destination": {"endpointType": "WebHook",
                             "endpointUrl": "https://proc-us.azurewebsites.net/runtime/webhooks/EventGrid"}})
    assert blocked(run(cr.EVENTGRID, app, s)) == [s.urn]


#: The stack's dedicated metadata topic (tagged), and its regional topic (not tagged).
META_TOPIC = res("metatopic", "azure-native:eventgrid:Topic",
                 {"location": "westeurope", "topicName": "meta", "tags": {TOPIC_KIND_TAG: METADATA_TOPIC_KIND},
                  "id": f"{SUB}/Microsoft.EventGrid/topics/meta"})
REGIONAL_TOPIC = res("topic", "azure-native:eventgrid:Topic",
                     {"location": "westeurope", "topicName": "regional", "id": f"{SUB}/Microsoft.EventGrid/topics/regional"})


def channel(values: list[str], *, label: bool = True, arrays: bool = False,
            kinds: list[str] | None = None, scope: StackResource = META_TOPIC,
            classification_key: str = CLASSIFICATION_ATTRIBUTE, kind_key: str = KIND_ATTRIBUTE) -> StackResource:
    filters = [{"operatorType": "StringIn", "key": classification_key, "values": values}]
    if kinds is None:
        kinds = [METADATA_KIND]
    if kinds:
        filters.append({"operatorType": "StringIn", "key": kind_key, "values": kinds})
    return sub({
        "labels": [METADATA_CHANNEL_LABEL] if label else [],
        "scope": scope.props["id"],
        "destination": {"endpointType": "WebHook", "endpointUrl": "https://meta.us.example.com/events"},
        "filter": {"enableAdvancedFilteringOnArrays": arrays, "advancedFilters": filters},
    })


US_ENDPOINT = context_from_config({"boundary": "EU", "allowedExternalEndpoints": [
    {"endpoint": "meta.us.example.com", "region": "eastus"}]})


def test_metadata_channel_allowed_with_filter() -> None:
    assert run(cr.EVENTGRID, META_TOPIC, channel(["Public", "internal"]), ctx=US_ENDPOINT) == []


@pytest.mark.parametrize("s", [
    channel(["Public", "Restricted"]),                 # a regulated value admitted
    channel([]),                                        # empty filter
    channel(["Public"], label=False),                   # not declared
    channel(["Public"], arrays=True),                   # array filtering widens StringIn
    channel(["Public"], kinds=[]),                      # no kind filter: a full event could match
    channel(["Public"], kinds=[METADATA_KIND, "x"]),     # the kind filter admits another kind
    channel(["Public"], scope=REGIONAL_TOPIC),          # reads the regional topic, not the metadata one
    # the event body (data.*) is what a hostile producer writes; only the attributes Event Grid
    # routes on, which the publisher sets and the processor cross-checks, count
    channel(["Public"], classification_key=f"data.{CLASSIFICATION_ATTRIBUTE}"),
    channel(["Public"], kind_key=f"data.{KIND_ATTRIBUTE}"),
])
def test_metadata_channel_blocked_without_a_narrow_filter(s: StackResource) -> None:
    assert blocked(run(cr.EVENTGRID, META_TOPIC, REGIONAL_TOPIC, s, ctx=US_ENDPOINT)) == [s.urn]


def test_metadata_channel_scope_through_property_dependencies() -> None:
    """In a real preview the scope id is unknown: the topic is found through the dependency."""
    s = channel(["Public"])
    s.props["scope"] = UNKNOWN
    s.property_dependencies["scope"] = [META_TOPIC.urn]
    assert run(cr.EVENTGRID, META_TOPIC, s, ctx=US_ENDPOINT) == []
    s.property_dependencies["scope"] = [REGIONAL_TOPIC.urn]
    assert blocked(run(cr.EVENTGRID, META_TOPIC, REGIONAL_TOPIC, s, ctx=US_ENDPOINT)) == [s.urn]


def test_metadata_channel_to_an_outside_stack_resource_is_blocked() -> None:
    """The exception covers only the allow-listed target: a channel aimed at a resource placed
    outside the boundary by its own location (or by a property dependency) is blocked."""
    known = channel(["Public"])
    known.props["destination"] = {"endpointType": "ServiceBusQueue", "resourceId": f"{SUB}/Microsoft.ServiceBus/namespaces/nsus/queues/qus"}
    unknown = channel(["Public"])
    unknown.props["destination"] = {"endpointType": "ServiceBusQueue", "resourceId": UNKNOWN}
    unknown.property_dependencies["destination"] = [QUEUE_US.urn]
    for s in (known, unknown):
        assert blocked(run(cr.EVENTGRID, META_TOPIC, s, ctx=US_ENDPOINT)) == [s.urn]


def test_metadata_channel_target_must_still_be_placed() -> None:
    assert blocked(run(cr.EVENTGRID, channel(["Public"]))) != []  # not allow-listed -> fail closed


def test_metadata_channel_scope_that_does_not_resolve_fails_closed() -> None:
    """A scope naming no topic of this stack (another stack's metadata topic, an unknown id with
    no dependency) is not a channel: its outside target is blocked or undecided, never allowed."""
    foreign = channel(["Public"])
    foreign.props["scope"] = f"{FOREIGN}/Microsoft.EventGrid/topics/meta"
    assert blocked(run(cr.EVENTGRID, META_TOPIC, foreign, ctx=US_ENDPOINT)) == [foreign.urn]
    unresolved = channel(["Public"])
    unresolved.props["scope"] = UNKNOWN
    assert blocked(run(cr.EVENTGRID, META_TOPIC, unresolved, ctx=US_ENDPOINT)) == [unresolved.urn]


# -- who may send to the metadata topic ------------------------------------------------------------

ROLE_IDS = "/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Authorization/roleDefinitions"
DATA_SENDER = "d5a91429-5739-47e2-a06b-3470a27159e7"
OWNER, CONTRIBUTOR = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "b24988ac-6180-42a0-ab88-20f7382dd24c"
EG_CONTRIBUTOR = "1e241071-0855-49ea-94dc-649edcd759de"
BLOB_CONTRIBUTOR = "ba92f5b4-2d11-453d-a403-e96b0029c9fe"
PUBLISHER = res("publisher", "azure-native:managedidentity:UserAssignedIdentity", {"location": "westeurope"})
SCOPES = {"topic": META_TOPIC.props["id"], "group": SUB.rsplit("/providers", 1)[0],
          "subscription": SUB.split("/resourceGroups")[0], "other": REGIONAL_TOPIC.props["id"]}


def grant(name: str, role: str, scope: str, principal: str | StackResource) -> StackResource:
    props: dict[str, Any] = {"scope": SCOPES[scope], "roleDefinitionId": f"{ROLE_IDS}/{role}",
                             "principalType": "ServicePrincipal"}
    deps: dict[str, list[str]] = {}
    if isinstance(principal, StackResource):
        props["principalId"] = UNKNOWN
        deps["principalId"] = [principal.urn]
    else:
        props["principalId"] = principal
    return res(name, "azure-native:authorization:RoleAssignment", props, property_dependencies=deps)


PUBLISHER_GRANT = grant("publisher-sender", DATA_SENDER, "topic", PUBLISHER)


def senders(*extra: StackResource) -> list[str]:
    found = run(cr.EVENTGRID, META_TOPIC, REGIONAL_TOPIC, PUBLISHER, PUBLISHER_GRANT, channel(["Public"]), *extra,
                ctx=US_ENDPOINT)
    return [f.urn.rsplit("::", 1)[1] for f in found if not f.undecided]


def test_the_metadata_publisher_alone_may_send_to_the_metadata_topic() -> None:
    assert senders() == []
    assert senders(grant("reader", BLOB_CONTRIBUTOR, "topic", "p-other")) == []  # not a sending role
    assert senders(grant("elsewhere", DATA_SENDER, "other", "p-other")) == []    # another topic
    assert senders(grant("again", DATA_SENDER, "group", PUBLISHER)) == []        # the publisher, wider


@pytest.mark.parametrize("role, scope", [
    (DATA_SENDER, "topic"), (DATA_SENDER, "group"), (DATA_SENDER, "subscription"),
    (EG_CONTRIBUTOR, "topic"), (CONTRIBUTOR, "group"), (OWNER, "subscription"),
])
def test_another_sender_on_the_metadata_topic_is_blocked(role: str, scope: str) -> None:
    """Any principal but the metadata publisher that may send to the metadata topic (EventGrid
    Data Sender, or a broader role: Owner, Contributor, EventGrid Contributor, at the topic or a
    scope above it) could publish a full event there, and every channel would carry it out. A
    second EventGrid Data Sender on the topic itself makes the publisher impossible to tell
    apart, so both are blocked."""
    expected = ["publisher-sender", "intruder"] if (role, scope) == (DATA_SENDER, "topic") else ["intruder"]
    assert senders(grant("intruder", role, scope, "3f2b1c7e-8a4d-4e6f-9b0a-1c2d3e4f5a6b")) == expected


def test_a_metadata_topic_without_one_identified_publisher_is_blocked() -> None:
    found = run(cr.EVENTGRID, META_TOPIC, grant("a", DATA_SENDER, "topic", "p-a"), grant("b", DATA_SENDER, "topic", "p-b"))
    assert sorted(f.urn.rsplit("::", 1)[1] for f in found if not f.undecided) == ["a", "b"]


def test_a_grant_on_the_metadata_topic_that_cannot_be_read_is_undecided() -> None:
    unknown_role = grant("who-knows", DATA_SENDER, "topic", "p-x")
    unknown_role.props["roleDefinitionId"] = UNKNOWN
    found = run(cr.EVENTGRID, META_TOPIC, PUBLISHER, PUBLISHER_GRANT, unknown_role)
    assert [(f.urn.rsplit("::", 1)[1], f.undecided) for f in found] == [("who-knows", True)]


def test_capture() -> None:
    hub = res("hub", "azure-native:eventhub:EventHub", {"captureDescription": {
        "enabled": True, "destination": {"storageAccountResourceId": ST_US.props["id"], "blobContainer": "c"}}})
    assert blocked(run(cr.CAPTURE, hub)) == [hub.urn]
    off = res("hub", "azure-native:eventhub:EventHub", {"captureDescription": {
        "enabled": False, "destination": {"storageAccountResourceId": ST_US.props["id"]}}})
    assert run(cr.CAPTURE, off) == []
    lake = res("hub", "azure-native:eventhub:EventHub", {"captureDescription": {
        "enabled": True, "destination": {"dataLakeAccountName": "somelake"}}})
    assert blocked(run(cr.CAPTURE, lake)) == [lake.urn]


def test_diagnostic_sinks() -> None:
    ok = res("diag", "azure-native:insights:DiagnosticSetting", {"resourceUri": NS_EU.props["id"],
                                                                 "storageAccountId": ST_EU.props["id"]})
    bad = res("diag2", "azure-native:monitor:DiagnosticSetting", {"resourceUri": NS_EU.props["id"],
                                                                  "workspaceId": UNKNOWN},
              property_dependencies={"workspaceId": [ST_US.urn]})
    partner = res("diag3", "azure-native:monitor:DiagnosticSetting",
                  {"marketplacePartnerId": f"{FOREIGN}/Microsoft.Datadog/monitors/dd"})
    assert blocked(run(cr.DIAGNOSTICS, ok, bad, partner)) == [bad.urn, partner.urn]


def test_dr_partner() -> None:
    dr = res("dr", "azure-native:servicebus:DisasterRecoveryConfig", {"partnerNamespace": NS_US.props["id"]})
    assert blocked(run(cr.DR, dr)) == [dr.urn]
    dr_ok = res("dr", "azure-native:eventhub:DisasterRecoveryConfig", {"partnerNamespace": UNKNOWN},
                property_dependencies={"partnerNamespace": [NS_EU.urn]})
    assert run(cr.DR, dr_ok) == []


def test_object_replication_by_name() -> None:
    orp = res("orp", "azure-native:storage:ObjectReplicationPolicy",
              {"accountName": "steu", "sourceAccount": "steu", "destinationAccount": "stus"})
    assert blocked(run(cr.OBJECT_REPLICATION, orp)) == [orp.urn]
    inside = res("orp", "azure-native:storage:ObjectReplicationPolicy",
                 {"accountName": "steu", "sourceAccount": "steu", "destinationAccount": "steu"})
    assert run(cr.OBJECT_REPLICATION, inside) == []


def test_servicebus_forwarding() -> None:
    same = res("fw", "azure-native:servicebus:Queue", {"namespaceName": "ns", "forwardTo": "other-queue"})
    url = res("fw2", "azure-native:servicebus:Subscription",
              {"forwardDeadLetteredMessagesTo": "sb://nsus.servicebus.windows.net/qus"})
    assert blocked(run(cr.FORWARDING, same, url)) == [url.urn]


def test_private_endpoint_targets() -> None:
    pe = res("pe", "azure-native:network:PrivateEndpoint", {
        "location": "westeurope",
        "privateLinkServiceConnections": [{"name": "c", "privateLinkServiceId": ST_US.props["id"]}]})
    assert blocked(run(cr.PRIVATE_ENDPOINTS, pe)) == [pe.urn]


def test_exempted_resource_is_skipped() -> None:
    dr = res("dr", "azure-native:servicebus:DisasterRecoveryConfig", {"partnerNamespace": NS_US.props["id"]})
    ctx = context_from_config({"boundary": "EU", "exemptions": [{"urn": dr.urn, "reason": "migration, ticket 42"}]})
    assert run(cr.DR, dr, ctx=ctx) == []


def test_no_boundary_fails_closed() -> None:
    dr = res("dr", "azure-native:servicebus:DisasterRecoveryConfig", {"partnerNamespace": NS_EU.props["id"]})
    [finding] = run(cr.DR, dr, ctx=context_from_config({}))
    assert "sovereign:boundary" in finding.message


def test_advisory_private_endpoint_and_diagnostics_presence() -> None:
    pe = res("pe", "azure-native:network:PrivateEndpoint", {
        "location": "westeurope", "privateLinkServiceConnections": [{"privateLinkServiceId": UNKNOWN}]},
        property_dependencies={"privateLinkServiceConnections": [ST_EU.urn]})
    diag = res("diag", "azure-native:monitor:DiagnosticSetting", {"resourceUri": NS_EU.props["id"]})
    stack = [ST_EU, NS_EU, pe, diag]
    # the storage account has an endpoint (through the dependency); the namespace (tier not
    # given, so possibly Premium) has none
    assert [f.urn for f in cr.check_private_endpoints_present(stack, EU)] == [NS_EU.urn]
    assert cr.check_diagnostic_settings_present(stack, EU) == []
    assert [f.urn for f in cr.check_diagnostic_settings_present([ST_EU, NS_EU], EU)] == [NS_EU.urn]
    assert {f.urn for f in cr.check_private_endpoints_present([ST_EU], EU)} == {ST_EU.urn}
