"""Hardening, advisory by default: minimum TLS (E5, S3, H3, C6, T3, F3), HTTPS only (T4, F2),
customer-managed keys (S4, H5, C5, T10) and deletion protection of data stores.

These do not move data out of the boundary, so they warn rather than block (design.md); an
operator can make any of them mandatory in policy config. TLS enums differ per service
(docs/sdk-notes.md, "TLS enums"); an absent minimum is the service default, which is below 1.2. Pure.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..applicability import applies_to
from ..context import PolicyContext
from ..findings import Finding
from ..tokens import matches, short
from ..values import MISSING, require
from .properties import PropertyRow, check_rows, row_tokens, rows_check, rows_remediation

_BELOW = "absent = the service default, below 1.2"

MINIMUM_TLS: tuple[PropertyRow, ...] = (
    PropertyRow("E5", ("eventgrid:Topic", "eventgrid:Domain"), "minimumTlsVersionAllowed", ("1.2",), False, _BELOW,
                fix="1.2"),
    PropertyRow("S3", ("servicebus:Namespace",), "minimumTlsVersion", ("1.2", "1.3"), False, _BELOW, fix="1.2"),
    PropertyRow("H3", ("eventhub:Namespace",), "minimumTlsVersion", ("1.2",), False, _BELOW, fix="1.2"),
    PropertyRow("C6", ("cosmosdb:DatabaseAccount",), "minimalTlsVersion", ("Tls12",), False, _BELOW, fix="Tls12"),
    PropertyRow("T3", ("storage:StorageAccount",), "minimumTlsVersion", ("TLS1_2", "TLS1_3"), False, _BELOW,
                fix="TLS1_2"),
    PropertyRow("F3", ("web:WebApp",), "siteConfig.minTlsVersion", ("1.2", "1.3"), False, _BELOW, fix="1.2"),
)
check_minimum_tls = rows_check(MINIMUM_TLS)
remediate_minimum_tls = rows_remediation(MINIMUM_TLS)

HTTPS_ONLY: tuple[PropertyRow, ...] = (
    # Azure Policy 404c3081 treats an absent supportsHttpsTrafficOnly as compliant from API
    # 2019-04-01 on (the service default became true); Web httpsOnly defaults to false.
    PropertyRow("T4", ("storage:StorageAccount",), "enableHttpsTrafficOnly", (True,), True,
                "plain HTTP accepted", fix=True),
    PropertyRow("F2", ("web:WebApp",), "httpsOnly", (True,), False, "absent = HTTP accepted", fix=True),
)
check_https_only = rows_check(HTTPS_ONLY)
remediate_https_only = rows_remediation(HTTPS_ONLY)

CUSTOMER_MANAGED_KEYS: tuple[PropertyRow, ...] = (
    PropertyRow("S4", ("servicebus:Namespace",), "encryption.keySource", ("Microsoft.KeyVault",), False,
                "absent = Microsoft-managed keys"),
    PropertyRow("H5", ("eventhub:Namespace",), "encryption.keySource", ("Microsoft.KeyVault",), False,
                "absent = Microsoft-managed keys"),
    PropertyRow("T10", ("storage:StorageAccount",), "encryption.keySource", ("Microsoft.Keyvault",), False,
                "absent or 'Microsoft.Storage' = Microsoft-managed keys"),
)


@applies_to(*row_tokens(CUSTOMER_MANAGED_KEYS), "cosmosdb:DatabaseAccount")
def check_customer_managed_keys(token: str, props: Mapping[str, Any], ctx: PolicyContext, *, protect: bool = False) -> list[Finding]:
    """S4/H5/T10 by key source; C5: a Cosmos DB account needs ``keyVaultKeyUri``."""
    findings = check_rows(CUSTOMER_MANAGED_KEYS, token, props)
    if matches(token, ("cosmosdb:DatabaseAccount",)):
        uri = require(props, "keyVaultKeyUri")
        if uri is MISSING or not str(uri).strip():
            findings.append(Finding("cosmosdb:DatabaseAccount keyVaultKeyUri is absent (Microsoft-managed keys); "
                                    "set a Key Vault key URI", "C5"))
    return findings


#: Data stores whose loss is loss of regulated data: the event store and the archive.
PROTECTED_TYPES: tuple[str, ...] = ("cosmosdb:DatabaseAccount", "storage:StorageAccount")


@applies_to(*PROTECTED_TYPES)
def check_protected(token: str, props: Mapping[str, Any], ctx: PolicyContext, *, protect: bool = False) -> list[Finding]:
    """Data stores should carry the ``protect`` resource option (visible to resource policies
    as ``args.opts.protect``), so a refactor cannot delete the event store or the archive."""
    if not matches(token, PROTECTED_TYPES) or protect:
        return []
    return [Finding(f"{short(token)} is not protected: set ResourceOptions(protect=True) on data stores", "DS")]
