"""ComplianceDLQ: where sovereignty violations go, who hears about them, and how long the
evidence is kept.

The source design's ``deadLetterConfiguration`` (``maxDeliveryCount: 3``,
``deadLetterQueue: sovereignty-violations-dlq``, alert on the first violation to the security
team, ``retention.days: 90``, ``archiveToStorage: true``) as Azure resources:

- a Service Bus queue in the event plane's namespace that the processing queue forwards its
  dead letters to;
- an action group (e-mail) and a metric alert on that queue;
- an immutable (time-based retention) blob container in a regional storage account with every
  secure default of the policy pack, and a lifecycle rule that deletes blobs after retention.

The queue, the archive account and the container are protected by default: they hold the
evidence of violations.
"""

from __future__ import annotations

from typing import Any, NotRequired, Optional

import pulumi

from . import wiring
from .args import CommonArgs
from .validation import derive_storage_account_name, validate_dlq_args
from ..geo.regions import canonical_region, get_region

#: Source design: ``deadLetterQueue: "sovereignty-violations-dlq"``.
DEFAULT_QUEUE_NAME = "sovereignty-violations-dlq"
#: Source design: ``retention.days: 90`` (regulatory retention).
DEFAULT_RETENTION_DAYS = 90
#: Source design: ``maxDeliveryCount: 3``.
DEFAULT_MAX_DELIVERY_COUNT = 3
#: Source design: ``threshold: 1  # Alert on first violation``.
DEFAULT_ALERT_THRESHOLD = 1
#: Container the archiver writes the violation records to.
DEFAULT_ARCHIVE_CONTAINER = "sovereignty-violations"
#: Severity 1 (Error): a violation means regulated data reached the wrong region's pipeline.
ALERT_SEVERITY = 1
#: Service Bus metric and namespace the alert reads (Azure Monitor supported metrics for
#: Microsoft.ServiceBus/namespaces; dimension ``EntityName`` selects the queue).
ALERT_METRIC = "ActiveMessages"
ALERT_METRIC_NAMESPACE = "Microsoft.ServiceBus/namespaces"


class ComplianceDLQArgs(CommonArgs):
    """Arguments of :class:`ComplianceDLQ`."""

    service_bus_namespace_name: pulumi.Input[str]
    """Service Bus namespace the queue is created in: the event plane's, because Service Bus
    forwards dead letters only to an entity of the same namespace."""
    service_bus_namespace_id: pulumi.Input[str]
    """ARM id of that namespace: the scope of the metric alert."""
    alert_email: pulumi.Input[str]
    """Who is told about a violation (the source design's ``notification`` address)."""
    queue_name: NotRequired[str]
    """Queue name; default ``sovereignty-violations-dlq`` (source design), the name the
    processor guard and the archiver function read from app settings."""
    retention_days: NotRequired[int]
    """How long evidence is kept; default 90 (source design "regulatory retention"). The queue's
    message time-to-live, the container's immutability period and the lifecycle deletion all
    equal it, so nothing can be deleted earlier and nothing is kept much longer."""
    max_delivery_count: NotRequired[int]
    """Deliveries before a message of this queue is dead-lettered; default 3 (source design)."""
    alert_threshold: NotRequired[int]
    """Messages in the queue that fire the alert; default 1 (source design: alert on the first
    violation)."""
    archive: NotRequired[bool]
    """Create the immutable blob archive; default True (source design ``archiveToStorage``)."""
    archive_account_name: NotRequired[str]
    """Storage account name of the archive (3-24 lower-case letters and digits, globally unique);
    default derived from the component name, a hash of project/stack/name and ``dlq``."""


