"""Type tokens as data: v2 aliases, the inherently global types, the regional types, and the
ARM resource type of each token (to place an ARM id in the stack).

Pure: no Pulumi, and never ``pulumi_azure_native`` (design.md: policies match token strings).
Real state still carries azure-native v2 tokens (``documentdb`` = cosmosdb, ``insights`` =
monitor, ``network:PrivateZone`` = privatedns), so every rule compares :func:`canonical_token`.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Final

PREFIX: Final = "azure-native:"

#: v2 module names that v3 renamed (docs/sdk-notes.md, "v2 tokens").
MODULE_ALIASES: Final[dict[str, str]] = {"documentdb": "cosmosdb", "insights": "monitor"}

#: v2 tokens whose v3 class moved to another module.
TOKEN_ALIASES: Final[dict[str, str]] = {
    "azure-native:network:PrivateZone": "azure-native:privatedns:PrivateZone",
    "azure-native:network:VirtualNetworkLink": "azure-native:privatedns:VirtualNetworkLink",
    "azure-native:network:PrivateRecordSet": "azure-native:privatedns:PrivateRecordSet",
}

#: Types whose ARM ``location`` is ``global``/``Global`` by design (controls G10): the only
#: ones L1 lets through with a non-region location. Exported: the stacks use it too.
GLOBAL_TYPES: Final[frozenset[str]] = frozenset(
    {
        "azure-native:privatedns:PrivateZone",
        "azure-native:privatedns:VirtualNetworkLink",
        "azure-native:privatedns:PrivateRecordSet",
        "azure-native:monitor:ActionGroup",
        "azure-native:monitor:MetricAlert",
    }
)

#: Tracked resources whose ARM body has a ``location``: L1 requires one to be set (fail closed,
#: G13). Location-less children (queues, containers, subscriptions, diagnostic settings) are
#: absent on purpose; any other token is checked only when it carries ``location``.
REGIONAL_TYPES: Final[frozenset[str]] = frozenset(
    {
        "azure-native:eventgrid:Topic",
        "azure-native:eventgrid:Domain",
        "azure-native:eventgrid:SystemTopic",
        "azure-native:eventgrid:Namespace",
        "azure-native:servicebus:Namespace",
        "azure-native:eventhub:Namespace",
        "azure-native:cosmosdb:DatabaseAccount",
        "azure-native:storage:StorageAccount",
        "azure-native:web:WebApp",
        "azure-native:web:AppServicePlan",
        "azure-native:network:PrivateEndpoint",
        "azure-native:network:VirtualNetwork",
        "azure-native:network:NetworkSecurityGroup",
        "azure-native:operationalinsights:Workspace",
        "azure-native:keyvault:Vault",
        "azure-native:managedidentity:UserAssignedIdentity",
        "azure-native:applicationinsights:Component",
    }
)

#: ARM type (lower-case, ``namespace/type[/child...]``) -> v3 token and the input key that
#: holds the resource's Azure name. Used to find the stack resource an ARM id points at.
ARM_TYPES: Final[dict[str, tuple[str, str]]] = {
    "microsoft.resources/resourcegroups": ("azure-native:resources:ResourceGroup", "resourceGroupName"),
    "microsoft.eventgrid/topics": ("azure-native:eventgrid:Topic", "topicName"),
    "microsoft.eventgrid/domains": ("azure-native:eventgrid:Domain", "domainName"),
    "microsoft.eventgrid/systemtopics": ("azure-native:eventgrid:SystemTopic", "systemTopicName"),
    "microsoft.servicebus/namespaces": ("azure-native:servicebus:Namespace", "namespaceName"),
    "microsoft.servicebus/namespaces/queues": ("azure-native:servicebus:Queue", "queueName"),
    "microsoft.servicebus/namespaces/topics": ("azure-native:servicebus:Topic", "topicName"),
    "microsoft.eventhub/namespaces": ("azure-native:eventhub:Namespace", "namespaceName"),
    "microsoft.eventhub/namespaces/eventhubs": ("azure-native:eventhub:EventHub", "eventHubName"),
    "microsoft.documentdb/databaseaccounts": ("azure-native:cosmosdb:DatabaseAccount", "accountName"),
    "microsoft.storage/storageaccounts": ("azure-native:storage:StorageAccount", "accountName"),
    "microsoft.web/sites": ("azure-native:web:WebApp", "name"),
    "microsoft.operationalinsights/workspaces": ("azure-native:operationalinsights:Workspace", "workspaceName"),
    "microsoft.network/virtualnetworks": ("azure-native:network:VirtualNetwork", "virtualNetworkName"),
    "microsoft.network/privateendpoints": ("azure-native:network:PrivateEndpoint", "privateEndpointName"),
    "microsoft.keyvault/vaults": ("azure-native:keyvault:Vault", "vaultName"),
}

#: Input keys through which a location-less child names its ARM parent; their property
#: dependencies lead to the ancestor whose region the child lives in.
PARENT_KEYS: Final[tuple[str, ...]] = (
    "namespaceName",
    "accountName",
    "topicName",
    "domainName",
    "systemTopicName",
    "eventHubName",
    "name",
    "workspaceName",
    "databaseName",
    "containerName",
    "queueName",
    "scope",
    "resourceUri",
    "source",
    "sourceResourceId",
    "parentName",
)


@lru_cache(maxsize=4096)
def canonical_token(token: str) -> str:
    """The v3 token for any v3 or v2 spelling (``azure-native:documentdb:X`` ->
    ``azure-native:cosmosdb:X``). Tokens of other providers are returned unchanged.

    Cached: a stack holds a few dozen distinct tokens and every rule asks for each resource's
    (the bench's 5,000-resource stack made ~1.3 million calls per analysis)."""
    if token in TOKEN_ALIASES:
        return TOKEN_ALIASES[token]
    parts = token.split(":")
    if len(parts) == 3 and parts[0] == "azure-native" and parts[1] in MODULE_ALIASES:
        return f"{parts[0]}:{MODULE_ALIASES[parts[1]]}:{parts[2]}"
    return token


def short(token: str) -> str:
    """``module:Class`` for messages and docs (``azure-native:`` dropped)."""
    token = canonical_token(token)
    return token[len(PREFIX):] if token.startswith(PREFIX) else token


def full(short_token: str) -> str:
    """``module:Class`` -> ``azure-native:module:Class``."""
    return short_token if short_token.startswith(PREFIX) else PREFIX + short_token


def is_azure_native(token: str) -> bool:
    return token.startswith(PREFIX)


@lru_cache(maxsize=256)
def _full_set(candidates: tuple[str, ...]) -> frozenset[str]:
    return frozenset(full(c) for c in candidates)


def matches(token: str, candidates: Iterable[str]) -> bool:
    """True when ``token`` (any alias) is one of ``candidates`` (v3 tokens, full or short).

    The candidate set is built once per distinct tuple (the rules pass constant tuples)."""
    key = candidates if isinstance(candidates, tuple) else tuple(candidates)
    return canonical_token(token) in _full_set(key)


def is_global_type(token: str) -> bool:
    return canonical_token(token) in GLOBAL_TYPES


def is_regional_type(token: str) -> bool:
    return canonical_token(token) in REGIONAL_TYPES


def token_for_arm_type(arm_type: str) -> tuple[str, str] | None:
    """The (token, name key) for an ARM type such as ``Microsoft.Web/sites``."""
    return ARM_TYPES.get(arm_type.lower())
