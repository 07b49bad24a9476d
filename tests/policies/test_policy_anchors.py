"""Anchor equivalence: where Azure Policy or Checkov implements a control, our predicate gives
the same verdict on the same input. Cases are written from the anchors' documented semantics
(docs/controls.md; Checkov ``CKV_*`` checks pass only on the explicit secure
value, their Terraform defaults being insecure; Azure Policy conditions as published), with the
Terraform/ARM property mapped to the azure-native camelCase key. "absent" rows use what
azure-native sends for an omitted argument (docs/sdk-notes.md, "SDK-injected defaults")."""

from __future__ import annotations

from typing import Any

import pytest

from sovereign_components.policies import RULES_BY_NAME, context_from_config

EU = context_from_config({"boundary": "EU"})
ABSENT = object()

# (anchor, policy, token, property path, value or ABSENT, anchor says compliant)
CASES: list[tuple[str, str, str, str, Any, bool]] = [
    # L1 Allowed locations e56962a6: deny a location not in the list; 'global' skipped
    ("AP e56962a6", "allowed-locations", "eventgrid:Topic", "location", "westeurope", True),
    ("AP e56962a6", "allowed-locations", "eventgrid:Topic", "location", "eastus", False),
    ("AP e56962a6", "allowed-locations", "privatedns:PrivateZone", "location", "global", True),
    # L2 e765b5de
    ("AP e765b5de", "resource-group-location", "resources:ResourceGroup", "location", "northeurope", True),
    ("AP e765b5de", "resource-group-location", "resources:ResourceGroup", "location", "westus", False),
    # E1 1adadefe / f8f774be; CKV_AZURE_193 / CKV_AZURE_106 (public_network_access_enabled=false only)
    ("CKV_AZURE_193", "no-public-network-access", "eventgrid:Topic", "publicNetworkAccess", "Disabled", True),
    ("CKV_AZURE_193", "no-public-network-access", "eventgrid:Topic", "publicNetworkAccess", "Enabled", False),
    ("CKV_AZURE_106", "no-public-network-access", "eventgrid:Domain", "publicNetworkAccess", "Enabled", False),
    ("AP f8f774be", "no-public-network-access", "eventgrid:Domain", "publicNetworkAccess", "Disabled", True),
    # E2 ae9fb87f / 8bfadddb; CKV_AZURE_192/195 (local_auth_enabled=false only)
    ("CKV_AZURE_192", "no-local-auth", "eventgrid:Topic", "disableLocalAuth", True, True),
    ("CKV_AZURE_192", "no-local-auth", "eventgrid:Topic", "disableLocalAuth", False, False),
    ("AP 8bfadddb", "no-local-auth", "eventgrid:Domain", "disableLocalAuth", False, False),
    # S1 cbd11fd3 (namespace and network rule sets); CKV_AZURE_204
    ("CKV_AZURE_204", "no-public-network-access", "servicebus:Namespace", "publicNetworkAccess", "Disabled", True),
    ("CKV_AZURE_204", "no-public-network-access", "servicebus:Namespace", "publicNetworkAccess", "Enabled", False),
    ("AP cbd11fd3", "no-public-network-access", "servicebus:NamespaceNetworkRuleSet", "publicNetworkAccess",
     "Enabled", False),
    # S2 cfb11c26 (disableLocalAuth must be true; absent is non-compliant); CKV_AZURE_203
    ("AP cfb11c26", "no-local-auth", "servicebus:Namespace", "disableLocalAuth", ABSENT, False),
    ("CKV_AZURE_203", "no-local-auth", "servicebus:Namespace", "disableLocalAuth", True, True),
    # H1 0602787f (namespace and rule sets); H2 5d4e3c65
    ("AP 0602787f", "no-public-network-access", "eventhub:Namespace", "publicNetworkAccess", "Enabled", False),
    ("AP 0602787f", "no-public-network-access", "eventhub:NamespaceNetworkRuleSet", "publicNetworkAccess",
     "Disabled", True),
    ("AP 5d4e3c65", "no-local-auth", "eventhub:Namespace", "disableLocalAuth", ABSENT, False),
    ("AP 5d4e3c65", "no-local-auth", "eventhub:Namespace", "disableLocalAuth", True, True),
    # H3 ALZ Deny-EH-minTLS: < 1.2 denied (absent: see DEVIATIONS); CKV_AZURE_223
    ("CKV_AZURE_223", "minimum-tls-version", "eventhub:Namespace", "minimumTlsVersion", "1.2", True),
    ("CKV_AZURE_223", "minimum-tls-version", "eventhub:Namespace", "minimumTlsVersion", "1.1", False),
    # C1 797b37f7 / CKV_AZURE_101 (public_network_access_enabled default true)
    ("CKV_AZURE_101", "no-public-network-access", "cosmosdb:DatabaseAccount", "publicNetworkAccess", ABSENT, False),
    ("AP 797b37f7", "no-public-network-access", "cosmosdb:DatabaseAccount", "publicNetworkAccess", "Disabled", True),
    # C2 5450f5bd / CKV_AZURE_140 (local_authentication_disabled default false)
    ("CKV_AZURE_140", "no-local-auth", "cosmosdb:DatabaseAccount", "disableLocalAuth", ABSENT, False),
    # C3 4750c32b / CKV_AZURE_132 (access_key_metadata_writes_enabled default true)
    ("CKV_AZURE_132", "no-local-auth", "cosmosdb:DatabaseAccount", "disableKeyBasedMetadataWriteAccess", False, False),
    # L3 0473574d: locationName normalised (lower-case, spaces removed) before the list check
    ("AP 0473574d", "cosmos-allowed-locations", "cosmosdb:DatabaseAccount", "locations",
     [{"locationName": "North Europe"}], True),
    ("AP 0473574d", "cosmos-allowed-locations", "cosmosdb:DatabaseAccount", "locations",
     [{"locationName": "UK South"}], False),
    # T1 b2982f36: Disabled and SecuredByPerimeter compliant; CKV_AZURE_59
    ("AP b2982f36", "no-public-network-access", "storage:StorageAccount", "publicNetworkAccess",
     "SecuredByPerimeter", True),
    ("CKV_AZURE_59", "no-public-network-access", "storage:StorageAccount", "publicNetworkAccess", "Enabled", False),
    ("CKV_AZURE_59", "no-public-network-access", "storage:StorageAccount", "publicNetworkAccess", ABSENT, False),
    # T2 4fa4b6c0: "not equals false" (absent: see DEVIATIONS); CKV_AZURE_190
    ("CKV_AZURE_190", "no-anonymous-blob-access", "storage:StorageAccount", "allowBlobPublicAccess", False, True),
    ("CKV_AZURE_190", "no-anonymous-blob-access", "storage:StorageAccount", "allowBlobPublicAccess", True, False),
    # T3 fe83a0eb (TLS1_2) / CKV_AZURE_44
    ("CKV_AZURE_44", "minimum-tls-version", "storage:StorageAccount", "minimumTlsVersion", "TLS1_2", True),
    ("CKV_AZURE_44", "minimum-tls-version", "storage:StorageAccount", "minimumTlsVersion", "TLS1_0", False),
    ("AP fe83a0eb", "minimum-tls-version", "storage:StorageAccount", "minimumTlsVersion", ABSENT, False),
    # T4 404c3081: false non-compliant; absent compliant from API 2019-04-01; CKV_AZURE_3 default true
    ("AP 404c3081", "https-only", "storage:StorageAccount", "enableHttpsTrafficOnly", False, False),
    ("CKV_AZURE_3", "https-only", "storage:StorageAccount", "enableHttpsTrafficOnly", ABSENT, True),
    # T5 8c6a50c6 / CKV2_AZURE_40 (shared_access_key_enabled default true)
    ("CKV2_AZURE_40", "no-local-auth", "storage:StorageAccount", "allowSharedKeyAccess", ABSENT, False),
    ("AP 8c6a50c6", "no-local-auth", "storage:StorageAccount", "allowSharedKeyAccess", False, True),
    # T6 92a89a79: anything but an explicit false
    ("AP 92a89a79", "storage-no-cross-tenant-replication", "storage:StorageAccount", "allowCrossTenantReplication",
     True, False),
    ("AP 92a89a79", "storage-no-cross-tenant-replication", "storage:StorageAccount", "allowCrossTenantReplication",
     False, True),
    # T8 7433c107 with the allowed list [*_LRS, *_ZRS] (italynorth has no pair, so our rule
    # cannot rely on a pair inside the boundary and must agree with the list)
    ("AP 7433c107", "storage-replication-in-boundary", "storage:StorageAccount", "sku.name", "Standard_GRS", False),
    ("AP 7433c107", "storage-replication-in-boundary", "storage:StorageAccount", "sku.name", "Standard_ZRS", True),
    ("AP 7433c107", "storage-replication-in-boundary", "storage:StorageAccount", "sku.name", "Standard_RAGZRS", False),
    # F1 969ac98b / CKV_AZURE_221 (function apps; public_network_access_enabled default true)
    ("CKV_AZURE_221", "no-public-network-access", "web:WebApp", "publicNetworkAccess", ABSENT, False),
    ("AP 969ac98b", "no-public-network-access", "web:WebApp", "publicNetworkAccess", "Disabled", True),
    # F2 6d555dd1 / CKV_AZURE_70 (https_only default false)
    ("CKV_AZURE_70", "https-only", "web:WebApp", "httpsOnly", ABSENT, False),
]

