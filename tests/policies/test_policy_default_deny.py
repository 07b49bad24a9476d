"""The default-deny rules as pure predicates: spellings, vetting and allow-lists, providers,
readable inputs, global types, the value scan (data flows, parents, benign values), perimeters
and escape hatches. Each test builds the smallest input that shows one behaviour."""

from __future__ import annotations

from typing import Any

import pytest

from sovereign_components.errors import ConfigError
from sovereign_components.policies import context_from_config
from sovereign_components.policies.escape import judge, vetting_findings
from sovereign_components.policies.findings import StackResource
from sovereign_components.policies.rules import flows, location, perimeter, readable, vetting
from sovereign_components.policies.tokens import GLOBAL_TYPES, canonical_token
from sovereign_components.policies.values import UNKNOWN

EU = context_from_config({"boundary": "EU"})
SUB = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers"
FOREIGN = "/subscriptions/99999999-9999-9999-9999-999999999999/resourceGroups/far/providers"


def res(name: str, token: str, props: dict[str, Any], **kw: Any) -> StackResource:
    return StackResource(urn=f"urn:pulumi:eu::p::{token}::{name}", type=f"azure-native:{token}"
                         if not token.startswith(("azure-native:", "pulumi:")) else token,
                         name=name, props=props, **kw)


# -- spellings -----------------------------------------------------------------------------------

@pytest.mark.parametrize("spelling, canonical", [
    ("azure-native:cosmosdb/v20240515:DatabaseAccount", "azure-native:cosmosdb:DatabaseAccount"),
    ("azure-native:documentdb/v20210415:DatabaseAccount", "azure-native:cosmosdb:DatabaseAccount"),
    ("azure-native:documentdb:DatabaseAccount", "azure-native:cosmosdb:DatabaseAccount"),
    ("azure-native:insights:DiagnosticSetting", "azure-native:monitor:DiagnosticSetting"),
    ("azure-native:network:PrivateZone", "azure-native:privatedns:PrivateZone"),
    ("azure-native:cache:Redis", "azure-native:redis:Redis"),
    ("azure-native:servicebus/v20221001preview:Namespace", "azure-native:servicebus:Namespace"),
    ("Microsoft.DocumentDB/databaseAccounts", "azure-native:cosmosdb:DatabaseAccount"),
    ("microsoft.storage/STORAGEACCOUNTS", "azure-native:storage:StorageAccount"),
    ("azure:cosmosdb/account:Account", "azure:cosmosdb/account:Account"),  # another provider: unchanged
])
def test_every_spelling_maps_to_the_v3_token(spelling: str, canonical: str) -> None:
    assert canonical_token(spelling) == canonical


# -- vetting and allow-lists ---------------------------------------------------------------------

def test_unvetted_types_and_providers_are_named() -> None:
    assert vetting.check_vetted("azure-native:storage:StorageAccount", {}, EU) == []
    assert vetting.check_vetted("azure-native:storage/v20230101:StorageAccount", {}, EU) == []
    [adf] = vetting.check_vetted("azure-native:datafactory:Factory", {}, EU)
    assert "datafactory:Factory" in adf.message and "allowedTypes" in adf.message
    [aws] = vetting.check_vetted("aws:s3/bucket:Bucket", {}, EU)
    assert "'aws'" in aws.message and "allowedProviders" in aws.message
    assert vetting.check_vetted("random:index/randomString:RandomString", {}, EU) == []
    assert vetting.check_vetted("tls:index/privateKey:PrivateKey", {}, EU) == []
    assert vetting.check_vetted("pulumi:pulumi:StackReference", {}, EU) == []
    for never in ("command:local:Command", "pulumi-python:dynamic:Resource", "pulumi-nodejs:dynamic:Resource"):
        [found] = vetting.check_vetted(never, {}, EU)
        assert "never allowed by default" in found.message


def test_the_operator_allows_types_and_providers_with_a_reason() -> None:
    ctx = context_from_config({"allowedTypes": [{"type": "azure-native:datafactory/v20180601:Factory",
                                                 "reason": "reviewed"}],
                               "allowedProviders": [{"provider": "command", "reason": "build step only"}]})
    assert vetting.check_vetted("azure-native:datafactory:Factory", {}, ctx) == []  # any spelling
    assert vetting.check_vetted("command:local:Command", {}, ctx) == []
    for bad in ({"allowedTypes": [{"type": "azure-native:datafactory:Factory"}]},
                {"allowedProviders": [{"provider": "aws", "reason": " "}]},
                {"allowedTypes": "azure-native:datafactory:Factory"}):
        with pytest.raises(ConfigError):
            context_from_config(bad)


