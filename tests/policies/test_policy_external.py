"""Resources the program reads (``Resource.get``, ``StackReference``) through the real servicer
(``gate.pipeline.analyze``): the gate marks them ``__external: true`` for stack policies
(docs/engine.md, "External resources"). An existing resource is not created, so no finding is
*about* it; a reference *to* it whose region is unknown offline stays undecided (the run fails
closed unless --allow-undecided), never compliant and never a mandatory "cannot be placed"."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from sovereign_components.gate.pipeline import CapturedResource, analyze
from sovereign_components.policies.values import UNKNOWN

ROOT = Path(__file__).resolve().parents[2]
EU_CONFIG = json.loads((ROOT / "policy" / "config.eu.json").read_text())
SHARED = "/subscriptions/5d1e0b7a-0000-4000-8000-0000000000aa/resourceGroups/rg-shared/providers"
OWN = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers"
PROJECT = "urn:pulumi:dev::p"


def urn(token: str, name: str) -> str:
    return f"{PROJECT}::{token}::{name}"


def read(token: str, name: str, arm_id: str, **outputs: Any) -> CapturedResource:
    """A resource as the engine records ``<Class>.get(name, id=arm_id)``: no inputs, every output
    unknown offline unless given."""
    props = {"id": arm_id, "location": UNKNOWN, "name": UNKNOWN, **outputs}
    return CapturedResource(urn=urn(token, name), type=token, name=name, inputs={}, outputs=props,
                            id=arm_id, external=True)


def created(token: str, name: str, inputs: dict[str, Any], deps: dict[str, list[str]] | None = None) -> CapturedResource:
    return CapturedResource(urn=urn(token, name), type=token, name=name, inputs=inputs, outputs=dict(inputs),
                            property_dependencies=deps or {})


ACCOUNT = read("azure-native:storage:StorageAccount", "existing", f"{SHARED}/Microsoft.Storage/storageAccounts/shared")
NAMESPACE = read("azure-native:servicebus:Namespace", "existing-ns", f"{SHARED}/Microsoft.ServiceBus/namespaces/sharedns")
REFERENCE = CapturedResource(urn=urn("pulumi:pulumi:StackReference", "platform"), type="pulumi:pulumi:StackReference",
                             name="platform", custom=True, inputs={"name": "org/platform/prod"},
                             outputs={"name": "org/platform/prod", "outputs": UNKNOWN}, external=True)
TOPIC = created("azure-native:eventgrid:Topic", "orders", {
    "resourceGroupName": "rg", "location": "westeurope", "publicNetworkAccess": "Disabled", "disableLocalAuth": True,
    "dataResidencyBoundary": "WithinRegion", "minimumTlsVersionAllowed": "1.2",
    "id": f"{OWN}/Microsoft.EventGrid/topics/orders"})


#: An undecided stack result names each resource it is about as "<urn>: <why>" in its message.
_ABOUT = re.compile(r"(urn:pulumi:\S+?): ")


def results(policy_pack: Any, *resources: CapturedResource) -> list[tuple[str, str, bool]]:
    """(resource name, policy, undecided) of every result, an undecided one per resource it names."""
    out = []
    for v in analyze(list(resources), policy_pack, EU_CONFIG).violations:
        urns = [v.urn] if v.urn else _ABOUT.findall(v.message)
        out.extend((u.rsplit("::", 1)[-1], v.policy, v.undecided) for u in urns)
    return out


def test_a_resource_only_read_gets_no_finding_about_itself(policy_pack: Any) -> None:
    """Reading an existing account and namespace creates nothing: no private-endpoint,
    diagnostic-setting, perimeter or placement finding names them, decided or not."""
    found = results(policy_pack, ACCOUNT, NAMESPACE, REFERENCE)
    assert [f for f in found if f[0] in ("existing", "existing-ns", "platform")] == []


def test_a_flow_to_a_read_resource_of_unknown_region_is_undecided(policy_pack: Any) -> None:
    """An Event Grid subscription delivering to a queue of the existing account: its region is
    unknown offline, so the verdict is undecided (fails closed), not compliant and not a
    mandatory 'cannot be placed'."""
    subscription = created("azure-native:eventgrid:EventSubscription", "to-existing", {
        "scope": TOPIC.inputs["id"], "destination": {"endpointType": "StorageQueue", "queueName": "q",
                                                    "resourceId": ACCOUNT.id}},
        deps={"scope": [TOPIC.urn], "destination": [ACCOUNT.urn]})
    found = results(policy_pack, ACCOUNT, TOPIC, subscription)
    about = [f for f in found if f[0] == "to-existing"]
    assert about and all(undecided for _, _, undecided in about), about
    assert [f for f in found if f[0] == "existing"] == []


def test_a_child_written_into_a_read_parent_is_undecided(policy_pack: Any) -> None:
    queue = created("azure-native:servicebus:Queue", "q2", {
        "resourceGroupName": "rg-shared", "namespaceName": "sharedns", "queueName": "q2"},
        deps={"namespaceName": [NAMESPACE.urn]})
    found = results(policy_pack, NAMESPACE, queue)
    about = [f for f in found if f[0] == "q2"]
    assert about and all(undecided for _, _, undecided in about), about


def test_a_read_resource_of_known_region_places_what_refers_to_it(policy_pack: Any) -> None:
    """Recorded state (check-state) knows where the existing resource is: a flow to it is
    judged by that region, like a flow to a created one."""
    subscription = created("azure-native:eventgrid:EventSubscription", "to-existing", {
        "scope": TOPIC.inputs["id"], "destination": {"endpointType": "StorageQueue", "queueName": "q",
                                                    "resourceId": ACCOUNT.id}},
        deps={"scope": [TOPIC.urn], "destination": [ACCOUNT.urn]})
    for region, blocked in (("westeurope", False), ("eastus", True)):
        account = read(ACCOUNT.type, "existing", ACCOUNT.id, location=region)
        about = [f for f in results(policy_pack, account, TOPIC, subscription) if f[0] == "to-existing"]
        assert bool([f for f in about if not f[2]]) is blocked, (region, about)
        assert not [f for f in about if f[2]], about


def test_a_created_resource_cannot_pass_for_a_read_one(policy_pack: Any) -> None:
    """Only the gate sets the marker: a created account whose inputs carry ``__external`` is
    still judged (the analyzer drops the program's key)."""
    account = created("azure-native:storage:StorageAccount", "fake", {
        "__external": True, "resourceGroupName": "rg", "location": "eastus", "accountName": "fake"})
    found = results(policy_pack, account)
    assert any(f[0] == "fake" and f[1] == "allowed-locations" for f in found)
    assert any(f[0] == "fake" and f[1] == "private-endpoints-present" for f in found)
