"""Who may send to a metadata topic (part of ``eventgrid-destinations-in-boundary``, G8). Pure.

A declared metadata channel may deliver outside the boundary because of what its topic carries:
the stack's dedicated metadata topic (tagged ``TOPIC_KIND_TAG: METADATA_TOPIC_KIND``) receives
only what the metadata publisher sends - ``MetadataEvent``s, never a full event. The channel's
filter keeps full events out only if nobody else can publish one there. So on every tagged
metadata topic of the stack, exactly one principal may hold a role that can send to it:

- the metadata publisher is the principal of the "EventGrid Data Sender" assignment(s) scoped to
  the topic itself (the components create exactly one); two different principals there, or none
  while other senders exist, means the publisher cannot be told apart - every such assignment is
  blocked;
- any other role assignment whose role can send events (EventGrid Data Sender, EventGrid Data
  Contributor, EventGrid Contributor, Contributor, Owner:
  https://learn.microsoft.com/azure/role-based-access-control/built-in-roles and
  https://learn.microsoft.com/azure/event-grid/security-authorization) and whose scope covers the
  topic (the topic, its resource group, its subscription, a management group) for a principal
  other than the publisher is blocked.

Principals are compared by value when known, else by the resources the value was computed from
(a managed identity's ``principalId`` output). An assignment covering the topic whose role or
principal cannot be read is undecided (never assumed harmless); one whose scope cannot be read
and is computed from nothing located is undecided too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ...events.names import METADATA_TOPIC_KIND, TOPIC_KIND_TAG
from ..arm import parse_arm_id
from ..findings import Finding, StackResource
from ..resolve import RESOURCE_GROUP, StackIndex
from ..tokens import canonical_token, matches
from ..values import is_unknown, lookup

CONTROL = "G8"
ROLE_ASSIGNMENT = "azure-native:authorization:RoleAssignment"
DATA_SENDER = "d5a91429-5739-47e2-a06b-3470a27159e7"
#: Built-in roles (definition GUID -> name) whose actions or data actions include publishing to
#: an Event Grid topic (``Microsoft.EventGrid/topics/events/send/action``, or ``*``).
SENDING_ROLES: Mapping[str, str] = {
    DATA_SENDER: "EventGrid Data Sender",
    "1d8c3fe3-8864-474b-8749-01e3783e8157": "EventGrid Data Contributor",
    "1e241071-0855-49ea-94dc-649edcd759de": "EventGrid Contributor",
    "b24988ac-6180-42a0-ab88-20f7382dd24c": "Contributor",
    "8e3af657-a8ff-443c-a75c-2fe8c4bcb635": "Owner",
}
_UNKNOWN = object()


def is_metadata_topic(res: StackResource) -> bool:
    if not matches(res.type, ("eventgrid:Topic",)):
        return False
    tags = lookup(res.props, "tags")
    if not isinstance(tags, Mapping):
        return False
    value = next((v for k, v in tags.items() if isinstance(k, str) and k.lower() == TOPIC_KIND_TAG.lower()), None)
    return isinstance(value, str) and value.lower() == METADATA_TOPIC_KIND.lower()


def _role(props: Mapping[str, Any]) -> Any:
    """The role definition GUID (lower case), or ``_UNKNOWN``."""
    value = lookup(props, "roleDefinitionId")
    if not isinstance(value, str) or is_unknown(value) or not value.strip():
        return _UNKNOWN
    return value.strip().rstrip("/").rsplit("/", 1)[-1].lower()


def _principal(res: StackResource) -> Any:
    """What identifies the principal: its id, else the resources it was computed from."""
    value = lookup(res.props, "principalId")
    if isinstance(value, str) and value.strip() and not is_unknown(value):
        return value.strip().lower()
    deps = frozenset(res.property_dependencies.get("principalId", ()))
    return deps or _UNKNOWN


def _covers(index: StackIndex, grant: StackResource, topic: StackResource) -> tuple[Any, bool]:
    """(whether ``grant``'s scope covers ``topic`` - True, False or ``_UNKNOWN`` - , exactly the topic)."""
    scope = lookup(grant.props, "scope")
    if isinstance(scope, str) and scope.strip() and not is_unknown(scope):
        parsed = parse_arm_id(scope)
        if parsed is not None and len(parsed.names) == 1:  # a top-level resource: the topic itself?
            target = index.find_by_arm_id(scope, exclude=grant.urn)
            if target is not None and target.urn == topic.urn:
                return True, True
        return _above(scope, topic), False
    deps = [index.by_urn[u] for u in grant.property_dependencies.get("scope", ()) if u in index.by_urn]
    if any(d.urn == topic.urn for d in deps):
        return True, True
    if any(canonical_token(d.type) == RESOURCE_GROUP and _group_of(d, topic) for d in deps):
        return True, False
    return (False if deps else _UNKNOWN), False


def _above(scope: str, topic: StackResource) -> Any:
    """Whether ``scope`` (a known id that is not the topic) is the topic's group, subscription
    or a management group above it."""
    low = scope.strip().rstrip("/").lower()
    if low.startswith("/providers/microsoft.management/managementgroups/"):
        return True  # membership is not in the stack: a management group may hold the subscription
    own = lookup(topic.props, "id")
    if isinstance(own, str) and own and not is_unknown(own):
        return own.lower().startswith(low + "/")
    parts = low.split("/")
    if len(parts) == 3 and parts[1] == "subscriptions":
        return True  # the topic's subscription is unknown: it may be this one
    if len(parts) == 5 and parts[1] == "subscriptions" and parts[3] == "resourcegroups":
        group = lookup(topic.props, "resourceGroupName")
        if isinstance(group, str) and not is_unknown(group):
            return group.lower() == parts[4]
        return _UNKNOWN
    return False


def _group_of(group: StackResource, topic: StackResource) -> bool:
    """Whether the resource group ``group`` of this stack is the one ``topic`` lives in."""
    if group.urn in topic.property_dependencies.get("resourceGroupName", ()):
        return True
    name, own = lookup(group.props, "resourceGroupName"), lookup(topic.props, "resourceGroupName")
    return isinstance(name, str) and isinstance(own, str) and not is_unknown(own) and name.lower() == own.lower()


def check_metadata_senders(index: StackIndex, resources: Sequence[StackResource]) -> list[Finding]:
    """Findings (on the role assignments) for every metadata topic with a sender besides its publisher."""
    topics = [r for r in resources if is_metadata_topic(r) and not r.external]
    if not topics:
        return []
    grants = [r for r in index.of_token("authorization:RoleAssignment") if not r.external]
    findings: list[Finding] = []
    for topic in topics:
        covering: list[tuple[StackResource, Any, bool]] = []
        for grant in grants:
            covers, exact = _covers(index, grant, topic)
            role = _role(grant.props)
            if covers is False or (role is not _UNKNOWN and role not in SENDING_ROLES):
                continue
            if covers is _UNKNOWN or role is _UNKNOWN:
                what = "scope" if covers is _UNKNOWN else "roleDefinitionId"
                findings.append(Finding(
                    f"authorization:RoleAssignment may grant sending rights on the metadata topic {topic.urn}, but its "
                    f"{what} is unknown in this preview; only the metadata publisher may send there", CONTROL,
                    grant.urn, undecided=True))
                continue
            covering.append((grant, role, exact))
        publishers = {_principal(g) for g, role, exact in covering if exact and role == DATA_SENDER}
        publisher = next(iter(publishers)) if len(publishers) == 1 else None
        for grant, role, exact in covering:
            principal = _principal(grant)
            if publisher is not None and publisher is not _UNKNOWN and principal == publisher:
                continue
            if principal is _UNKNOWN:
                findings.append(Finding(
                    f"authorization:RoleAssignment grants {SENDING_ROLES[role]} over the metadata topic {topic.urn} "
                    "to a principal unknown in this preview; only the metadata publisher may send there", CONTROL,
                    grant.urn, undecided=True))
                continue
            why = ("the metadata topic has more than one EventGrid Data Sender, so its one publisher cannot be told "
                   "apart" if len(publishers) > 1 else "it is not the metadata publisher (the one principal with "
                   "EventGrid Data Sender on the topic itself)")
            findings.append(Finding(
                f"authorization:RoleAssignment grants {SENDING_ROLES[role]} over the metadata topic {topic.urn} to "
                f"another principal ({why}): it could publish full events there, which the topic's metadata channels "
                "would deliver outside the boundary; grant sending rights on the metadata topic to the metadata "
                "publisher only", CONTROL, grant.urn))
    return findings