def test_providers_are_vetted_and_placed() -> None:
    outside = res("p1", "pulumi:providers:azure-native", {"location": "eastus"})
    inside = res("p2", "pulumi:providers:azure-native", {"location": "westeurope"})
    plain = res("p3", "pulumi:providers:azure-native", {})
    rnd = res("p4", "pulumi:providers:random", {})
    cmd = res("p5", "pulumi:providers:command", {})
    dyn = res("p6", "pulumi:providers:pulumi-python", {})
    found = vetting.check_providers([outside, inside, plain, rnd, cmd, dyn], EU)
    assert sorted(f.urn.rsplit("::", 1)[1] for f in found) == ["p1", "p5", "p6"]
    allowed = context_from_config({"boundary": "EU", "allowedProviders": [{"provider": "command", "reason": "ci"}]})
    assert [f.urn.rsplit("::", 1)[1] for f in vetting.check_providers([cmd], allowed)] == []


# -- readable inputs -------------------------------------------------------------------------------

def test_snake_case_keys_of_a_union_argument_are_unreadable() -> None:
    sub = "azure-native:eventgrid:EventSubscription"
    ok = {"scope": "x", "destination": {"endpointType": "WebHook", "endpointUrl": "https://h"}}
    assert readable.check_readable(sub, ok, EU) == []
    snake = {"scope": "x", "destination": {"endpoint_type": "ServiceBusQueue", "resource_id": "/subscriptions/x"}}
    messages = [f.message for f in readable.check_readable(sub, snake, EU)]
    assert len(messages) == 2 and all("Args" in m for m in messages)
    assert "resourceId" in messages[1]
    unknown_key = {"scope": "x", "destination": {"endpointType": "WebHook", "target": "https://h"}}
    assert "union" in readable.check_readable(sub, unknown_key, EU)[0].message


def test_map_keys_and_unknowns_are_not_judged() -> None:
    account = "azure-native:storage:StorageAccount"
    assert readable.check_readable(account, {"tags": {"cost_center": "1"}, "sku": UNKNOWN}, EU) == []
    assert readable.check_readable(account, {"allow_shared_key_access": True}, EU)
    group = "azure-native:monitor:ActionGroup"
    assert readable.check_readable(group, {"group_short_name": "x"}, EU)
    assert readable.check_readable(group, {"groupShortName": "x", "webhookReceivers": [{"serviceUri": "u"}]}, EU) == []


@pytest.mark.parametrize("token, props, key", [
    # types whose SDK class is <Class>InitArgs (network, monitor ActionGroup): their nested shapes apply
    ("network:NetworkSecurityGroup", {"securityRules": [{"source_address_prefix": "*", "access": "Allow"}]},
     "securityRules[0].source_address_prefix"),
    ("network:NetworkSecurityGroup", {"securityRules": [{"sourceAddressPrefix": "*", "Access": "Allow"}]},
     "securityRules[0].Access"),
    ("monitor:ActionGroup", {"groupShortName": "g", "webhookReceivers": [{"service_uri": "https://h"}]},
     "webhookReceivers[0].service_uri"),
    ("network:Subnet", {"networkSecurityGroup": {"resource_id": "/subscriptions/x"}}, "networkSecurityGroup.resource_id"),
    # a union without its discriminator is sent as written (the SDK cannot pick a member)
    ("cosmosdb:DatabaseAccount", {"backupPolicy": {"periodic_mode_properties": {"backup_storage_redundancy": "Local"}}},
     "backupPolicy.periodic_mode_properties"),
    # an object-typed argument: a key it does not declare at all, not only a misspelling
    ("storage:StorageAccount", {"networkRuleSet": {"defaultAction": "Deny", "target": "x"}}, "networkRuleSet.target"),
    ("servicebus:Namespace", {"encryption": {"keySource": "Microsoft.KeyVault", "vault": "https://kv"}}, "encryption.vault"),
])
def test_unreadable_keys_anywhere_in_a_typed_argument(token: str, props: dict[str, Any], key: str) -> None:
    found = readable.check_readable(f"azure-native:{token}", props, EU)
    assert [f.message.split(" ", 2)[1].rstrip(":") for f in found] == [key]
    assert "Args" in found[0].message


