"""Reachability from outside: public network access (E1, S1, H1, C1, T1, F1) and anonymous
blob access (T2). Mandatory: a public endpoint makes regulated data reachable from anywhere.

"Missing" is judged by what the service does without the key, or by the value the SDK injects
(docs/sdk-notes.md, "SDK-injected defaults"): Event Grid / Service Bus / Event Hubs namespaces get an injected
``publicNetworkAccess='Enabled'``; Cosmos DB, Storage and Web send nothing and the service
default is public; the Event Hubs network rule set injects ``Enabled`` too (it can re-open a
namespace created ``Disabled``). Pure.
"""

from __future__ import annotations

from .properties import PropertyRow, is_function_app, rows_check, rows_remediation

_PUBLIC = "the service default is public"

PUBLIC_NETWORK_ACCESS: tuple[PropertyRow, ...] = (
    PropertyRow("E1", ("eventgrid:Topic", "eventgrid:Domain"), "publicNetworkAccess", ("Disabled",), False,
                "the SDK injects 'Enabled' when omitted", fix="Disabled"),
    # Event Grid namespaces (MQTT / pull delivery) are messaging resources too; their API
    # default is public and they have no disableLocalAuth in the pinned API version.
    PropertyRow("E1", ("eventgrid:Namespace",), "publicNetworkAccess", ("Disabled",), False,
                _PUBLIC, fix="Disabled"),
    PropertyRow("S1", ("servicebus:Namespace",), "publicNetworkAccess", ("Disabled",), False,
                "the SDK injects 'Enabled' when omitted", fix="Disabled"),
    PropertyRow("S1", ("servicebus:NamespaceNetworkRuleSet",), "publicNetworkAccess", ("Disabled",), False,
                "a rule set without it leaves the namespace public", fix="Disabled"),
    PropertyRow("H1", ("eventhub:Namespace",), "publicNetworkAccess", ("Disabled",), False,
                "the SDK injects 'Enabled' when omitted", fix="Disabled"),
    PropertyRow("H1", ("eventhub:NamespaceNetworkRuleSet",), "publicNetworkAccess", ("Disabled",), False,
                "the SDK injects 'Enabled' when omitted and can re-open the namespace", fix="Disabled"),
    PropertyRow("C1", ("cosmosdb:DatabaseAccount",), "publicNetworkAccess", ("Disabled",), False, _PUBLIC,
                fix="Disabled"),
    # Azure Policy b2982f36 accepts SecuredByPerimeter: a network security perimeter governs access.
    PropertyRow("T1", ("storage:StorageAccount",), "publicNetworkAccess", ("Disabled", "SecuredByPerimeter"), False,
                _PUBLIC, fix="Disabled"),
    PropertyRow("F1", ("web:WebApp",), "publicNetworkAccess", ("Disabled",), False, _PUBLIC, fix="Disabled",
                when=is_function_app),
)

ANONYMOUS_BLOB_ACCESS: tuple[PropertyRow, ...] = (
    # Azure Policy 4fa4b6c0 flags anything but an explicit false ("not equals false").
    PropertyRow("T2", ("storage:StorageAccount",), "allowBlobPublicAccess", (False,), False,
                "anything but an explicit false may allow anonymous reads", fix=False),
    # A container's absent publicAccess is the service default 'None' (private).
    PropertyRow("T2", ("storage:BlobContainer",), "publicAccess", ("None",), True,
                "'Blob'/'Container' allow anonymous reads", fix="None"),
)

check_public_network_access = rows_check(PUBLIC_NETWORK_ACCESS)
remediate_public_network_access = rows_remediation(PUBLIC_NETWORK_ACCESS)
check_anonymous_blob_access = rows_check(ANONYMOUS_BLOB_ACCESS)
remediate_anonymous_blob_access = rows_remediation(ANONYMOUS_BLOB_ACCESS)