#: Where we deliberately differ from an anchor on an *absent* key because Azure changed the
#: service default after the anchor was written, and Microsoft documents the new default (no
#: crying wolf): (anchor, policy, token, path, the documentation the catalogue row must cite).
DEVIATIONS: list[tuple[str, str, str, str, str]] = [
    ("ALZ Deny-EH-minTLS", "minimum-tls-version", "eventhub:Namespace", "minimumTlsVersion",
     "learn.microsoft.com/azure/event-hubs/transport-layer-security-configure-minimum-version"),
    ("AP 4fa4b6c0", "no-anonymous-blob-access", "storage:StorageAccount", "allowBlobPublicAccess",
     "learn.microsoft.com/azure/storage/blobs/anonymous-read-access-prevent"),
    ("AP 92a89a79", "storage-no-cross-tenant-replication", "storage:StorageAccount", "allowCrossTenantReplication",
     "allowcrosstenantreplication"),
]

_BASE: dict[str, dict[str, Any]] = {
    "storage:StorageAccount": {"location": "italynorth"},
    "web:WebApp": {"kind": "functionapp,linux", "location": "westeurope"},
}


def _props(token: str, path: str, value: Any) -> dict[str, Any]:
    props: dict[str, Any] = {k: v for k, v in _BASE.get(token, {"location": "westeurope"}).items()}
    if value is ABSENT:
        return props
    head, _, tail = path.partition(".")
    props[head] = {tail: value} if tail else value
    return props


