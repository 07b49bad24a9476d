"""Hardening, advisory by default: minimum TLS (E5, S3, H3, C6, T3, F3, Q5, R3), HTTPS only
(T4, F2), customer-managed keys (S4, H5, C5, T10) and deletion protection of data stores.

These do not move data out of the boundary, so they warn rather than block (design.md); an
operator can make any of them mandatory in policy config. The rows live in the catalogue; TLS
enums differ per service (docs/sdk-notes.md, "TLS enums"). An absent minimum is judged by the
service's documented default for new resources (cited per row in ``data/catalogue.toml``):
Service Bus, Event Hubs, Cosmos DB, App Service, SQL and Redis default to TLS 1.2; Event Grid
topics and the Storage REST API still accept older versions when the key is absent. Pure.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..applicability import applies_to
from ..catalogue import catalogue
from ..context import PolicyContext
from ..findings import Finding
from ..tokens import matches, short
from ..values import MISSING, require
from .properties import checks_for, evaluate, rule_check, rule_remediation

TLS = "minimum-tls-version"
HTTPS = "https-only"
CMK = "customer-managed-keys"

MINIMUM_TLS = catalogue().checks(TLS)
HTTPS_ONLY = catalogue().checks(HTTPS)
CUSTOMER_MANAGED_KEYS = catalogue().checks(CMK)

check_minimum_tls = rule_check(TLS)
remediate_minimum_tls = rule_remediation(TLS)
check_https_only = rule_check(HTTPS)
remediate_https_only = rule_remediation(HTTPS)

COSMOS_ACCOUNT = "cosmosdb:DatabaseAccount"


@applies_to(*{c.token for c in CUSTOMER_MANAGED_KEYS}, COSMOS_ACCOUNT)
def check_customer_managed_keys(token: str, props: Mapping[str, Any], ctx: PolicyContext, *, protect: bool = False) -> list[Finding]:
    """S4/H5/T10 by key source (catalogue rows); C5: a Cosmos DB account needs ``keyVaultKeyUri``."""
    findings = evaluate(CMK, token, props, ctx)
    if matches(token, (COSMOS_ACCOUNT,)) and not checks_for(CMK, token):
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