class ComplianceDLQ(pulumi.ComponentResource):
    """The compliance dead-letter queue, its alert and its immutable archive (one region)."""

    queue_name: pulumi.Output[str]
    """Name of the compliance dead-letter queue."""
    queue_id: pulumi.Output[str]
    """ARM id of the queue."""
    action_group_id: pulumi.Output[str]
    """ARM id of the action group that e-mails ``alert_email``."""
    alert_id: pulumi.Output[str]
    """ARM id of the metric alert on the queue."""
    archive_account_name: pulumi.Output[Optional[str]]
    """Archive storage account name (``None`` when ``archive`` is False)."""
    archive_account_id: pulumi.Output[Optional[str]]
    """Archive storage account ARM id (``None`` when ``archive`` is False)."""
    archive_container_name: pulumi.Output[Optional[str]]
    """Immutable archive container name (``None`` when ``archive`` is False)."""
    archive_blob_endpoint: pulumi.Output[Optional[str]]
    """Blob endpoint of the archive account (``None`` when ``archive`` is False)."""

    def __init__(self, name: str, args: ComplianceDLQArgs, opts: pulumi.ResourceOptions | None = None) -> None:
        # Validate before registering anything, the component included: an invalid DLQ must
        # not leave a half-built tree in the preview.
        validate_dlq_args(args)
        super().__init__("sovereign:index:ComplianceDLQ", name, {}, opts)

        location = args["location"]
        if isinstance(location, str):
            location = canonical_region(location)
        rg = args["resource_group_name"]
        retention = int(args.get("retention_days", DEFAULT_RETENTION_DAYS))
        protect = bool(args.get("protect", True))
        tags = wiring.merge_tags({"purpose": "sovereignty-compliance"}, args.get("tags"))

        queue = self._queue(name, args, retention, protect)
        group = self._action_group(name, args, rg, tags)
        alert = self._alert(name, args, rg, queue.name, group.id, tags)

        archive_outputs: dict[str, Any] = {
            "archive_account_name": None,
            "archive_account_id": None,
            "archive_container_name": None,
            "archive_blob_endpoint": None,
        }
        main_id: pulumi.Input[str] = queue.id
        if bool(args.get("archive", True)):
            account, container = self._archive(name, args, location, retention, protect, tags)
            main_id = account.id
            archive_outputs = {
                "archive_account_name": account.name,
                "archive_account_id": account.id,
                "archive_container_name": container.name,
                "archive_blob_endpoint": account.primary_endpoints.apply(lambda e: e.blob if e is not None else None),
            }

        wiring.subscription_role_assignments(name, scope=main_id, assignments=args.get("role_assignments"), parent=self)

        # The name is our own input, so it is known even in a preview; deriving it from the
        # queue's URN (always known) keeps the dependency on the queue, so an entity that
        # forwards here waits for it and a stack policy can resolve the forwarding target.
        plain_queue_name = args.get("queue_name", DEFAULT_QUEUE_NAME)
        self.queue_name = (
            queue.urn.apply(lambda _: plain_queue_name) if isinstance(plain_queue_name, str) else queue.name
        )
        self.queue_id = queue.id
        self.action_group_id = group.id
        self.alert_id = alert.id
        self.archive_account_name = pulumi.Output.from_input(archive_outputs["archive_account_name"])
        self.archive_account_id = pulumi.Output.from_input(archive_outputs["archive_account_id"])
        self.archive_container_name = pulumi.Output.from_input(archive_outputs["archive_container_name"])
        self.archive_blob_endpoint = pulumi.Output.from_input(archive_outputs["archive_blob_endpoint"])
        self.register_outputs(
            {
                "queue_name": self.queue_name,
                "queue_id": self.queue_id,
                "action_group_id": self.action_group_id,
                "alert_id": self.alert_id,
                **archive_outputs,
            }
        )

    def _queue(self, name: str, args: ComplianceDLQArgs, retention: int, protect: bool) -> pulumi.CustomResource:
        from pulumi_azure_native import servicebus

        return servicebus.Queue(
            f"{name}-queue",
            queue_name=args.get("queue_name", DEFAULT_QUEUE_NAME),
            namespace_name=args["service_bus_namespace_name"],
            resource_group_name=args["resource_group_name"],
            # Kept at least the retention period (ISO-8601 days): a violation record must not
            # expire before the regulator's retention ends, even if the archiver is down.
            default_message_time_to_live=f"P{retention}D",
            # A message that still expires is moved to the queue's own dead-letter sub-queue
            # (which never expires) instead of being dropped: evidence is never lost silently.
            dead_lettering_on_message_expiration=True,
            max_delivery_count=int(args.get("max_delivery_count", DEFAULT_MAX_DELIVERY_COUNT)),
            # Five minutes (the Service Bus maximum): the archiver writes a blob per message
            # before it completes it; a short lock would redeliver and double-archive.
            lock_duration="PT5M",
            # No duplicate detection: forwarded dead letters keep their message id, and two
            # violations of one event (e.g. a retried publish) are two pieces of evidence.
            requires_duplicate_detection=False,
            requires_session=False,
            opts=wiring.child_opts(self, protect=protect),
        )

    def _action_group(
        self, name: str, args: ComplianceDLQArgs, rg: pulumi.Input[str], tags: dict[str, pulumi.Input[str]]
    ) -> pulumi.CustomResource:
        from pulumi_azure_native import monitor

        return monitor.ActionGroup(
            f"{name}-alerts",
            resource_group_name=rg,
            # Action groups are global resources (G10: "Global" is their only location); they
            # carry the alert notification, never event data.
            location="Global",
            # At most 12 characters (the short name appears in SMS/e-mail subjects).
            group_short_name="sovviolation",
            enabled=True,
            email_receivers=[
                monitor.MicrosoftCommonEmailReceiverArgs(
                    name="sovereignty-compliance",
                    email_address=args["alert_email"],
                    use_common_alert_schema=True,
                )
            ],
            tags=tags,
            opts=wiring.child_opts(self),
        )

    def _alert(
        self,
        name: str,
        args: ComplianceDLQArgs,
        rg: pulumi.Input[str],
        queue_name: pulumi.Input[str],
        action_group_id: pulumi.Input[str],
        tags: dict[str, pulumi.Input[str]],
    ) -> pulumi.CustomResource:
        from pulumi_azure_native import monitor

        threshold = int(args.get("alert_threshold", DEFAULT_ALERT_THRESHOLD))
        return monitor.MetricAlert(
            f"{name}-alert",
            resource_group_name=rg,
            # Metric alert rules are global resources (G10); the metric data stays in Azure
            # Monitor's regional store of the namespace.
            location="global",
            description="A message reached the compliance dead-letter queue: data was routed to the wrong sovereignty boundary.",
            scopes=[args["service_bus_namespace_id"]],
            severity=ALERT_SEVERITY,
            enabled=True,
            evaluation_frequency="PT1M",
            window_size="PT5M",
            auto_mitigate=True,
            criteria=monitor.MetricAlertSingleResourceMultipleMetricCriteriaArgs(
                odata_type="Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria",
                all_of=[
                    monitor.MetricCriteriaArgs(
                        criterion_type="StaticThresholdCriterion",
                        name="violations-in-dlq",
                        # ActiveMessages (not IncomingMessages): on Premium namespaces
                        # IncomingMessages excludes auto-forwarded messages, which is exactly
                        # how dead letters arrive here. Maximum, so a message the archiver
                        # drains within the minute still counts.
                        metric_name=ALERT_METRIC,
                        metric_namespace=ALERT_METRIC_NAMESPACE,
                        dimensions=[
                            monitor.MetricDimensionArgs(name="EntityName", operator="Include", values=[queue_name])
                        ],
                        operator="GreaterThanOrEqual",
                        threshold=float(threshold),
                        time_aggregation="Maximum",
                    )
                ],
            ),
            actions=[monitor.MetricAlertActionArgs(action_group_id=action_group_id)],
            tags=tags,
            opts=wiring.child_opts(self),
        )

    def _archive(
        self,
        name: str,
        args: ComplianceDLQArgs,
        location: pulumi.Input[str],
        retention: int,
        protect: bool,
        tags: dict[str, pulumi.Input[str]],
    ) -> tuple[pulumi.CustomResource, pulumi.CustomResource]:
        from pulumi_azure_native import storage

        rg = args["resource_group_name"]
        account_name = args.get("archive_account_name") or derive_storage_account_name(
            name, "dlq", f"{pulumi.get_project()}/{pulumi.get_stack()}/{name}"
        )
        account = storage.StorageAccount(
            f"{name}-archive",
            account_name=account_name,
            resource_group_name=rg,
            location=location,
            sku=storage.SkuArgs(name=wiring.in_region_storage_sku(
                isinstance(location, str) and get_region(location).availability_zones)),
            identity=_archive_identity(args),
            **wiring.secure_storage_account_settings(),  # T1-T7, G11
            encryption=_archive_encryption(args),
            tags=tags,
            opts=wiring.child_opts(self, protect=protect),
        )
        container = storage.BlobContainer(
            f"{name}-archive-container",
            account_name=account.name,
            resource_group_name=rg,
            container_name=DEFAULT_ARCHIVE_CONTAINER,
            # T2: explicitly private.
            public_access="None",
            opts=wiring.child_opts(self, protect=protect),
        )
        storage.BlobContainerImmutabilityPolicy(
            f"{name}-archive-immutability",
            account_name=account.name,
            container_name=container.name,
            resource_group_name=rg,
            immutability_policy_name="default",
            # WORM for the retention period: nobody (not even an owner) can alter or delete a
            # violation record before the regulator's retention ends.
            immutability_period_since_creation_in_days=retention,
            # The archiver appends records to append blobs; appends stay allowed, edits do not.
            allow_protected_append_writes=True,
            opts=wiring.child_opts(self, protect=protect),
        )
        storage.ManagementPolicy(
            f"{name}-archive-lifecycle",
            account_name=account.name,
            resource_group_name=rg,
            management_policy_name="default",
            policy=storage.ManagementPolicySchemaArgs(
                rules=[
                    storage.ManagementPolicyRuleArgs(
                        name="delete-after-retention",
                        type="Lifecycle",
                        enabled=True,
                        definition=storage.ManagementPolicyDefinitionArgs(
                            filters=storage.ManagementPolicyFilterArgs(
                                blob_types=["blockBlob", "appendBlob"],
                                prefix_match=[f"{DEFAULT_ARCHIVE_CONTAINER}/"],
                            ),
                            actions=storage.ManagementPolicyActionArgs(
                                base_blob=storage.ManagementPolicyBaseBlobArgs(
                                    # Measured from creation like the immutability period, so
                                    # a blob becomes deletable and is deleted at retention.
                                    delete=storage.DateAfterModificationArgs(days_after_creation_greater_than=retention),
                                )
                            ),
                        ),
                    )
                ]
            ),
            opts=wiring.child_opts(self),
        )

        # Blob logs live on the blob service, not the account (which has metrics only).
        wiring.attach_data_plane(
            f"{name}-archive",
            resource_id=account.id,
            group_id="blob",
            args=args,
            location=location,
            resource_group_name=rg,
            parent=self,
            tags=tags,
            diagnostics_resource_id=pulumi.Output.concat(account.id, "/blobServices/default"),
            metrics=False,
        )
        return account, container