def test_output_only_state_is_not_an_unread_input() -> None:
    """check-state overlays the recorded outputs: the resource's own state is no key a program wrote."""
    account = "azure-native:storage:StorageAccount"
    deployed = {"provisioningState": "Succeeded", "primaryEndpoints": {"blob": "https://a.blob.core.windows.net/"},
                "encryption": {"services": {"blob": {"enabled": True, "lastEnabledTime": "2024-01-01"}}}}
    assert readable.check_readable(account, deployed, EU) == []


def test_template_objects_are_read_ignoring_case() -> None:
    """An ARM template property is read by the resource provider ignoring case (escape hatches'
    virtual resources are FoldedDicts): a capitalised spelling is the key; a snake_case one is not;
    a key this SDK lacks may be from the template's newer API version."""
    from sovereign_components.policies.arm_template.keys import FoldedDict

    account = "azure-native:storage:StorageAccount"
    capitalised = FoldedDict({"ALLOWCROSSTENANTREPLICATION": True, "MinimumTlsVersion": "TLS1_2", "someNewKey": 1})
    assert readable.check_readable(account, capitalised, EU) == []
    snake = FoldedDict({"allow_cross_tenant_replication": False})
    assert "allowCrossTenantReplication" in readable.check_readable(account, snake, EU)[0].message


# -- locations -------------------------------------------------------------------------------------

@pytest.mark.parametrize("token", ["monitor:ActivityLogAlert", "dns:Zone", "privatedns:PrivateZone", "cdn:Profile",
                                   "frontdoor:FrontDoor", "trafficmanager:Profile", "monitor:PrivateLinkScope",
                                   "monitor:ActionGroup", "monitor:MetricAlert"])
def test_global_types_take_global(token: str) -> None:
    assert f"azure-native:{token}" in GLOBAL_TYPES
    assert location.check_location(f"azure-native:{token}", {"location": "global"}, EU) == []
    assert location.check_location(f"azure-native:{token}", {"location": "eastus"}, EU)


def test_subscription_system_topic_is_global_a_storage_one_is_not() -> None:
    token = "azure-native:eventgrid:SystemTopic"
    assert location.check_location(token, {"location": "global", "topicType": "Microsoft.Resources.Subscriptions"},
                                   EU) == []
    assert location.check_location(token, {"location": "global", "topicType": "Microsoft.Storage.StorageAccounts"}, EU)
    assert location.check_location(token, {"topicType": "Microsoft.Storage.StorageAccounts"}, EU)  # no location


def test_other_providers_with_a_location_are_placed() -> None:
    assert location.check_location("azure:cosmosdb/account:Account", {"location": "eastus"}, EU)


# -- data flows by value ---------------------------------------------------------------------------

ST = res("st", "storage:StorageAccount", {"location": "westeurope", "accountName": "steu", "resourceGroupName": "rg"})
ST_US = res("stus", "storage:StorageAccount", {"location": "eastus", "accountName": "stus", "resourceGroupName": "rg"})


def run_flows(*resources: StackResource, ctx=EU) -> list[str]:
    return [f"{f.urn.rsplit('::', 1)[1]}{'?' if f.undecided else ''}" for f in flows.check_data_flows(list(resources), ctx)]


def test_private_endpoint_target_matched_however_the_id_was_formed() -> None:
    """An id built from names (no id output), in another case, names the stack's account."""
    built = f"{SUB.upper()}/Microsoft.Storage/storageAccounts/STEU".replace("/SUBSCRIPTIONS/", "/subscriptions/")
    app = res("appi", "applicationinsights:Component", {"location": "westeurope", "workspaceResourceId": built})
    assert run_flows(ST, app) == []


