"""Service Bus namespace + session processing queue, and Event Hubs namespace + event hub."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pulumi

from .context import PlaneContext
from .defaults import CAPTURE, CONTAINERS, EVENT_HUB_RETENTION_DAYS, PROCESSING_QUEUE, SERVICE_BUS_NETWORK_RULES
from .keys import split_key_uri


def _service_bus_encryption(ctx: PlaneContext) -> tuple[Any, str]:
    """Customer-managed key with infrastructure encryption when given (S4, S5; Premium only,
    checked by validation), unwrapped by the user-assigned identity."""
    from pulumi_azure_native import servicebus

    cmk = ctx.args.get("customer_managed_key")
    if not cmk:
        return None, "SystemAssigned"
    key = pulumi.Output.from_input(cmk["key_vault_key_uri"]).apply(split_key_uri)
    encryption = servicebus.EncryptionArgs(
        key_source="Microsoft.KeyVault",
        require_infrastructure_encryption=True,
        key_vault_properties=[
            servicebus.KeyVaultPropertiesArgs(
                key_name=key.apply(lambda k: k.key_name),
                key_vault_uri=key.apply(lambda k: k.vault_uri),
                identity=servicebus.UserAssignedIdentityPropertiesArgs(
                    user_assigned_identity=cmk["user_assigned_identity_id"]
                ),
            )
        ],
    )
    return encryption, "SystemAssigned, UserAssigned"


def service_bus_namespace(ctx: PlaneContext) -> pulumi.CustomResource:
    """Premium by default (private endpoints and CMK need it); public access and local (SAS key)
    auth off (S1, S2), TLS 1.2 (S3), a managed identity (S6), zone redundant where the region
    has zones (Premium only)."""
    from pulumi_azure_native import servicebus

    plan = ctx.plan
    premium = plan.service_bus_sku == "Premium"
    encryption, identity_type = _service_bus_encryption(ctx)
    cmk = ctx.args.get("customer_managed_key")
    return servicebus.Namespace(
        f"{ctx.name}-servicebus",
        namespace_name=ctx.names.service_bus_namespace,
        resource_group_name=ctx.resource_group_name,
        location=ctx.location,
        sku=servicebus.SBSkuArgs(
            name=plan.service_bus_sku,
            tier=plan.service_bus_sku,
            capacity=plan.service_bus_capacity if premium else None,
        ),
        public_network_access="Disabled",
        disable_local_auth=True,
        minimum_tls_version="1.2",
        identity=servicebus.IdentityArgs(
            type=identity_type,
            user_assigned_identities=[cmk["user_assigned_identity_id"]] if cmk else None,
        ),
        zone_redundant=plan.zone_redundant if premium else None,
        encryption=encryption,
        tags=ctx.tags,
        opts=ctx.opts(data=True),
    )


def namespace_name_of(ctx: PlaneContext, namespace: pulumi.CustomResource) -> pulumi.Output[str]:
    """The namespace's name, known at preview (it is ours) yet carrying a property dependency
    on the namespace (through its URN, which is known even when ids are not): that is how the
    policy pack places a location-less child such as the processing queue in the namespace's
    region when an Event Grid subscription delivers to it (G8, decided in --unknowns too)."""
    name = ctx.names.service_bus_namespace
    return namespace.urn.apply(lambda _: name)


def service_bus_network_rules(ctx: PlaneContext, namespace: pulumi.CustomResource) -> pulumi.CustomResource:
    """The namespace's network rule set: default action Deny, public network access Disabled
    (S1; the pack checks rule sets too, since one without it would re-open the namespace), no
    IP or virtual-network rules, and trusted Microsoft services allowed. The last is what lets
    the Event Grid topic deliver to the processing queue with its managed identity although
    the namespace has no public endpoint (Event Grid cannot use private endpoints); access is
    still decided by RBAC (Azure Service Bus Data Sender on the queue only, S2)."""
    from pulumi_azure_native import servicebus

    return servicebus.NamespaceNetworkRuleSet(
        f"{ctx.name}-servicebus-network-rules",
        namespace_name=namespace_name_of(ctx, namespace),
        resource_group_name=ctx.resource_group_name,
        **SERVICE_BUS_NETWORK_RULES,
        opts=ctx.opts(depends_on=[namespace]),
    )


def processing_queue(
    ctx: PlaneContext, namespace: pulumi.CustomResource, dead_letter_queue_name: pulumi.Input[str]
) -> pulumi.CustomResource:
    """The source design's session queue: strict order per session, ``maxDeliveryCount`` 3,
    expired messages dead-lettered, duplicates detected; dead letters are forwarded to the
    ComplianceDLQ queue of the same namespace (so they never leave it)."""
    from pulumi_azure_native import servicebus

    return servicebus.Queue(
        f"{ctx.name}-processing-queue",
        queue_name=ctx.plan.processing_queue_name,
        namespace_name=namespace_name_of(ctx, namespace),
        resource_group_name=ctx.resource_group_name,
        max_delivery_count=ctx.plan.max_delivery_count,
        forward_dead_lettered_messages_to=dead_letter_queue_name,
        **PROCESSING_QUEUE,
        opts=ctx.opts(depends_on=[namespace]),
    )


def event_hub_namespace(ctx: PlaneContext) -> pulumi.CustomResource:
    """Standard tier; public access and local auth off (H1, H2), TLS 1.2 (H3), a managed
    identity for identity-based Capture, zone redundant where the region has zones (H6).
    CMK is not offered: Event Hubs CMK needs a dedicated cluster (H5)."""
    from pulumi_azure_native import eventhub

    return eventhub.Namespace(
        f"{ctx.name}-eventhubs",
        namespace_name=ctx.names.event_hub_namespace,
        resource_group_name=ctx.resource_group_name,
        location=ctx.location,
        sku=eventhub.SkuArgs(name="Standard", tier="Standard", capacity=1),
        public_network_access="Disabled",
        disable_local_auth=True,
        minimum_tls_version="1.2",
        identity=eventhub.IdentityArgs(type="SystemAssigned"),
        zone_redundant=ctx.plan.zone_redundant,
        tags=ctx.tags,
        opts=ctx.opts(data=True),
    )


def event_hub(
    ctx: PlaneContext,
    namespace: pulumi.CustomResource,
    storage_account_id: pulumi.Input[str],
    depends_on: Sequence[pulumi.Resource],
) -> pulumi.CustomResource:
    """The ingestion hub; Capture (default on) writes Avro files to the regional account with
    the namespace's identity, never a key (G7)."""
    from pulumi_azure_native import eventhub

    capture = None
    if ctx.plan.capture_enabled:
        capture = eventhub.CaptureDescriptionArgs(
            enabled=True,
            encoding=CAPTURE["encoding"],
            interval_in_seconds=CAPTURE["interval_in_seconds"],
            size_limit_in_bytes=CAPTURE["size_limit_in_bytes"],
            skip_empty_archives=CAPTURE["skip_empty_archives"],
            destination=eventhub.DestinationArgs(
                name="EventHubArchive.AzureBlockBlob",
                storage_account_resource_id=storage_account_id,
                blob_container=CONTAINERS["capture"],
                archive_name_format=CAPTURE["archive_name_format"],
                identity=eventhub.CaptureIdentityArgs(type="SystemAssigned"),
            ),
        )
    return eventhub.EventHub(
        f"{ctx.name}-eventhub",
        event_hub_name=ctx.plan.event_hub_name,
        namespace_name=ctx.names.event_hub_namespace,
        resource_group_name=ctx.resource_group_name,
        partition_count=ctx.plan.event_hub_partition_count,
        message_retention_in_days=EVENT_HUB_RETENTION_DAYS,
        capture_description=capture,
        opts=ctx.opts(depends_on=[namespace, *depends_on]),
    )