@pytest.mark.parametrize("anchor, policy, token, path, value, compliant", CASES,
                         ids=[f"{c[0]}-{c[2]}-{c[3]}-{'absent' if c[4] is ABSENT else c[4]}" for c in CASES])
def test_same_verdict_as_anchor(anchor: str, policy: str, token: str, path: str, value: Any, compliant: bool) -> None:
    rule = RULES_BY_NAME[policy]
    assert rule.resource_check is not None
    findings = rule.resource_check(f"azure-native:{token}", _props(token, path, value), EU)
    relevant = [f for f in findings if path.split(".")[0] in f.message or f.control.startswith(("L", "G", "T8"))]
    assert (relevant == []) is compliant, (anchor, findings)


@pytest.mark.parametrize("anchor, policy, token, path, source", DEVIATIONS, ids=[f"{d[0]}-{d[3]}" for d in DEVIATIONS])
def test_documented_default_overrides_the_anchor_on_absent(anchor: str, policy: str, token: str, path: str,
                                                           source: str) -> None:
    """Absent is compliant (Azure's default for resources created today is the secure value),
    the explicit insecure value still is not, and the catalogue row says where Microsoft
    documents the default."""
    from sovereign_components.policies.catalogue import catalogue

    rule = RULES_BY_NAME[policy]
    assert rule.resource_check is not None
    full = f"azure-native:{token}"
    assert rule.resource_check(full, _props(token, path, ABSENT), EU) == []
    insecure = {"minimumTlsVersion": "1.0", "allowBlobPublicAccess": True, "allowCrossTenantReplication": True}[path]
    assert rule.resource_check(full, _props(token, path, insecure), EU)
    rows = [c for c in catalogue().types[full].checks if c.rule == policy and c.path == path]
    assert rows and rows[0].absent == "ok" and source in rows[0].why.lower()