def test_a_foreign_or_outside_target_is_blocked_an_unknown_one_is_placed_by_dependencies() -> None:
    foreign = res("a", "applicationinsights:Component",
                  {"location": "westeurope", "workspaceResourceId": f"{FOREIGN}/Microsoft.OperationalInsights/workspaces/w"})
    outside = res("b", "applicationinsights:Component",
                  {"location": "westeurope", "workspaceResourceId": f"{SUB}/Microsoft.Storage/storageAccounts/stus"})
    unknown_in = res("c", "applicationinsights:Component", {"location": "westeurope", "workspaceResourceId": UNKNOWN},
                     property_dependencies={"workspaceResourceId": [ST.urn]})
    unknown_none = res("d", "applicationinsights:Component", {"location": "westeurope", "workspaceResourceId": UNKNOWN})
    assert run_flows(ST, ST_US, foreign, outside, unknown_in, unknown_none) == ["a", "b", "d?"]


def test_urls_hosts_and_regions_anywhere_are_placed() -> None:
    logic = res("logic", "logic:Workflow", {"location": "westeurope", "definition": {
        "$schema": "https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/x.json#",
        "actions": {"a": {"inputs": {"uri": "https://steu.blob.core.windows.net/c"}},
                    "b": {"inputs": {"uri": "https://management.azure.com/subscriptions"}}}}})
    assert run_flows(ST, logic) == []  # the stack's own blob host, the control plane, the schema
    logic.props["definition"]["actions"]["c"] = {"inputs": {"uri": "https://collector.example.com/x"}}
    assert run_flows(ST, logic) == ["logic"]
    hub = res("nh", "notificationhubs:Namespace", {"location": "westeurope", "replicationRegion": "WestUs2"})
    assert run_flows(hub) == ["nh"]
    tagged = res("t", "storage:StorageAccount", {"location": "westeurope", "tags": {"dr": "eastus"}})
    assert run_flows(tagged) == []  # tags are benign
    role = res("ra", "authorization:RoleAssignment", {
        "scope": f"{SUB}/Microsoft.Storage/storageAccounts/steu",
        "roleDefinitionId": "/subscriptions/0/providers/Microsoft.Authorization/roleDefinitions/ba92f5b4",
        "principalId": UNKNOWN})
    assert run_flows(ST, role) == []  # a role definition is not a place; the principal is an identity
    role.props["scope"] = f"{SUB}/Microsoft.Storage/storageAccounts/stus"
    assert run_flows(ST, ST_US, role) == ["ra"]  # a grant on an outside account
    # a role definition resolved by an invoke is unknown in a preview: still not a place
    looked_up = res("ra2", "authorization:RoleAssignment", {
        "scope": f"{SUB}/Microsoft.Storage/storageAccounts/steu", "roleDefinitionId": UNKNOWN, "principalId": "p"})
    assert run_flows(ST, looked_up) == []


def test_allow_listed_endpoints_place_external_targets() -> None:
    hook = res("ag", "monitor:ActionGroup", {"location": "Global", "webhookReceivers": [
        {"name": "h", "serviceUri": "https://hooks.example.com/alert"}]})
    assert run_flows(hook) == ["ag"]
    listed = context_from_config({"boundary": "EU", "allowedExternalEndpoints": [
        {"endpoint": "hooks.example.com", "region": "francecentral"}]})
    assert run_flows(hook, ctx=listed) == []
    outside = context_from_config({"boundary": "EU", "allowedExternalEndpoints": [
        {"endpoint": "hooks.example.com", "region": "eastus"}]})
    assert run_flows(hook, ctx=outside) == ["ag"]


def test_children_live_in_a_parent_of_the_stack() -> None:
    ok = res("c1", "storage:BlobContainer", {"accountName": "steu", "resourceGroupName": "rg"})
    by_dep = res("c2", "storage:BlobContainer", {"accountName": UNKNOWN}, property_dependencies={"accountName": [ST.urn]})
    outside = res("c3", "storage:BlobContainer", {"accountName": "stus", "resourceGroupName": "rg"})
    orphan = res("c4", "storage:BlobContainer", {"accountName": "existing", "resourceGroupName": "rg"})
    namesake = res("c5", "storage:BlobContainer", {"accountName": "steu", "resourceGroupName": "other-rg"})
    assert run_flows(ST, ST_US, ok, by_dep, outside, orphan, namesake) == ["c3", "c4", "c5"]


