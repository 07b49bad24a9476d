"""The stack rules do work linear in the stack (issue 5: 5x resources <= 6x stack-policy time),
measured by counting calls, never by a clock.

A synthetic stack repeats one self-contained *unit* (a resource group every few units; per unit
a storage account, Service Bus namespace + queue, Event Hubs namespace + hub with capture,
Cosmos DB account, web app, workspace, private endpoints, diagnostic settings, Event Grid
subscriptions, a DR alias and an object-replication policy) whose references exercise every
resolution path: known ARM ids (exact and child-id prefix), ARM type + name, URL hosts, bare
names, unknown ids placed through property dependencies, location-less children placed through
their parents. Some units sit outside the boundary, so the rules have findings to report.

Every stack rule of the pack runs over N and 5N units while the per-resource primitives
(``values.lookup``, ``tokens.canonical_token``, ``tokens.matches``, ``values.is_unknown``) are
counted wherever the policies modules imported them. A rule that rescans the stack for each
resource makes the count grow ~25x; a linear one ~5x.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from sovereign_components.policies import RULES, context_from_config
from sovereign_components.policies import tokens, values
from sovereign_components.policies.findings import Finding, StackResource
from sovereign_components.policies.values import UNKNOWN

SUB = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups"
EU = context_from_config({"boundary": "EU"})
#: Units per resource group, and every how many units one is placed outside the EU boundary.
UNITS_PER_GROUP = 4
OUTSIDE_EVERY = 3
SMALL, LARGE = 12, 60
#: The budget issue 5 gives stack-policy time for 5x the resources.
MAX_GROWTH = 6.0


def _res(urn_name: str, token: str, props: dict[str, Any], **kw: Any) -> StackResource:
    return StackResource(urn=f"urn:pulumi:eu::scale::{token}::{urn_name}", type=token, name=urn_name,
                         props=props, **kw)


def _unit(i: int, rg: StackResource) -> list[StackResource]:
    """One self-contained unit; references stay inside it, so findings scale exactly with units."""
    loc = "eastus" if i % OUTSIDE_EVERY == 0 else "westeurope"
    g = rg.props["resourceGroupName"]
    base = f"{SUB}/{g}/providers"
    rgdep = {"resourceGroupName": [rg.urn]}

    def located(name: str, token: str, arm: str, key: str, extra: dict[str, Any] | None = None) -> StackResource:
        props = {"location": loc, "resourceGroupName": g, key: name, "id": f"{base}/{arm}/{name}", **(extra or {})}
        return _res(name, token, props, property_dependencies=rgdep)

    sa = located(f"sa{i}", "azure-native:storage:StorageAccount", "Microsoft.Storage/storageAccounts",
                 "accountName", {"sku": {"name": "Standard_ZRS"}})
    ns = located(f"ns{i}", "azure-native:servicebus:Namespace", "Microsoft.ServiceBus/namespaces",
                 "namespaceName", {"sku": {"name": "Premium"}})
    # a queue without an id output: placed through its parent-naming dependency
    queue = _res(f"q{i}", "azure-native:servicebus:Queue",
                 {"namespaceName": ns.props["namespaceName"], "queueName": f"q{i}",
                  "forwardTo": f"sb://ns{i}.servicebus.windows.net/other"},
                 property_dependencies={"namespaceName": [ns.urn], **rgdep})
    eh = located(f"eh{i}", "azure-native:eventhub:Namespace", "Microsoft.EventHub/namespaces", "namespaceName")
    hub = _res(f"hub{i}", "azure-native:eventhub:EventHub",
               {"namespaceName": f"eh{i}", "captureDescription": {
                   "enabled": True, "destination": {"storageAccountResourceId": UNKNOWN}}},
               parent=eh.urn, property_dependencies={"captureDescription": [sa.urn], "namespaceName": [eh.urn]})
    cosmos = located(f"cosmos{i}", "azure-native:cosmosdb:DatabaseAccount", "Microsoft.DocumentDB/databaseAccounts",
                     "accountName")
    app = located(f"app{i}", "azure-native:web:WebApp", "Microsoft.Web/sites", "name",
                  {"defaultHostName": f"app{i}.contoso-hosting.example"})
    ws = located(f"ws{i}", "azure-native:operationalinsights:Workspace", "Microsoft.OperationalInsights/workspaces",
                 "workspaceName")
    pe_known = _res(f"pe{i}", "azure-native:network:PrivateEndpoint", {
        "location": loc, "privateLinkServiceConnections": [{"privateLinkServiceId": sa.props["id"]}]})
    pe_unknown = _res(f"pec{i}", "azure-native:network:PrivateEndpoint", {
        "location": loc, "privateLinkServiceConnections": [{"privateLinkServiceId": UNKNOWN}]},
        property_dependencies={"privateLinkServiceConnections": [cosmos.urn]})
    diag_known = _res(f"diag{i}", "azure-native:insights:DiagnosticSetting",
                      {"resourceUri": ns.props["id"], "workspaceId": ws.props["id"]})
    diag_unknown = _res(f"diage{i}", "azure-native:monitor:DiagnosticSetting",
                        {"resourceUri": UNKNOWN, "storageAccountId": UNKNOWN},
                        property_dependencies={"resourceUri": [eh.urn], "storageAccountId": [sa.urn]})
    sub_child = _res(f"sub{i}", "azure-native:eventgrid:EventSubscription", {
        "destination": {"endpointType": "ServiceBusQueue", "resourceId": f"{ns.props['id']}/queues/q{i}"},
        "deadLetterDestination": {"resourceId": UNKNOWN}},
        property_dependencies={"deadLetterDestination": [sa.urn]})
    topic = located(f"topic{i}", "azure-native:eventgrid:Topic", "Microsoft.EventGrid/topics", "topicName")
    sub_host = _res(f"subh{i}", "azure-native:eventgrid:TopicEventSubscription", {
        "topicName": f"topic{i}",
        "destination": {"endpointType": "WebHook", "endpointUrl": f"https://app{i}.azurewebsites.net/api/x"}},
        property_dependencies={"topicName": [topic.urn]})
    sub_default_host = _res(f"subd{i}", "azure-native:eventgrid:EventSubscription", {
        "destination": {"endpointType": "WebHook", "endpointUrl": f"https://app{i}.contoso-hosting.example/x"}})
    # children name their parent (data-flows-in-boundary places them there)
    dr = _res(f"dr{i}", "azure-native:servicebus:DisasterRecoveryConfig",
              {"namespaceName": f"ns{i}", "resourceGroupName": g, "partnerNamespace": f"ns{i}"},
              property_dependencies={"namespaceName": [ns.urn], **rgdep})
    orp = _res(f"orp{i}", "azure-native:storage:ObjectReplicationPolicy",
               {"accountName": f"sa{i}", "resourceGroupName": g, "sourceAccount": f"sa{i}",
                "destinationAccount": f"sa{i}"}, property_dependencies={"accountName": [sa.urn], **rgdep})
    return [sa, ns, queue, eh, hub, cosmos, app, ws, pe_known, pe_unknown, diag_known, diag_unknown,
            topic, sub_child, sub_host, sub_default_host, dr, orp]


def synthetic_stack(units: int) -> list[StackResource]:
    out: list[StackResource] = []
    rg: StackResource | None = None
    for i in range(units):
        if i % UNITS_PER_GROUP == 0:
            name = f"rg{i // UNITS_PER_GROUP}"
            rg = _res(name, "azure-native:resources:ResourceGroup",
                      {"location": "westeurope", "resourceGroupName": name, "id": f"{SUB}/{name}"})
            out.append(rg)
        assert rg is not None
        out.extend(_unit(i, rg))
    return out


#: The primitives every unit of per-resource work goes through.
COUNTED: dict[str, tuple[Any, str]] = {
    "lookup": (values, "lookup"),
    "is_unknown": (values, "is_unknown"),
    "canonical_token": (tokens, "canonical_token"),
    "matches": (tokens, "matches"),
}


@pytest.fixture
def counting(monkeypatch: pytest.MonkeyPatch) -> Iterator[Counter[str]]:
    """Wrap each counted primitive in every policies module that bound it."""
    calls: Counter[str] = Counter()
    originals = {name: getattr(mod, attr) for name, (mod, attr) in COUNTED.items()}

    def counter(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            calls[name] += 1
            return fn(*args, **kwargs)
        return wrapped

    patched = 0
    for modname, module in list(sys.modules.items()):
        if not modname.startswith("sovereign_components.policies") or module is None:
            continue
        for name, fn in originals.items():
            if getattr(module, name, None) is fn:
                monkeypatch.setattr(module, name, counter(name, fn))
                patched += 1
    assert patched >= len(COUNTED), "the counted primitives were not found in the policies modules"
    yield calls


STACK_RULES = [r for r in RULES if r.kind == "stack"]


def run_stack_rules(resources: list[StackResource]) -> dict[str, list[Finding]]:
    out = {}
    for rule in STACK_RULES:
        assert rule.stack_check is not None
        out[rule.name] = rule.stack_check(resources, EU)
    return out


def test_synthetic_unit_exercises_every_stack_rule() -> None:
    """The synthetic stack is not vacuous: each outside unit trips the rules it should, and
    the inside units pass (so the growth test below measures real placements)."""
    stack = synthetic_stack(OUTSIDE_EVERY)  # unit 0 outside (eastus), units 1-2 inside
    found = run_stack_rules(stack)
    outside = {r.urn for r in _unit(0, stack[0])}
    inside_units = {r.urn for i in (1, 2) for r in _unit(i, stack[0])}
    for rule in ("eventgrid-destinations-in-boundary", "eventhub-capture-in-boundary",
                 "diagnostic-sinks-in-boundary", "dr-partner-in-boundary", "object-replication-in-boundary",
                 "servicebus-forwarding-in-boundary", "private-endpoint-targets-in-boundary"):
        urns = {f.urn for f in found[rule]}
        assert urns, rule
        assert urns <= outside, (rule, urns - outside)
        assert not any(f.undecided for f in found[rule]), rule
    # three subscriptions of unit 0 point outside (child id + unknown dead letter, host, default host)
    assert {f.urn.rsplit("::", 1)[1] for f in found["eventgrid-destinations-in-boundary"]} == {
        "sub0", "subh0", "subd0"}
    # every data/messaging resource has its endpoint / diagnostic setting except those left without
    advisory = {f.urn.rsplit("::", 1)[1] for f in found["private-endpoints-present"]}
    assert advisory == {"ns0", "eh0", "ns1", "eh1", "ns2", "eh2", "topic0", "topic1", "topic2"}
    diagnostics = {f.urn.rsplit("::", 1)[1] for f in found["diagnostic-settings-present"]}
    assert diagnostics == {"cosmos0", "cosmos1", "cosmos2", "topic0", "topic1", "topic2"}
    # the value scan and the parents: the outside unit's children and sinks, nothing inside
    assert {f.urn.rsplit("::", 1)[1] for f in found["data-flows-in-boundary"]} == {"q0", "hub0", "diag0", "diage0",
                                                                                   "dr0", "orp0", "subh0"}
    assert not inside_units & {f.urn for rule, fs in found.items() if "present" not in rule for f in fs}


def test_stack_rule_work_grows_linearly(counting: Counter[str]) -> None:
    small, large = synthetic_stack(SMALL), synthetic_stack(LARGE)
    assert len(large) / len(small) == pytest.approx(5, rel=0.02)

    counting.clear()
    small_findings = run_stack_rules(small)
    small_calls = sum(counting.values())
    counting.clear()
    large_findings = run_stack_rules(large)
    large_calls = sum(counting.values())

    # the same verdicts per unit, so the two runs did comparable work
    for rule in STACK_RULES:
        assert len(large_findings[rule.name]) == 5 * len(small_findings[rule.name]), rule.name
    assert small_calls > 0
    growth = large_calls / small_calls
    assert growth <= MAX_GROWTH, f"stack rules did {growth:.1f}x the work for 5x the resources ({dict(counting)})"
