"""Cross-resource targets, checked over the whole stack (G6-G9, G11, Service Bus forwarding,
private-endpoint targets), plus the advisory coverage checks (PL, D1). Pure: no Pulumi.

Each guarded reference is a row of :data:`REFERENCES` (token, property path, the top-level
input whose property dependencies place it, control). Targets are placed by
:mod:`~sovereign_components.policies.resolve`; a target that cannot be placed inside the
boundary fails closed unless allow-listed in ``allowedExternalEndpoints`` with a region inside.
The one exception is a declared *metadata channel* (Event Grid subscriptions only): labelled
``events.names.METADATA_CHANNEL_LABEL``, filtered on the event attributes (not the body) to
``KIND_ATTRIBUTE`` exactly ``[METADATA_KIND]`` and to non-regulated classifications, reading from
a topic of this stack tagged ``TOPIC_KIND_TAG = METADATA_TOPIC_KIND``, it may deliver to an
allow-listed target outside the boundary - and only to one placed by the allow-list: a channel
aimed at a stack resource outside the boundary (or at a target placed through property
dependencies) is judged like any other subscription. Who may send to the metadata topic is
judged with the same policy (:mod:`.metadata_senders`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ...events.names import (
    CLASSIFICATION_ATTRIBUTE,
    KIND_ATTRIBUTE,
    METADATA_CHANNEL_LABEL,
    METADATA_KIND,
    NON_REGULATED_CLASSIFICATIONS,
)
from ..arm import is_reference
from ..context import NO_BOUNDARY_MESSAGE, PolicyContext
from ..findings import Finding, StackResource
from ..resolve import Placement, StackIndex, deps_of, outside
from ..tokens import canonical_token, matches, short
from ..values import MISSING, as_bool, as_list, is_unknown, lookup
from .metadata_senders import check_metadata_senders, is_metadata_topic


def is_event_subscription(token: str) -> bool:
    """Any Event Grid subscription class (EventSubscription, TopicEventSubscription, ...)."""
    parts = canonical_token(token).split(":")
    return len(parts) == 3 and parts[1] == "eventgrid" and parts[2].endswith("EventSubscription")


def _tokens(*names: str) -> Callable[[str], bool]:
    return lambda token: matches(token, names)


def _capture_enabled(props: Mapping[str, Any]) -> bool:
    """Capture targets matter only when capture is on (an unknown flag counts as on)."""
    flag = lookup(props, "captureDescription.enabled")
    return is_unknown(flag) or as_bool(flag) is True


@dataclass(frozen=True, slots=True)
class Reference:
    """A guarded reference: ``path`` on resources matching ``applies`` (``[]`` in the path
    iterates a list), placed through the property dependencies of ``dep_key``.

    ``kind``: ``"ref"`` = ARM id or URL; ``"name"`` = a bare name of a ``name_token`` resource
    (or an id/URL); ``"entity"`` = a Service Bus entity: a bare name is in the same namespace
    and needs no placement. ``always_external``: the target can never be a stack resource
    (``marketplacePartnerId``), so only the allow-list can place it."""

    control: str
    policy: str
    applies: Callable[[str], bool]
    path: str
    dep_key: str
    kind: str = "ref"
    name_token: tuple[str, str] | None = None
    when: Callable[[Mapping[str, Any]], bool] | None = None


EVENTGRID = "eventgrid-destinations-in-boundary"
CAPTURE = "eventhub-capture-in-boundary"
DIAGNOSTICS = "diagnostic-sinks-in-boundary"
DR = "dr-partner-in-boundary"
OBJECT_REPLICATION = "object-replication-in-boundary"
FORWARDING = "servicebus-forwarding-in-boundary"
PRIVATE_ENDPOINTS = "private-endpoint-targets-in-boundary"

_STORAGE = ("azure-native:storage:StorageAccount", "accountName")
#: Resource-level and subscription-level diagnostic settings send logs the same way (G9).
_DIAG = _tokens("monitor:DiagnosticSetting", "monitor:SubscriptionDiagnosticSetting")

REFERENCES: tuple[Reference, ...] = (
    Reference("G8", EVENTGRID, is_event_subscription, "destination.resourceId", "destination"),
    Reference("G8", EVENTGRID, is_event_subscription, "destination.endpointUrl", "destination"),
    Reference("G8", EVENTGRID, is_event_subscription, "deliveryWithResourceIdentity.destination.resourceId",
              "deliveryWithResourceIdentity"),
    Reference("G8", EVENTGRID, is_event_subscription, "deliveryWithResourceIdentity.destination.endpointUrl",
              "deliveryWithResourceIdentity"),
    Reference("G8", EVENTGRID, is_event_subscription, "deadLetterDestination.resourceId", "deadLetterDestination"),
    Reference("G8", EVENTGRID, is_event_subscription,
              "deadLetterWithResourceIdentity.deadLetterDestination.resourceId", "deadLetterWithResourceIdentity"),
    Reference("G7", CAPTURE, _tokens("eventhub:EventHub"), "captureDescription.destination.storageAccountResourceId",
              "captureDescription", when=_capture_enabled),
    Reference("G7", CAPTURE, _tokens("eventhub:EventHub"), "captureDescription.destination.dataLakeAccountName",
              "captureDescription", kind="name", when=_capture_enabled),
    Reference("G9", DIAGNOSTICS, _DIAG, "workspaceId", "workspaceId"),
    Reference("G9", DIAGNOSTICS, _DIAG, "storageAccountId", "storageAccountId"),
    Reference("G9", DIAGNOSTICS, _DIAG, "eventHubAuthorizationRuleId",
              "eventHubAuthorizationRuleId"),
    Reference("G9", DIAGNOSTICS, _DIAG, "serviceBusRuleId", "serviceBusRuleId"),
    Reference("G9", DIAGNOSTICS, _DIAG, "marketplacePartnerId",
              "marketplacePartnerId", kind="external"),
    Reference("G6", DR, _tokens("servicebus:DisasterRecoveryConfig", "eventhub:DisasterRecoveryConfig"),
              "partnerNamespace", "partnerNamespace",
              name_token=("azure-native:servicebus:Namespace", "namespaceName")),
    Reference("G11", OBJECT_REPLICATION, _tokens("storage:ObjectReplicationPolicy"), "sourceAccount",
              "sourceAccount", kind="name", name_token=_STORAGE),
    Reference("G11", OBJECT_REPLICATION, _tokens("storage:ObjectReplicationPolicy"), "destinationAccount",
              "destinationAccount", kind="name", name_token=_STORAGE),
    Reference("SB", FORWARDING, _tokens("servicebus:Queue", "servicebus:Subscription"), "forwardTo", "forwardTo",
              kind="entity"),
    Reference("SB", FORWARDING, _tokens("servicebus:Queue", "servicebus:Subscription"),
              "forwardDeadLetteredMessagesTo", "forwardDeadLetteredMessagesTo", kind="entity"),
    Reference("PE", PRIVATE_ENDPOINTS, _tokens("network:PrivateEndpoint"),
              "privateLinkServiceConnections[].privateLinkServiceId", "privateLinkServiceConnections"),
    Reference("PE", PRIVATE_ENDPOINTS, _tokens("network:PrivateEndpoint"),
              "manualPrivateLinkServiceConnections[].privateLinkServiceId", "manualPrivateLinkServiceConnections"),
)


def _values(props: Mapping[str, Any], path: str) -> list[tuple[str, Any]]:
    """(concrete path, value) for ``path``; ``[]`` iterates a list. Absent values are skipped;
    an unknown anywhere on the way is returned as that unknown."""
    if "[]" not in path:
        value = lookup(props, path)
        return [] if value is MISSING else [(path, value)]
    head, _, tail = path.partition("[].")
    items = lookup(props, head)
    if is_unknown(items):
        return [(head, items)]
    out = []
    for i, item in enumerate(as_list(items)):
        for sub, value in _values(item, tail) if isinstance(item, Mapping) else []:
            out.append((f"{head}[{i}].{sub}", value))
        if is_unknown(item):
            out.append((f"{head}[{i}]", item))
    return out


def _string_in(props: Mapping[str, Any], attribute: str) -> list[list[str]]:
    """The value lists of every ``StringIn`` advanced filter on the event attribute ``attribute``
    itself; a list holding an unknown or a non-string comes back with ``None`` in it. A filter on
    ``data.<attribute>`` does not count: the event body is whatever the producer wrote, while the
    CloudEvents attributes are what Event Grid routes on and the processor cross-checks against
    the body (``events.names.ATTRIBUTE_MISMATCH_REASON``)."""
    out = []
    for flt in as_list(lookup(props, "filter.advancedFilters")):
        if not isinstance(flt, Mapping):
            continue
        op, key = lookup(flt, "operatorType"), lookup(flt, "key")
        if not (isinstance(op, str) and op == "StringIn" and isinstance(key, str)):
            continue
        if key.lower() != attribute:
            continue
        out.append([v if isinstance(v, str) and not is_unknown(v) else None for v in as_list(lookup(flt, "values"))])
    return out


def is_metadata_channel(props: Mapping[str, Any]) -> bool:
    """A declared metadata channel, as far as its own inputs show: the label, an advanced filter
    ``StringIn`` on the kind attribute whose values are exactly ``[METADATA_KIND]`` (only a
    ``MetadataEvent`` carries it, so no full event can match, whatever its classification), and
    one ``StringIn`` on the classification attribute whose values are a non-empty subset of the
    non-regulated classifications. Advanced filters are ANDed, so others only narrow it - except
    ``enableAdvancedFilteringOnArrays``, which lets an array attribute with one allowed value
    through, so it disqualifies the channel. Where it reads from is judged with the stack
    (:func:`metadata_scope_ok`)."""
    labels = lookup(props, "labels")
    if is_unknown(labels) or METADATA_CHANNEL_LABEL not in [l for l in as_list(labels) if isinstance(l, str)]:
        return False
    if as_bool(lookup(props, "filter.enableAdvancedFilteringOnArrays")) is True:
        return False
    kind_ok = any(len(vals) == 1 and vals[0] is not None and vals[0].lower() == METADATA_KIND.lower()
                  for vals in _string_in(props, KIND_ATTRIBUTE))
    allowed = {c.lower() for c in NON_REGULATED_CLASSIFICATIONS}
    classification_ok = any(vals and all(v is not None and v.lower() in allowed for v in vals)
                            for vals in _string_in(props, CLASSIFICATION_ATTRIBUTE))
    return kind_ok and classification_ok


def _source_topic(index: StackIndex, res: StackResource) -> StackResource | None:
    """The Event Grid topic of this stack the subscription reads from (by ``scope`` id or its
    property dependencies; a ``TopicEventSubscription`` by ``topicName``)."""
    for key in ("scope", "topicName"):
        for urn in res.property_dependencies.get(key, ()):
            dep = index.by_urn.get(urn)
            if dep is not None and matches(dep.type, ("eventgrid:Topic",)):
                return dep
    scope = lookup(res.props, "scope")
    if isinstance(scope, str) and not is_unknown(scope):
        found = index.find_by_arm_id(scope, exclude=res.urn)
        if found is not None and matches(found.type, ("eventgrid:Topic",)):
            return found
    name = lookup(res.props, "topicName")
    if isinstance(name, str) and not is_unknown(name):
        return index.find_by_name("azure-native:eventgrid:Topic", "topicName", name, exclude=res.urn)
    return None


def metadata_scope_ok(index: StackIndex, res: StackResource) -> bool:
    """The channel reads from a topic this stack creates, tagged ``TOPIC_KIND_TAG =
    METADATA_TOPIC_KIND``: the dedicated metadata topic only the metadata publisher may send to
    (:mod:`.metadata_senders` blocks any other sender). A scope that resolves to no such topic
    is not a channel (fail closed)."""
    topic = _source_topic(index, res)
    return topic is not None and not topic.external and is_metadata_topic(topic)


def _verdict(res: StackResource, ref: Reference, path: str, placement: Placement, ctx: PolicyContext,
             metadata_channel: bool) -> Finding | None:
    what = f"{short(res.type)} {path}"
    if placement.status == "unknown":
        return Finding(f"{what}: {placement.via}", ref.control, res.urn, undecided=True)
    if placement.status == "unresolved":
        return Finding(f"{what}: {placement.via}; a target that cannot be placed inside the boundary is "
                       "blocked (allow-list it with its region in allowedExternalEndpoints)", ref.control, res.urn)
    if metadata_channel and placement.allow_listed:
        return None  # the declared channel's vouched-for target: may be outside (issue 6)
    if ctx.boundary is None:
        return Finding(f"{what}: {NO_BOUNDARY_MESSAGE}", ref.control, res.urn)
    out = outside(placement.regions, ctx)
    if out:
        return Finding(f"{what} targets region(s) {', '.join(sorted(set(out)))} (via {placement.via}), outside "
                       f"the sovereignty boundary {ctx.boundary_label}", ref.control, res.urn)
    return None


def check_references(policy: str, resources: Sequence[StackResource], ctx: PolicyContext) -> list[Finding]:
    """Every row of :data:`REFERENCES` for ``policy``, over the stack."""
    index = StackIndex(resources)
    rows = [r for r in REFERENCES if r.policy == policy]
    findings: list[Finding] = []
    for res in index.resources:
        if ctx.is_exempt(res.urn):
            continue
        channel = (is_event_subscription(res.type) and is_metadata_channel(res.props)
                   and metadata_scope_ok(index, res))
        seen_unknown: set[str] = set()
        for ref in rows:
            if not ref.applies(res.type) or (ref.when is not None and not ref.when(res.props)):
                continue
            for path, value in _values(res.props, ref.path):
                if is_unknown(value):
                    if ref.dep_key in seen_unknown:
                        continue
                    seen_unknown.add(ref.dep_key)
                elif ref.kind == "entity" and isinstance(value, str) and not is_reference(value):
                    continue  # an entity of the same namespace: never leaves it
                elif ref.kind == "external" and ctx.endpoint_region(str(value)) is None:
                    findings.append(Finding(
                        f"{short(res.type)} {path} sends data to an external partner {value!r}; allow-list it "
                        "with its region in allowedExternalEndpoints or remove it", ref.control, res.urn))
                    continue
                placement = index.resolve(res, ref.dep_key, value, ctx, name_token=ref.name_token)
                found = _verdict(res, ref, path, placement, ctx, channel)
                if found:
                    findings.append(found)
    if policy == EVENTGRID:
        findings.extend(f for f in check_metadata_senders(index, index.resources) if not ctx.is_exempt(f.urn))
    return findings


def references_check(policy: str) -> Callable[[Sequence[StackResource], PolicyContext], list[Finding]]:
    def check(resources: Sequence[StackResource], ctx: PolicyContext) -> list[Finding]:
        return check_references(policy, resources, ctx)

    check.__doc__ = f"Stack rule {policy}: the REFERENCES rows of that policy."
    return check


# -- advisory coverage ---------------------------------------------------------------------

#: Resources that should be reachable only through a private endpoint (PL anchors).
PRIVATE_LINK_TARGETS: tuple[str, ...] = (
    "eventgrid:Topic", "eventgrid:Domain", "servicebus:Namespace", "eventhub:Namespace",
    "cosmosdb:DatabaseAccount", "storage:StorageAccount",
)
#: Resources whose logs should be collected (D1 anchors: Service Bus, Event Hubs; plus the
#: other data/messaging services of this library).
DIAGNOSTIC_TARGETS: tuple[str, ...] = (
    "servicebus:Namespace", "eventhub:Namespace", "eventgrid:Topic", "eventgrid:Domain",
    "cosmosdb:DatabaseAccount",
)


def _targeted(index: StackIndex, token: str, keys: Sequence[str], paths: Sequence[str]) -> set[str]:
    """The URNs some ``token`` resource points at, through ``keys``'s property dependencies or a
    known id in one of ``paths``. Computed once per check (one pass over the ``token``
    resources), so the coverage checks stay linear in the stack (issue 5)."""
    targeted: set[str] = set()
    for res in index.of_token(token):
        targeted |= deps_of(res, keys)
        for path in paths:
            for _, value in _values(res.props, path):
                if isinstance(value, str) and not is_unknown(value):
                    found = index.find_by_arm_id(value, exclude=res.urn)
                    if found is not None:
                        targeted.add(found.urn)
    return targeted


def check_private_endpoints_present(resources: Sequence[StackResource], ctx: PolicyContext) -> list[Finding]:
    """PL: every data/messaging resource has a private endpoint targeting it (Service Bus only
    on Premium, the only tier with private link)."""
    index = StackIndex(resources)
    targeted = _targeted(index, "network:PrivateEndpoint",
                         ("privateLinkServiceConnections", "manualPrivateLinkServiceConnections"),
                         ("privateLinkServiceConnections[].privateLinkServiceId",
                          "manualPrivateLinkServiceConnections[].privateLinkServiceId"))
    findings = []
    for res in index.resources:
        if ctx.is_exempt(res.urn) or not matches(res.type, PRIVATE_LINK_TARGETS):
            continue
        if matches(res.type, ("servicebus:Namespace",)):
            sku = lookup(res.props, "sku.name")
            if isinstance(sku, str) and sku.lower() != "premium":
                continue
        if res.urn not in targeted:
            findings.append(Finding(f"{short(res.type)} has no private endpoint in this stack", "PL", res.urn))
    return findings


def check_diagnostic_settings_present(resources: Sequence[StackResource], ctx: PolicyContext) -> list[Finding]:
    """D1: every messaging/data resource has a diagnostic setting targeting it."""
    index = StackIndex(resources)
    targeted = _targeted(index, "monitor:DiagnosticSetting", ("resourceUri",), ("resourceUri",))
    findings = []
    for res in index.resources:
        if ctx.is_exempt(res.urn) or not matches(res.type, DIAGNOSTIC_TARGETS):
            continue
        if res.urn not in targeted:
            findings.append(Finding(f"{short(res.type)} has no diagnostic setting in this stack", "D1", res.urn))
    return findings