def test_an_unparseable_flow_fails_closed() -> None:
    export = res("x", "operationalinsights:DataExport", {"workspaceName": "w", "resourceId": "my-storage-account"},
                 property_dependencies={})
    ws = res("w", "operationalinsights:Workspace", {"location": "westeurope", "workspaceName": "w"})
    found = flows.check_data_flows([ws, export], EU)
    assert [f.urn for f in found] == [export.urn] and "neither an ARM id" in found[0].message


# -- perimeters ------------------------------------------------------------------------------------

def _perimeter(mode: str | None, prefixes: list[str], *, known_ids: bool = True,
               family: str = "Nsp") -> list[StackResource]:
    account = res("st", "storage:StorageAccount", {"location": "westeurope", "accountName": "steu",
                                                   "publicNetworkAccess": "SecuredByPerimeter",
                                                   "id": f"{SUB}/Microsoft.Storage/storageAccounts/steu"})
    profile = res("prof", f"network:{family}Profile", {"networkSecurityPerimeterName": "nsp", "profileName": "default",
                                                 "id": f"{SUB}/Microsoft.Network/networkSecurityPerimeters/nsp/profiles/default"})
    rule = res("rule", f"network:{family}AccessRule", {"networkSecurityPerimeterName": "nsp", "profileName": "default",
                                                 "direction": "Inbound", "addressPrefixes": prefixes})
    assoc_props: dict[str, Any] = {"privateLinkResource": {"id": account.props["id"] if known_ids else UNKNOWN},
                                   "profile": {"id": profile.props["id"] if known_ids else UNKNOWN}}
    if mode:
        assoc_props["accessMode"] = mode
    deps = {} if known_ids else {"privateLinkResource": [account.urn], "profile": [profile.urn]}
    assoc = res("assoc", f"network:{family}Association", assoc_props, property_dependencies=deps)
    return [account, profile, rule, assoc]


@pytest.mark.parametrize("family", ["Nsp", "NetworkSecurityPerimeter"])
@pytest.mark.parametrize("mode, prefixes, known, blocked", [
    ("Enforced", ["10.0.0.0/8"], True, False),
    ("Enforced", ["10.0.0.0/8"], False, False),   # placed through property dependencies
    ("Enforced", ["0.0.0.0/0"], True, True),
    ("Enforced", ["::/0"], True, True),
    ("Learning", ["10.0.0.0/8"], True, True),
    (None, ["10.0.0.0/8"], True, True),           # absent = the service default, Learning
])
def test_secured_by_perimeter_needs_an_enforced_closed_perimeter(mode: str | None, prefixes: list[str],
                                                                 known: bool, blocked: bool, family: str) -> None:
    found = perimeter.check_perimeter(_perimeter(mode, prefixes, known_ids=known, family=family), EU)
    assert bool(found) is blocked, [f.message for f in found]


def test_secured_by_perimeter_without_an_association() -> None:
    account = _perimeter("Enforced", ["10.0.0.0/8"])[0]
    [found] = perimeter.check_perimeter([account], EU)
    assert "no network security perimeter association" in found.message


# -- escape hatches --------------------------------------------------------------------------------

def test_a_virtual_resource_is_judged_by_resource_rules_and_named() -> None:
    from sovereign_components.policies.rules.network import check_public_network_access

    template = {"resources": [{"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01",
                               "name": "sttpl", "location": "westeurope", "properties": {"publicNetworkAccess": "Enabled"}}]}
    props = {"resourceGroupName": "rg", "properties": {"mode": "Incremental", "template": template}}
    findings, undecided = judge(check_public_network_access, "azure-native:resources:Deployment", props, EU)
    assert undecided is None
    assert len(findings) == 1 and findings[0].message.startswith("template.resources[0] (Microsoft.Storage/storageAccounts)")


def test_an_unevaluable_template_fails_closed_with_the_reason() -> None:
    props = {"resourceGroupName": "rg", "properties": {"mode": "Incremental", "templateLink": {"uri": "https://x/t.json"}}}
    [found] = vetting_findings("azure-native:resources:Deployment", props, EU, vetting.type_verdict)
    assert "templateLink" in found.message
    assert vetting.check_vetted("azure-native:resources:Deployment", props, EU)


# -- boundaries the stack config may declare --------------------------------------------------------

