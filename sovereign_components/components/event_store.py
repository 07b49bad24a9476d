"""SovereignEventStore: the region's system of record (Cosmos DB for NoSQL).

The source design's event store (``New-AzCosmosDBAccount -DefaultConsistencyLevel Strong
-EnableMultipleWriteLocations $false -PublicNetworkAccess Disabled``; container
``event-store`` in database ``events``, partition key ``/aggregateId``, default TTL 30 days)
with every sovereign default of the policy pack: the data stays in the boundary's regions,
no replica, failover or backup copy outside it (L3, G4), no public endpoint (C1), no keys
(C2, C3), TLS 1.2 (C6), identity-based data access (Cosmos DB SQL role assignments).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any, NotRequired

import pulumi

from . import wiring
from .args import CommonArgs
from .validation import derive_cosmos_account_name, validate_store_args
from ..geo.regions import canonical_region, get_region

DEFAULT_DATABASE_NAME = "events"
DEFAULT_CONTAINER_NAME = "event-store"
DEFAULT_PARTITION_KEY_PATH = "/aggregateId"
#: Source design: ``-DefaultTtl 2592000  # 30 days``.
DEFAULT_TTL_SECONDS = 2592000
DEFAULT_CONSISTENCY_LEVEL = "Strong"
DEFAULT_BACKUP_MODE = "Continuous"
DEFAULT_CONTINUOUS_TIER = "Continuous7Days"
DEFAULT_PERIODIC_REDUNDANCY = "Local"
#: Cosmos DB SQL built-in data-plane role the writers get (not Azure RBAC: local auth is off).
WRITER_ROLE = "Cosmos DB Built-in Data Contributor"

#: Event-envelope fields the store's queries filter or sort on (camelCase wire names of
#: ``events.SovereignEvent``); everything else, the payload above all, is not indexed.
INDEXED_PATHS: tuple[str, ...] = (
    "/aggregateId/?",
    "/aggregateType/?",
    "/eventType/?",
    "/eventVersion/?",
    "/timestamp/?",
    "/dataRegion/?",
    "/correlationId/?",
)
#: Not indexed: the root (so only the paths above are), the payload (regulated content, large,
#: never queried by the store) and the system etag.
EXCLUDED_PATHS: tuple[str, ...] = ("/*", "/payload/*", '/"_etag"/?')
#: Composite indexes for replaying an aggregate in order (by version, and by time).
COMPOSITE_INDEXES: tuple[tuple[tuple[str, str], ...], ...] = (
    (("/aggregateId", "ascending"), ("/eventVersion", "ascending")),
    (("/aggregateId", "ascending"), ("/timestamp", "ascending")),
)


class SovereignEventStoreArgs(CommonArgs):
    """Arguments of :class:`SovereignEventStore`."""

    account_name: NotRequired[str]
    """Cosmos DB account name (3-44 lower-case letters, digits, dashes; a global DNS name).
    Default derived from the component name and a hash of project/stack/name, so two stacks
    never collide."""
    database_name: NotRequired[str]
    """SQL database; default ``events`` (source design)."""
    container_name: NotRequired[str]
    """Event-store container; default ``event-store`` (source design)."""
    partition_key_path: NotRequired[str]
    """Partition key; default ``/aggregateId`` (source design): an aggregate's events live in
    one logical partition, so appends and replays are single-partition and ordered."""
    default_ttl_seconds: NotRequired[int]
    """Default item time-to-live; 2592000 s = 30 days (source design). -1 keeps items until
    they set their own ``ttl``."""
    consistency_level: NotRequired[str]
    """Default consistency; ``Strong`` (source design): with a single write region a reader
    never sees an append out of order."""
    additional_locations: NotRequired[Sequence[str]]
    """Read replicas, each inside the boundary (L3, G4); none by default: every replica is a
    copy of regulated data."""
    backup_mode: NotRequired[str]
    """``Continuous`` (default: point-in-time restore, backups stay in the account's regions)
    or ``Periodic``."""
    backup_storage_redundancy: NotRequired[str]
    """Periodic backups only: ``Local`` (default) or ``Zone``. ``Geo`` copies backups to the
    paired region and is rejected unless that pair is inside the boundary (G4, G2)."""
    continuous_backup_tier: NotRequired[str]
    """``Continuous7Days`` (default: free tier of point-in-time restore) or
    ``Continuous30Days``."""
    writer_principal_ids: NotRequired[Sequence[pulumi.Input[str]]]
    """Object ids of identities (e.g. the processor app) that get "Cosmos DB Built-in Data
    Contributor" on the database: data access by identity, since keys are disabled (C2)."""


class SovereignEventStore(pulumi.ComponentResource):
    """One region's Cosmos DB event store."""

    account_name: pulumi.Output[str]
    """Cosmos DB account name."""
    account_id: pulumi.Output[str]
    """Cosmos DB account ARM id."""
    endpoint: pulumi.Output[str]
    """Document endpoint (``https://<account>.documents.azure.com:443/``)."""
    database_name: pulumi.Output[str]
    """SQL database name."""
    container_name: pulumi.Output[str]
    """Event-store container name."""
    container_id: pulumi.Output[str]
    """Event-store container ARM id."""

    def __init__(self, name: str, args: SovereignEventStoreArgs, opts: pulumi.ResourceOptions | None = None) -> None:
        _, additional = validate_store_args(args)
        super().__init__("sovereign:index:SovereignEventStore", name, {}, opts)
        from pulumi_azure_native import cosmosdb

        location = args["location"]
        if isinstance(location, str):
            location = canonical_region(location)
        rg = args["resource_group_name"]
        protect = bool(args.get("protect", True))
        tags = wiring.merge_tags({"purpose": "event-store"}, args.get("tags"))
        account_name = args.get("account_name") or derive_cosmos_account_name(
            name, f"{pulumi.get_project()}/{pulumi.get_stack()}/{name}"
        )
        database_name = args.get("database_name", DEFAULT_DATABASE_NAME)
        container_name = args.get("container_name", DEFAULT_CONTAINER_NAME)

        account = cosmosdb.DatabaseAccount(
            f"{name}-account",
            account_name=account_name,
            resource_group_name=rg,
            location=location,
            database_account_offer_type="Standard",
            locations=_locations(location, additional),
            consistency_policy=cosmosdb.ConsistencyPolicyArgs(
                default_consistency_level=args.get("consistency_level", DEFAULT_CONSISTENCY_LEVEL)
            ),
            # G4: one write region; failover would promote a replica, and is only safe when
            # every replica is inside the boundary, so it is off (validation keeps replicas in).
            enable_multiple_write_locations=False,
            enable_automatic_failover=False,
            # C1/C4: private endpoints only, no trusted-service bypass.
            public_network_access="Disabled",
            network_acl_bypass="None",
            # C2/C3: Entra ID only; keys can neither read data nor change the schema.
            disable_local_auth=True,
            disable_key_based_metadata_write_access=True,
            # C6.
            minimal_tls_version="Tls12",
            backup_policy=_backup_policy(args),
            identity=_identity(args),
            default_identity=_default_identity(args),
            key_vault_key_uri=(args.get("customer_managed_key") or {}).get("key_vault_key_uri"),
            tags=tags,
            opts=wiring.child_opts(self, protect=protect),
        )
        database = cosmosdb.SqlResourceSqlDatabase(
            f"{name}-database",
            account_name=account.name,
            resource_group_name=rg,
            location=location,
            database_name=database_name,
            resource=cosmosdb.SqlDatabaseResourceArgs(id=database_name),
            tags=tags,
            opts=wiring.child_opts(self, protect=protect),
        )
        container = cosmosdb.SqlResourceSqlContainer(
            f"{name}-container",
            account_name=account.name,
            database_name=database.name,
            resource_group_name=rg,
            location=location,
            container_name=container_name,
            resource=cosmosdb.SqlContainerResourceArgs(
                id=container_name,
                partition_key=cosmosdb.ContainerPartitionKeyArgs(
                    paths=[args.get("partition_key_path", DEFAULT_PARTITION_KEY_PATH)], kind="Hash"
                ),
                default_ttl=int(args.get("default_ttl_seconds", DEFAULT_TTL_SECONDS)),
                indexing_policy=_indexing_policy(),
            ),
            tags=tags,
            opts=wiring.child_opts(self, protect=protect),
        )

        database_scope = pulumi.Output.concat(account.id, "/dbs/", database.name)
        role_definition = pulumi.Output.concat(account.id, "/sqlRoleDefinitions/", wiring.cosmos_role_guid(WRITER_ROLE))
        for index, principal in enumerate(args.get("writer_principal_ids") or []):
            cosmosdb.SqlResourceSqlRoleAssignment(
                f"{name}-writer-{index}",
                account_name=account.name,
                resource_group_name=rg,
                # A GUID is required; derived from the component and the position so it is
                # stable across runs (a changing id would replace the assignment every time).
                role_assignment_id=str(uuid.uuid5(uuid.NAMESPACE_URL, f"sovereign-events/{name}/writer/{index}")),
                role_definition_id=role_definition,
                principal_id=principal,
                # Least privilege: the event database, not the whole account.
                scope=database_scope,
                opts=wiring.child_opts(self),
            )

        wiring.attach_data_plane(
            name, resource_id=account.id, group_id="Sql", args=args, location=location,
            resource_group_name=rg, parent=self, tags=tags,
        )
        wiring.subscription_role_assignments(name, scope=account.id, assignments=args.get("role_assignments"), parent=self)

        self.account_name = account.name
        self.account_id = account.id
        self.endpoint = account.document_endpoint
        self.database_name = database.name
        self.container_name = container.name
        self.container_id = container.id
        self.register_outputs(
            {
                "account_name": self.account_name,
                "account_id": self.account_id,
                "endpoint": self.endpoint,
                "database_name": self.database_name,
                "container_name": self.container_name,
                "container_id": self.container_id,
            }
        )


def _locations(location: pulumi.Input[str], additional: Sequence[str]) -> list[Any]:
    """The main region first (failover priority 0), then the replicas, all inside the boundary
    (L3). Zone redundancy wherever the region has zones: zones stay inside the region."""
    from pulumi_azure_native import cosmosdb

    regions = [location, *additional]
    return [
        cosmosdb.LocationArgs(
            location_name=region,
            failover_priority=priority,
            is_zone_redundant=isinstance(region, str) and get_region(region).availability_zones,
        )
        for priority, region in enumerate(regions)
    ]


def _backup_policy(args: SovereignEventStoreArgs) -> Any:
    """Continuous by default (point-in-time restore; backups stay in the account's regions).
    Periodic backups default to ``Local`` redundancy: the API default ``Geo`` would copy every
    backup to the paired region (G4)."""
    from pulumi_azure_native import cosmosdb

    if args.get("backup_mode", DEFAULT_BACKUP_MODE) == "Periodic":
        return cosmosdb.PeriodicModeBackupPolicyArgs(
            type="Periodic",
            periodic_mode_properties=cosmosdb.PeriodicModePropertiesArgs(
                backup_storage_redundancy=args.get("backup_storage_redundancy", DEFAULT_PERIODIC_REDUNDANCY)
            ),
        )
    return cosmosdb.ContinuousModeBackupPolicyArgs(
        type="Continuous",
        continuous_mode_properties=cosmosdb.ContinuousModePropertiesArgs(
            tier=args.get("continuous_backup_tier", DEFAULT_CONTINUOUS_TIER)
        ),
    )


def _identity(args: SovereignEventStoreArgs) -> Any:
    """System-assigned identity, plus the customer-managed key's user-assigned identity."""
    from pulumi_azure_native import cosmosdb

    identity = (args.get("customer_managed_key") or {}).get("user_assigned_identity_id")
    if identity is None:
        return cosmosdb.ManagedServiceIdentityArgs(type="SystemAssigned")
    return cosmosdb.ManagedServiceIdentityArgs(type="SystemAssigned,UserAssigned", user_assigned_identities=[identity])


def _default_identity(args: SovereignEventStoreArgs) -> pulumi.Input[str] | None:
    """The identity Cosmos DB reads a customer-managed key with (C5): the given user-assigned
    one, else Cosmos DB's first-party identity (which must have key access in the vault)."""
    cmk = args.get("customer_managed_key")
    if not cmk:
        return None
    identity = cmk.get("user_assigned_identity_id")
    if identity is None:
        return "FirstPartyIdentity"
    return pulumi.Output.concat("UserAssignedIdentity=", identity)


def _indexing_policy() -> Any:
    """Consistent indexing of the envelope fields only (see INDEXED_PATHS)."""
    from pulumi_azure_native import cosmosdb

    return cosmosdb.IndexingPolicyArgs(
        automatic=True,
        indexing_mode="consistent",
        included_paths=[cosmosdb.IncludedPathArgs(path=path) for path in INDEXED_PATHS],
        excluded_paths=[cosmosdb.ExcludedPathArgs(path=path) for path in EXCLUDED_PATHS],
        composite_indexes=[
            [cosmosdb.CompositePathArgs(path=path, order=order) for path, order in composite]
            for composite in COMPOSITE_INDEXES
        ],
    )
