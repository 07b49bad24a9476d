"""The rule table: every policy of the pack as data. Pure: no Pulumi.

One row per policy: name, kind (resource/stack), default enforcement, severity, the controls
it implements (docs/controls.md ids) with their Azure Policy / Checkov anchors, the
tokens and properties it guards, and the predicate (plus an optional remediation). ``pack.py``
turns rows into ``pulumi_policy`` objects; ``docs.py`` turns them into ``docs/policies.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .findings import Remediation, ResourceCheck, StackCheck
from .rules import auth
from .rules import cross_region
from .rules import flows
from .rules import hardening
from .rules import location
from .rules import network
from .rules import perimeter
from .rules import readable
from .rules import residency
from .rules import vetting

#: Where each policy's documentation lives (``docs/policies.md#<policy name>``).
REPOSITORY_URL = "https://github.com/sovereign-events/sovereign-events"
DOCS_URL = f"{REPOSITORY_URL}/blob/main/docs/policies.md"

Level = Literal["mandatory", "advisory"]
Severity = Literal["low", "medium", "high", "critical"]


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    kind: Literal["resource", "stack"]
    level: Level
    severity: Severity
    controls: tuple[str, ...]
    anchors: str
    guards: str
    description: str
    remediation: str
    resource_check: ResourceCheck | None = None
    stack_check: StackCheck | None = None
    remediate: Remediation | None = None
    needs_boundary: bool = False
    allow_types: bool = False
    allow_providers: bool = False

    @property
    def url(self) -> str:
        return f"{DOCS_URL}#{self.name}"

    @property
    def display_name(self) -> str:
        return self.name.replace("-", " ").capitalize()


_EXEMPT = "Exempt one resource with this policy's config `exemptions: [{\"urn\": ..., \"reason\": ...}]`."

RULES: tuple[Rule, ...] = (
    # -- default-deny: every resource is vetted (mandatory) -----------------------------------
    Rule(vetting.POLICY, "resource", "mandatory", "critical", ("V1",),
         "Azure Policy 'Allowed resource types' (built-in a08ec900..., Deny; in the Sovereignty Baseline - "
         "Confidential initiative); Gatekeeper allow-list constraints",
         "every resource · its type token (any spelling: v3, v2, API-versioned, ARM type); escape hatches · "
         "every resource they deploy",
         "Every resource must be of a type the catalogue vets (docs/policies.md, Catalogue), of an allowed "
         "provider, or allowed by the operator; an escape hatch must be evaluable and deploy only vetted types.",
         "Use a vetted type, or allow the type (`allowedTypes`) or provider (`allowedProviders`) with a reason in "
         "this policy's config; inline ARM templates and write their values literally.",
         resource_check=vetting.check_vetted, allow_types=True, allow_providers=True),
    Rule(vetting.PROVIDERS_POLICY, "stack", "mandatory", "high", ("V2",),
         "none built in",
         "`pulumi:providers:*` · the provider package; azure-native `location`",
         "Provider resources must be of an allowed provider (never `command` or a dynamic provider by default), "
         "and an azure-native provider's default `location` must be inside the boundary.",
         "Use an allowed provider, or allow it with a reason in `allowedProviders`; set the provider's `location` "
         "to a region of the boundary (or leave it unset and give every resource its own).",
         stack_check=vetting.check_providers, needs_boundary=True, allow_providers=True),
    Rule(readable.POLICY, "resource", "mandatory", "high", ("R0",),
         "none built in",
         "every azure-native resource · every input key, against the SDK's wire schema (data/sdk_facts.json)",
         "Every input key must be one the provider reads: a snake_case or mis-cased key (a dict passed for a "
         "union-typed argument) is sent as written, ignored by the provider, and invisible to the rules.",
         "Pass the SDK's `...Args` class for the argument, or write its camelCase wire keys.",
         resource_check=readable.check_readable),
    # -- where resources live (mandatory) ---------------------------------------------------
    Rule("allowed-locations", "resource", "mandatory", "critical", ("L1", "G10", "G12", "G13"),
         "Azure Policy Allowed locations e56962a6-4747-49cd-b67b-bf8b01975c4c (Deny)",
         "every azure-native resource · `location` (required on tracked regional types)",
         "Resources must be created in a region inside the sovereignty boundary; `global` only for "
         "inherently global types.",
         "Set `location` to a region of the boundary (from the stack config), or add the region to "
         "`extraAllowedRegions` if the jurisdiction really includes it.",
         resource_check=location.check_location, needs_boundary=True),
    Rule("resource-group-location", "resource", "mandatory", "high", ("L2",),
         "Azure Policy Allowed locations for resource groups e765b5de-1225-4ba3-bd56-1ac6695af988",
         "`resources:ResourceGroup` · `location`",
         "Resource groups (their metadata) must live in a region inside the sovereignty boundary.",
         "Set the resource group's `location` to a region of the boundary.",
         resource_check=location.check_resource_group_location, needs_boundary=True),
    Rule("cosmos-allowed-locations", "resource", "mandatory", "critical", ("L3",),
         "Azure Policy Azure Cosmos DB allowed locations 0473574d-2d43-4217-aefe-941fcdf7e684 (normalises names)",
         "`cosmosdb:DatabaseAccount` · `locations[].locationName`",
         "Every Cosmos DB replica region must be inside the sovereignty boundary.",
         "Remove the `locations[]` entries outside the boundary.",
         resource_check=location.check_cosmos_locations, needs_boundary=True),
    # -- copies of data (mandatory) -----------------------------------------------------------
    Rule("cosmos-no-multi-region-writes", "resource", "mandatory", "high", ("G4",),
         "source design: Cosmos DB event store 'multi-region writes disabled'",
         "`cosmosdb:DatabaseAccount` · `enableMultipleWriteLocations`",
         "Cosmos DB multi-region writes must be disabled: every location would accept writes.",
         "Set `enableMultipleWriteLocations: false` (or omit it).",
         resource_check=residency.check_cosmos_multi_region_writes,
         remediate=residency.remediate_cosmos_multi_region_writes),
    Rule("cosmos-failover-in-boundary", "resource", "mandatory", "high", ("G4",),
         "AVM database-account default enableAutomaticFailover=true",
         "`cosmosdb:DatabaseAccount` · `enableAutomaticFailover`, `locations[].locationName`",
         "Automatic failover may only move the write region to locations inside the sovereignty boundary.",
         "Disable `enableAutomaticFailover` or keep every `locations[]` entry inside the boundary.",
         resource_check=residency.check_cosmos_failover, needs_boundary=True),
    Rule("cosmos-backup-in-boundary", "resource", "mandatory", "high", ("G4", "G2"),
         "learn.microsoft.com cosmos-db periodic-backup-storage-redundancy (default Geo)",
         "`cosmosdb:DatabaseAccount` · `backupPolicy.type`, "
         "`backupPolicy.periodicModeProperties.backupStorageRedundancy`",
         "Periodic Cosmos DB backups must not be geo-replicated to a paired region outside the boundary.",
         "Use `backupPolicy: {type: Continuous}` or periodic `backupStorageRedundancy: Local`/`Zone`.",
         resource_check=residency.check_cosmos_backup, needs_boundary=True),
    Rule("storage-replication-in-boundary", "resource", "mandatory", "high", ("T8", "G3", "G2"),
         "Azure Policy Storage accounts should be limited by allowed SKUs 7433c107-6db4-4ad1-b57a-a76dce0154a1; "
         "opposite of Checkov CKV_AZURE_206",
         "`storage:StorageAccount` · `sku.name`",
         "Storage accounts must not use a geo-replicating SKU (GRS/RA-GRS/GZRS/RA-GZRS) whose pair is outside the "
         "boundary.",
         "Use `Standard_LRS`/`Standard_ZRS` (or Premium equivalents).",
         resource_check=residency.check_storage_replication, needs_boundary=True),
    Rule("storage-no-cross-tenant-replication", "resource", "mandatory", "high", ("T6",),
         "Azure Policy Storage accounts should prevent cross tenant object replication "
         "92a89a79-6c52-4a7e-a03f-61306fc49312",
         "`storage:StorageAccount` · `allowCrossTenantReplication`",
         "Storage accounts must forbid object replication to other tenants.",
         "Set `allowCrossTenantReplication: false`.",
         resource_check=residency.check_cross_tenant_replication,
         remediate=residency.remediate_cross_tenant_replication),
    Rule("eventgrid-data-residency", "resource", "mandatory", "high", ("E4", "G1"),
         "none built in (G1: learn.microsoft.com event-grid geo-disaster-recovery)",
         "`eventgrid:Topic`, `eventgrid:Domain` · `dataResidencyBoundary`",
         "Event Grid topics and domains must keep their metadata in-region (`WithinRegion`); `WithinGeopair` "
         "(explicit, or absent: the API default) only where the pair is inside the boundary.",
         "Set `dataResidencyBoundary: WithinRegion`.",
         resource_check=residency.check_eventgrid_residency, remediate=residency.remediate_eventgrid_residency,
         needs_boundary=True),
    Rule("servicebus-geo-replication-in-boundary", "resource", "mandatory", "critical", ("G5",),
         "none built in (SDK servicebus geoDataReplication)",
         "`servicebus:Namespace` · `geoDataReplication.locations[].locationName`",
         "Service Bus geo-replication may only list regions inside the sovereignty boundary.",
         "Remove `geoDataReplication` or its secondary locations outside the boundary.",
         resource_check=residency.check_servicebus_geo_replication, needs_boundary=True),
    # -- reachability (mandatory) ------------------------------------------------------------
    Rule("no-public-network-access", "resource", "mandatory", "critical", ("E1", "S1", "H1", "C1", "T1", "F1"),
         "Azure Policy 1adadefe (EG topics), f8f774be (EG domains), cbd11fd3 (Service Bus), 0602787f (Event Hubs), "
         "797b37f7 (Cosmos DB), b2982f36 (Storage), 969ac98b (Function apps); Checkov CKV_AZURE_193, CKV_AZURE_106, "
         "CKV_AZURE_204, CKV_AZURE_101, CKV_AZURE_59, CKV_AZURE_221",
         "`eventgrid:Topic`/`Domain`, `servicebus:Namespace`/`NamespaceNetworkRuleSet`, "
         "`eventhub:Namespace`/`NamespaceNetworkRuleSet`, `cosmosdb:DatabaseAccount`, `storage:StorageAccount`, "
         "`web:WebApp` (kind functionapp) · `publicNetworkAccess`",
         "Data and messaging resources must disable public network access (absent = the service default or "
         "the SDK-injected value, which is public).",
         "Set `publicNetworkAccess: Disabled` and reach the resource through a private endpoint.",
         resource_check=network.check_public_network_access, remediate=network.remediate_public_network_access),
    Rule(residency.PAIRED_COPIES_RULE, "resource", "mandatory", "high", ("Q3", "N2", "G2"),
         "learn.microsoft.com azure-sql automated-backups-overview (backup storage redundancy default Geo); "
         "notification-hubs cross-region-recovery",
         "catalogue rows `paired-copies-in-boundary` (SQL `requestedBackupStorageRedundancy`, Notification Hubs "
         "`replicationRegion`)",
         "A setting that copies data to the region's pair (or whose default does) is allowed only where the pair "
         "is inside the sovereignty boundary.",
         "Choose the in-region value the row names (`Local`/`Zone`, `None`), or a region whose pair is inside.",
         resource_check=residency.check_paired_copies, remediate=residency.remediate_paired_copies,
         needs_boundary=True),
    Rule("no-anonymous-blob-access", "resource", "mandatory", "critical", ("T2",),
         "Azure Policy Storage account public access should be disallowed 4fa4b6c0-31ca-4c0d-b10d-24b96f62a751; "
         "Checkov CKV_AZURE_190, CKV2_AZURE_47",
         "`storage:StorageAccount` · `allowBlobPublicAccess`; `storage:BlobContainer` · `publicAccess`",
         "Storage must not allow anonymous blob reads.",
         "Set `allowBlobPublicAccess: false` on accounts and `publicAccess: None` (or omit it) on containers.",
         resource_check=network.check_anonymous_blob_access, remediate=network.remediate_anonymous_blob_access),
    Rule("no-local-auth", "resource", "mandatory", "high", ("E2", "S2", "H2", "C2", "C3", "T5"),
         "Azure Policy ae9fb87f / 8bfadddb (Event Grid), cfb11c26 (Service Bus), 5d4e3c65 (Event Hubs), "
         "5450f5bd + 4750c32b (Cosmos DB), 8c6a50c6 (Storage); Checkov CKV_AZURE_192, CKV_AZURE_195, CKV_AZURE_203, "
         "CKV_AZURE_140, CKV_AZURE_132, CKV2_AZURE_40",
         "`eventgrid:Topic`/`Domain`, `servicebus:Namespace`, `eventhub:Namespace`, `cosmosdb:DatabaseAccount` · "
         "`disableLocalAuth` (+ `disableKeyBasedMetadataWriteAccess`); `storage:StorageAccount` · "
         "`allowSharedKeyAccess`",
         "Key, SAS and shared-key authentication must be disabled (Entra ID only).",
         "Set `disableLocalAuth: true` (Cosmos also `disableKeyBasedMetadataWriteAccess: true`); on storage "
         "`allowSharedKeyAccess: false`.",
         resource_check=auth.check_local_auth, remediate=auth.remediate_local_auth),
    # -- cross-resource targets (mandatory, stack) --------------------------------------------
    Rule(cross_region.EVENTGRID, "stack", "mandatory", "critical", ("G8",),
         "none built in",
         "`eventgrid:*EventSubscription` · `destination.resourceId`/`.endpointUrl`, "
         "`deliveryWithResourceIdentity.destination.*`, `deadLetterDestination.resourceId`, "
         "`deadLetterWithResourceIdentity.deadLetterDestination.resourceId`",
         "Event Grid subscriptions may deliver and dead-letter only to targets inside the sovereignty boundary, "
         "except a declared metadata channel (label + classification filter) to an allow-listed target.",
         "Point the subscription at a resource of this stack inside the boundary, or allow-list the external "
         "endpoint with its region in `allowedExternalEndpoints`; a cross-boundary metadata channel needs the "
         "`sovereign-metadata-channel` label and a `StringIn` filter on `dataclassification` with only "
         "non-regulated values.",
         stack_check=cross_region.references_check(cross_region.EVENTGRID), needs_boundary=True),
    Rule(cross_region.CAPTURE, "stack", "mandatory", "critical", ("G7",),
         "none built in",
         "`eventhub:EventHub` · `captureDescription.destination.storageAccountResourceId`, `.dataLakeAccountName`",
         "Event Hubs Capture may only write to storage inside the sovereignty boundary.",
         "Capture to a storage account of this stack inside the boundary, or disable capture.",
         stack_check=cross_region.references_check(cross_region.CAPTURE), needs_boundary=True),
    Rule(cross_region.DIAGNOSTICS, "stack", "mandatory", "high", ("G9",),
         "none built in (PSRule Azure.Log.ReplicaLocation is related)",
         "`monitor:DiagnosticSetting` · `workspaceId`, `storageAccountId`, `eventHubAuthorizationRuleId`, "
         "`serviceBusRuleId`, `marketplacePartnerId`",
         "Diagnostic settings may only send logs to sinks inside the sovereignty boundary; no Marketplace "
         "partner sinks unless allow-listed.",
         "Send logs to a workspace/account of this stack inside the boundary; remove `marketplacePartnerId`.",
         stack_check=cross_region.references_check(cross_region.DIAGNOSTICS), needs_boundary=True),
    Rule(cross_region.DR, "stack", "mandatory", "critical", ("G6",),
         "none built in",
         "`servicebus:DisasterRecoveryConfig`, `eventhub:DisasterRecoveryConfig` · `partnerNamespace`",
         "Geo-DR aliases may only pair with a partner namespace inside the sovereignty boundary.",
         "Pair with a namespace in another region of the boundary, or drop the alias.",
         stack_check=cross_region.references_check(cross_region.DR), needs_boundary=True),
    Rule(cross_region.OBJECT_REPLICATION, "stack", "mandatory", "critical", ("G11",),
         "Azure Policy 92a89a79 only blocks other tenants",
         "`storage:ObjectReplicationPolicy` · `sourceAccount`, `destinationAccount`",
         "Blob object replication may only copy between accounts inside the sovereignty boundary.",
         "Replicate to an account of this stack inside the boundary, or remove the policy.",
         stack_check=cross_region.references_check(cross_region.OBJECT_REPLICATION), needs_boundary=True),
    Rule(cross_region.FORWARDING, "stack", "mandatory", "high", ("SB",),
         "none built in",
         "`servicebus:Queue`, `servicebus:Subscription` · `forwardTo`, `forwardDeadLetteredMessagesTo`",
         "Service Bus auto-forwarding to another namespace (by id or URL) must stay inside the boundary; "
         "entity names of the same namespace always pass.",
         "Forward to an entity of the same namespace, or of a namespace of this stack inside the boundary.",
         stack_check=cross_region.references_check(cross_region.FORWARDING), needs_boundary=True),
    Rule(cross_region.PRIVATE_ENDPOINTS, "stack", "mandatory", "high", ("PE",),
         "none built in",
         "`network:PrivateEndpoint` · `privateLinkServiceConnections[].privateLinkServiceId` "
         "(+ manual connections)",
         "Private endpoints may only connect to resources inside the sovereignty boundary.",
         "Target a resource of this stack inside the boundary, or allow-list it with its region.",
         stack_check=cross_region.references_check(cross_region.PRIVATE_ENDPOINTS), needs_boundary=True),
    Rule(flows.POLICY, "stack", "mandatory", "critical", ("DF",),
         "none built in (the value scan finds what no named rule lists)",
         "every string in every resource's inputs that is an ARM id, a URL, an Azure host or a region name; "
         "catalogue flows; every child's parent",
         "Every reference, URL, host and region name in a resource's inputs must be placed inside the sovereignty "
         "boundary (a resource of this stack, an allow-listed endpoint, a region inside), unless the catalogue "
         "marks the property benign; a child resource lives in a parent of this stack inside the boundary.",
         "Point the reference at a resource of this stack inside the boundary, or allow-list the external target "
         "with its region in `allowedExternalEndpoints`; create the parent in this stack.",
         stack_check=flows.check_data_flows, needs_boundary=True),
    Rule(perimeter.POLICY, "stack", "mandatory", "high", ("NSP",),
         "learn.microsoft.com private-link network-security-perimeter-concepts (access modes)",
         "resources with `publicNetworkAccess: SecuredByPerimeter` · `network:NspAssociation` "
         "(`privateLinkResource.id`, `accessMode`, `profile.id`), `network:NspAccessRule` (inbound "
         "`addressPrefixes`, `serviceTags`)",
         "`SecuredByPerimeter` is private only with a perimeter association in this stack, in Enforced mode, "
         "whose profile's inbound rules admit no public-everyone prefix (`0.0.0.0/0`, `::/0`, `Internet`).",
         "Associate the resource with a perimeter profile in `Enforced` mode and drop public inbound rules, or set "
         "`publicNetworkAccess: Disabled`.",
         stack_check=perimeter.check_perimeter),
    # -- hardening (advisory) -----------------------------------------------------------------
    Rule("minimum-tls-version", "resource", "advisory", "medium", ("E5", "S3", "H3", "C6", "T3", "F3"),
         "Azure Policy fe83a0eb (Storage), f9d614c5 (Function apps); ALZ Deny-EH-minTLS; Checkov CKV_AZURE_205, "
         "CKV_AZURE_223, CKV_AZURE_44, CKV_AZURE_145",
         "Event Grid `minimumTlsVersionAllowed`, Service Bus/Event Hubs `minimumTlsVersion`, Cosmos "
         "`minimalTlsVersion`, Storage `minimumTlsVersion`, Web `siteConfig.minTlsVersion`",
         "Clients must use TLS 1.2 or later (absent = the service default, below 1.2).",
         "Set the service's minimum TLS to 1.2 (`1.2`, `Tls12`, `TLS1_2` per service).",
         resource_check=hardening.check_minimum_tls, remediate=hardening.remediate_minimum_tls),
    Rule("https-only", "resource", "advisory", "medium", ("T4", "F2"),
         "Azure Policy 404c3081 (Storage secure transfer), 6d555dd1 (Function apps HTTPS only); Checkov "
         "CKV_AZURE_3, CKV_AZURE_70",
         "`storage:StorageAccount` · `enableHttpsTrafficOnly`; `web:WebApp` · `httpsOnly`",
         "Endpoints must refuse plain HTTP.",
         "Set `enableHttpsTrafficOnly: true` / `httpsOnly: true`.",
         resource_check=hardening.check_https_only, remediate=hardening.remediate_https_only),
    Rule("customer-managed-keys", "resource", "advisory", "medium", ("S4", "H5", "C5", "T10"),
         "Azure Policy 295fc8b1 (Service Bus), a1ad735a (Event Hubs), 1f905d99 (Cosmos DB), 6fac406b (Storage); "
         "Checkov CKV_AZURE_201, CKV_AZURE_100, CKV2_AZURE_1",
         "`encryption.keySource` (Service Bus, Event Hubs, Storage), `keyVaultKeyUri` (Cosmos DB)",
         "Data at rest should be encrypted with customer-managed keys held in the boundary (SLZ SO-3).",
         "Configure a Key Vault key in a region of the boundary for the service's encryption.",
         resource_check=hardening.check_customer_managed_keys),
    Rule("data-stores-protected", "resource", "advisory", "low", ("DS",),
         "Pulumi resource option `protect`",
         "`cosmosdb:DatabaseAccount`, `storage:StorageAccount` · resource option `protect`",
         "The event store and the archive should be protected from accidental deletion.",
         "Create them with `ResourceOptions(protect=True)`.",
         resource_check=hardening.check_protected),
    Rule("private-endpoints-present", "stack", "advisory", "medium", ("PL",),
         "Azure Policy 4b90e17e, 9830b652 (Event Grid), 1c06e275 (Service Bus Premium), b8564268 (Event Hubs), "
         "58440f8a (Cosmos DB), 6edd7eda (Storage); Checkov CKV2_AZURE_33",
         "`network:PrivateEndpoint` · `privateLinkServiceConnections[].privateLinkServiceId`",
         "Every data/messaging resource should have a private endpoint in the stack.",
         "Add a `network:PrivateEndpoint` whose connection targets the resource.",
         stack_check=cross_region.check_private_endpoints_present),
    Rule("diagnostic-settings-present", "stack", "advisory", "low", ("D1",),
         "Azure Policy f8d36e2f (Service Bus), 83a214f7 (Event Hubs) (AuditIfNotExists)",
         "`monitor:DiagnosticSetting` · `resourceUri`",
         "Messaging and data resources should send resource logs to an in-boundary sink.",
         "Add a `monitor:DiagnosticSetting` on the resource with a workspace inside the boundary.",
         stack_check=cross_region.check_diagnostic_settings_present),
)

RULES_BY_NAME: dict[str, Rule] = {r.name: r for r in RULES}
EXEMPTION_HOWTO = _EXEMPT