def test_a_custom_boundary_object_from_the_stack_config() -> None:
    """``sovereign:boundary: {code, regions}`` reaches packs as JSON text (PULUMI_CONFIG)."""
    text = '{"code": "BENELUX", "regions": ["westeurope", "belgiumcentral"]}'
    ctx = context_from_config({}, stack_boundary=text)
    assert ctx.inside("belgiumcentral") and not ctx.inside("northeurope")
    assert context_from_config({}, stack_boundary={"code": "X", "regions": ["eastus"]}).inside("eastus")
    for bad in ('{"code": "X"}', '{"code": "X", "regions": []}', '{"code": "X", "regions": ["mars"]}',
                '{"code": "X", "regions": ["eastus"], "pairs": {}}', '{"code": '):
        with pytest.raises(ConfigError):
            context_from_config({}, stack_boundary=bad)


def test_a_template_at_the_resource_groups_location_is_placed_by_the_stack() -> None:
    """``[resourceGroup().location]`` is unknown to a resource policy (no group in sight); the
    stack knows the group, so the virtual resource is placed there."""
    from sovereign_components.policies.escape import relabel, with_virtuals

    def stack(group_location: str) -> list[StackResource]:
        group = res("rg", "resources:ResourceGroup", {"location": group_location, "resourceGroupName": "rg"})
        template = {"resources": [{"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01",
                                   "name": "sttpl", "location": "[resourceGroup().location]",
                                   "properties": {"publicNetworkAccess": "Disabled"}}]}
        deployment = res("dep", "resources:Deployment", {"resourceGroupName": "rg", "properties": {
            "mode": "Incremental", "template": template}}, property_dependencies={"resourceGroupName": [group.urn]})
        return with_virtuals([group, deployment])

    assert relabel(flows.check_data_flows(stack("westeurope"), EU)) == []
    [found] = relabel(flows.check_data_flows(stack("eastus"), EU))
    assert found.urn.endswith("::dep") and found.message.startswith("template.resources[0]: ")


# -- public listeners without a publicNetworkAccess switch ------------------------------------------

@pytest.mark.parametrize("source, blocked", [("*", True), ("0.0.0.0/0", True), ("Internet", True),
                                             ("10.0.0.0/8", False), ("VirtualNetwork", False)])
def test_a_security_rule_open_to_everyone_inbound_is_blocked(source: str, blocked: bool) -> None:
    from sovereign_components.policies.rules.network import check_public_network_access

    rule = {"name": "in", "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "sourceAddressPrefix": source,
            "destinationPortRange": "443"}
    nsg = {"location": "westeurope", "securityRules": [rule, {**rule, "access": "Deny", "sourceAddressPrefix": "*"}]}
    assert bool(check_public_network_access("azure-native:network:NetworkSecurityGroup", nsg, EU)) is blocked
    assert bool(check_public_network_access("azure-native:network:SecurityRule", rule, EU)) is blocked
    outbound = {**rule, "direction": "Outbound"}
    assert check_public_network_access("azure-native:network:SecurityRule", outbound, EU) == []


def test_an_edge_in_front_of_an_origin_of_the_stack_is_still_a_flow_out() -> None:
    """A CDN or Front Door caches the origin's responses at points of presence worldwide."""
    endpoint = res("cdn", "cdn:Endpoint", {"location": "Global", "origins": [{"name": "o", "hostName": "steu.blob.core.windows.net"}]})
    assert run_flows(ST, endpoint) == ["cdn"]
    unknown = res("cdn2", "cdn:Endpoint", {"location": "Global", "origins": [{"name": "o", "hostName": UNKNOWN}]},
                  property_dependencies={"origins": [ST.urn]})
    assert run_flows(ST, unknown) == ["cdn2"]
    assert run_flows(res("cdn3", "cdn:Endpoint", {"location": "Global"})) == []


