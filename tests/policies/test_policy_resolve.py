"""``StackIndex`` placing a known ARM id: a name-only match is accepted only in the same place
(every ancestor name, and the subscription / resource group where the candidate's own are
known); otherwise the target is unresolved and the G8 rule fails closed. Pure: hand-built
stacks, no pulumi."""

from __future__ import annotations

from typing import Any

import pytest

from sovereign_components.policies import context_from_config
from sovereign_components.policies.findings import StackResource
from sovereign_components.policies.resolve import StackIndex
from sovereign_components.policies.rules import cross_region as cr
from sovereign_components.policies.values import UNKNOWN

OWN_SUB = "00000000-0000-0000-0000-000000000000"
OTHER_SUB = "22222222-2222-2222-2222-222222222222"
EU = context_from_config({"boundary": "EU"})


def arm(sub: str, rg: str, rest: str) -> str:
    return f"/subscriptions/{sub}/resourceGroups/{rg}/providers/{rest}"


def res(name: str, token: str, props: dict[str, Any], **kw: Any) -> StackResource:
    return StackResource(urn=f"urn:pulumi:eu::p::{token}::{name}", type=token, name=name, props=props, **kw)


RG = res("rg", "azure-native:resources:ResourceGroup", {"location": "westeurope", "resourceGroupName": "rg-eu"})
# ids unknown (as in a real preview): only names, inputs and property dependencies place them
NS = res("ns", "azure-native:servicebus:Namespace",
         {"location": "westeurope", "namespaceName": "sov-eu-sb", "resourceGroupName": UNKNOWN},
         property_dependencies={"resourceGroupName": [RG.urn]})
QUEUE = res("queue", "azure-native:servicebus:Queue",
            {"namespaceName": UNKNOWN, "queueName": "sovereign-events", "resourceGroupName": UNKNOWN},
            property_dependencies={"namespaceName": [NS.urn], "resourceGroupName": [RG.urn]})
ACCOUNT = res("st", "azure-native:storage:StorageAccount",
              {"location": "westeurope", "accountName": "steu", "resourceGroupName": "rg-eu"})
APP = res("app", "azure-native:web:WebApp", {"location": "westeurope", "name": "proc-eu", "resourceGroupName": "rg-eu"})
STACK = [RG, NS, QUEUE, ACCOUNT, APP]

OWN_QUEUE_ID = arm(OWN_SUB, "rg-eu", "Microsoft.ServiceBus/namespaces/sov-eu-sb/queues/sovereign-events")
#: the other region's processing queue: same queue name, its own namespace and subscription
FOREIGN_QUEUE_ID = arm(OTHER_SUB, "rg-sov-us-eastus", "Microsoft.ServiceBus/namespaces/sov-us-sb/queues/sovereign-events")


def find(value: str, stack: list[StackResource] = STACK) -> StackResource | None:
    return StackIndex(stack).find_by_arm_id(value)


def subscription(resource_id: str, **kw: Any) -> StackResource:
    return res("sub", "azure-native:eventgrid:EventSubscription", {"deliveryWithResourceIdentity": {
        "identity": {"type": "SystemAssigned"},
        "destination": {"endpointType": "ServiceBusQueue", "resourceId": resource_id}}}, **kw)


def blocked(resource: StackResource) -> list[str]:
    return [f.urn for f in cr.check_references(cr.EVENTGRID, [*STACK, resource], EU) if not f.undecided]


def test_same_name_foreign_child_is_not_this_stacks_queue() -> None:
    assert find(FOREIGN_QUEUE_ID) is None
    s = subscription(FOREIGN_QUEUE_ID)
    assert blocked(s) == [s.urn]


def test_own_child_is_matched_through_its_parents_name() -> None:
    assert find(OWN_QUEUE_ID) is QUEUE
    assert StackIndex(STACK).region_of(QUEUE) == "westeurope"
    assert blocked(subscription(OWN_QUEUE_ID)) == []