def _archive_identity(args: ComplianceDLQArgs) -> Any:
    """System-assigned identity always (managed identities only); plus the customer-managed
    key's user-assigned identity when one is given (the account reads the key with it)."""
    from pulumi_azure_native import storage

    cmk = args.get("customer_managed_key") or {}
    identity = cmk.get("user_assigned_identity_id")
    if identity is None:
        return storage.IdentityArgs(type="SystemAssigned")
    return storage.IdentityArgs(type="SystemAssigned,UserAssigned", user_assigned_identities=[identity])


def _archive_encryption(args: ComplianceDLQArgs) -> Any:
    """Infrastructure (double) encryption always (T9); a customer-managed key when given (T10).

    Storage needs a user-assigned identity to read a customer-managed key at creation time
    (a system-assigned one does not exist yet), so the key's identity is required then.
    """
    from pulumi_azure_native import storage

    cmk = args.get("customer_managed_key")
    if not cmk:
        return storage.EncryptionArgs(key_source="Microsoft.Storage", require_infrastructure_encryption=True)
    key_uri = cmk["key_vault_key_uri"]
    vault_uri = pulumi.Output.from_input(key_uri).apply(lambda u: "/".join(u.split("/")[:3]) + "/")
    key_name = pulumi.Output.from_input(key_uri).apply(lambda u: u.split("/")[4])
    identity = cmk.get("user_assigned_identity_id")
    return storage.EncryptionArgs(
        key_source="Microsoft.Keyvault",
        require_infrastructure_encryption=True,
        key_vault_properties=storage.KeyVaultPropertiesArgs(key_vault_uri=vault_uri, key_name=key_name),
        encryption_identity=storage.EncryptionIdentityArgs(encryption_user_assigned_identity=identity) if identity else None,
    )