def test_a_template_property_in_any_case_reaches_the_rules() -> None:
    """Resource providers read template property names ignoring case, so the virtual resource's
    props must too: ``ALLOWCROSSTENANTREPLICATION`` is the switch, ``PUBLICNETWORKACCESS`` the
    setting (a plain dict of the props would read both as absent)."""
    from sovereign_components.policies.escape import expand
    from sovereign_components.policies.rules.network import check_public_network_access
    from sovereign_components.policies.rules.residency import check_cross_tenant_replication
    from sovereign_components.policies.values import lookup

    template = {"resources": [{"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01",
                               "name": "sttpl", "location": "westeurope",
                               "properties": {"ALLOWCROSSTENANTREPLICATION": True, "PUBLICNETWORKACCESS": "Disabled",
                                              "NetworkAcls": {"DEFAULTACTION": "Allow"}}}]}
    props = {"resourceGroupName": "rg", "properties": {"mode": "Incremental", "template": template}}
    [virtual] = expand("azure-native:resources:Deployment", props).virtuals
    assert lookup(virtual.props, "allowCrossTenantReplication") is True
    assert lookup(virtual.props, "networkAcls.defaultAction") == "Allow"
    assert lookup(virtual.props, "location") == "westeurope"
    findings, _ = judge(check_cross_tenant_replication, "azure-native:resources:Deployment", props, EU)
    assert [f.control for f in findings] == ["T6"]
    assert judge(check_public_network_access, "azure-native:resources:Deployment", props, EU) == ([], None)


def test_a_template_resource_id_names_the_stacks_subscription() -> None:
    """``resourceId()`` in a template builds an id in the deployment's subscription: where the
    stack knows it (the deployment's own id), a reference to a stack resource is matched to it,
    not left in a placeholder subscription that matches nothing."""
    from sovereign_components.policies.escape import relabel, with_virtuals

    sub = "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg"
    hub = res("hub", "eventhub:Namespace", {"namespaceName": "hubns", "resourceGroupName": "rg",
                                            "location": "westeurope",
                                            "id": f"{sub}/providers/Microsoft.EventHub/namespaces/hubns"})
    template = {"resources": [{
        "type": "Microsoft.EventGrid/topics/eventSubscriptions", "apiVersion": "2022-06-15", "name": "t/s",
        "properties": {"destination": {"endpointType": "EventHub", "properties": {
            "resourceId": "[resourceId('Microsoft.EventHub/namespaces/eventhubs', 'hubns', 'orders')]"}}}}]}
    deployment = res("dep", "resources:Deployment", {
        "resourceGroupName": "rg", "id": f"{sub}/providers/Microsoft.Resources/deployments/dep",
        "properties": {"mode": "Incremental", "template": template}})
    hub_refs = [f.message for f in relabel(flows.check_data_flows(with_virtuals([hub, deployment]), EU))
                if "hubns" in f.message]
    assert hub_refs == []


@pytest.mark.parametrize("region, blocked", [("westeurope", False), ("eastus", True)])
def test_a_managed_api_id_is_placed_by_the_region_in_its_path(region: str, blocked: bool) -> None:
    """``/subscriptions/<s>/providers/Microsoft.Web/locations/<region>/managedApis/<name>`` is a
    regional API Microsoft operates (a Logic App connector): it lives where its path says."""
    api = f"/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Web/locations/{region}/managedApis/documentdb"
    logic = res("logic", "logic:Workflow", {"location": "westeurope", "parameters": {"$connections": {"value": {
        "documentdb": {"id": api, "connectionName": "c"}}}}})
    assert run_flows(logic) == (["logic"] if blocked else [])


def test_a_computed_output_of_a_stack_resource_is_placed_where_it_lives() -> None:
    """A workspace's ``customerId`` (an output, not an input) passed to a container-app
    environment names that workspace: placed in its region, not an unknown target."""
    guid = "6a1f2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b"
    env_props = {"location": "westeurope", "appLogsConfiguration": {"destination": "log-analytics",
                 "logAnalyticsConfiguration": {"customerId": guid, "sharedKey": "k"}}}
    for where, expected in (("westeurope", []), ("eastus", ["env"])):
        workspace = res("log", "operationalinsights:Workspace", {"location": where, "workspaceName": "log",
                                                                 "customerId": guid})
        assert run_flows(workspace, res("env", "app:ManagedEnvironment", env_props)) == expected
    # the same GUID as an *input* of a resource is not its output: nothing vouches for it
    echo = res("st2", "storage:StorageAccount", {"location": "westeurope", "accountName": guid})
    assert run_flows(echo, res("env", "app:ManagedEnvironment", env_props)) == ["env"]