@pytest.mark.parametrize("value", [
    # same subscription and group, another namespace holding a queue of the same name
    arm(OWN_SUB, "rg-eu", "Microsoft.ServiceBus/namespaces/sov-eu-sb-2/queues/sovereign-events"),
    # the right names in another resource group (the queue's group is known through its dependency)
    arm(OWN_SUB, "rg-elsewhere", "Microsoft.ServiceBus/namespaces/sov-eu-sb/queues/sovereign-events"),
])
def test_parent_or_group_mismatch_is_blocked(value: str) -> None:
    assert find(value) is None
    s = subscription(value)
    assert blocked(s) == [s.urn]


def test_unverifiable_parent_fails_closed() -> None:
    """A queue whose namespace name is unknown and depends on nothing cannot be shown to be the
    one the id names (its namespace is not in this stack either). With the namespace in the
    stack, the id still resolves - to the namespace, whose region every queue in it shares."""
    orphan = res("queue", "azure-native:servicebus:Queue", {"namespaceName": UNKNOWN, "queueName": "sovereign-events"})
    assert find(OWN_QUEUE_ID, [RG, orphan]) is None
    assert find(OWN_QUEUE_ID, [RG, NS, orphan]) is NS


def test_literal_parent_name_is_checked_too() -> None:
    queue = res("queue", "azure-native:servicebus:Queue", {"namespaceName": "sov-eu-sb", "queueName": "sovereign-events"})
    stack = [NS, queue]
    assert find(OWN_QUEUE_ID, stack) is queue
    assert find(FOREIGN_QUEUE_ID, stack) is None


def test_known_own_id_pins_the_subscription_and_group() -> None:
    """A candidate whose id is known is matched by prefix; a same-named id in another
    subscription is not it (namespace names are global, but the id says another place)."""
    own_id = arm(OWN_SUB, "rg-eu", "Microsoft.ServiceBus/namespaces/sov-eu-sb")
    ns = res("ns", "azure-native:servicebus:Namespace", {"location": "westeurope", "namespaceName": "sov-eu-sb",
                                                          "id": own_id})
    assert find(own_id + "/queues/anything", [ns]) is ns
    assert find(arm(OTHER_SUB, "rg-eu", "Microsoft.ServiceBus/namespaces/sov-eu-sb"), [ns]) is None
    assert find(arm(OWN_SUB, "rg-us", "Microsoft.ServiceBus/namespaces/sov-eu-sb/queues/q"), [ns]) is None


@pytest.mark.parametrize("value, expected", [
    (arm(OWN_SUB, "rg-eu", "Microsoft.Storage/storageAccounts/steu/blobServices/default/containers/dl"), "st"),
    (arm(OTHER_SUB, "rg-eu", "Microsoft.Storage/storageAccounts/stus/blobServices/default/containers/dl"), None),
    (arm(OWN_SUB, "rg-eu", "Microsoft.Web/sites/proc-eu/functions/EventGridTrigger"), "app"),
    (arm(OWN_SUB, "rg-eu", "Microsoft.Web/sites/proc-us/functions/EventGridTrigger"), None),
    (arm(OWN_SUB, "rg-us", "Microsoft.Web/sites/proc-eu/functions/EventGridTrigger"), None),  # group input differs
])
def test_container_and_function_ids_need_their_account_or_site(value: str, expected: str | None) -> None:
    found = find(value)
    assert (found.name if found else None) == expected


@pytest.mark.parametrize("target, ok", [(QUEUE, True), (res("far", "azure-native:servicebus:Namespace",
                                                            {"location": "eastus", "namespaceName": "far"}), False)])
def test_unknown_id_is_still_placed_by_property_dependency(target: StackResource, ok: bool) -> None:
    s = subscription(UNKNOWN, property_dependencies={"deliveryWithResourceIdentity": [RG.urn, target.urn]})
    found = cr.check_references(cr.EVENTGRID, [*STACK, target, s], EU)
    assert [f.undecided for f in found] == ([] if ok else [False])


def test_known_foreign_id_ignores_a_stale_dependency_on_the_own_queue() -> None:
    s = subscription(FOREIGN_QUEUE_ID, property_dependencies={"deliveryWithResourceIdentity": [QUEUE.urn]})
    assert blocked(s) == [s.urn]
