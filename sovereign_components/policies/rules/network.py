"""Reachability from outside: public network access (E1, S1, H1, C1, T1, F1, KV1, Q1, R1, X1,
W1, N1, A3, K1, M3, AS1, P1, VD1, CI1), security rules open to everyone (NW1) and anonymous
access (T2). Mandatory: a public endpoint
makes regulated data reachable from anywhere.

The rows live in the catalogue (``data/catalogue.toml``, ``rule = "no-public-network-access"`` /
``"no-anonymous-blob-access"``). "Absent" is judged by what the service does without the key or
by the value the SDK injects (docs/sdk-notes.md, "SDK-injected defaults"): Event Grid, Service
Bus and Event Hubs namespaces get an injected ``publicNetworkAccess='Enabled'``; the other
services send nothing and their documented default is public. ``SecuredByPerimeter`` counts
here only for types whose entry says ``perimeter = true``; whether the perimeter really keeps
the public out is the stack policy ``network-perimeter-closed``. Pure.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..applicability import declare, tokens_of
from ..catalogue import catalogue
from ..context import PolicyContext
from ..findings import Finding
from ..tokens import canonical_token, short
from ..values import as_list, is_unknown, lookup
from .properties import rule_check, rule_remediation

PUBLIC = "no-public-network-access"
ANONYMOUS = "no-anonymous-blob-access"

PUBLIC_NETWORK_ACCESS = catalogue().checks(PUBLIC)
ANONYMOUS_BLOB_ACCESS = catalogue().checks(ANONYMOUS)

#: Network security groups and their rules: an inbound Allow from everyone puts whatever sits
#: behind the group (a VM's NIC, a subnet) on the internet, with no publicNetworkAccess switch to
#: read. Anchors: Azure Policy "All network ports should be restricted on network security groups
#: associated to your virtual machine"; Checkov CKV_AZURE_9 / CKV_AZURE_10 / CKV_AZURE_160 (RDP,
#: SSH, HTTP from the internet).
NSG_TOKENS = ("azure-native:network:NetworkSecurityGroup", "azure-native:network:SecurityRule")
#: Sources that admit every address (prefixes and service tags, compared lower-case).
EVERYONE = frozenset({"*", "0.0.0.0/0", "0.0.0.0", "::/0", "internet", "any"})


def _open_inbound(rule: Mapping[str, Any]) -> str | None:
    """Why a security rule admits everyone inbound, or ``None``."""
    def text(key: str) -> str:
        value = lookup(rule, key)
        return value.lower() if isinstance(value, str) and not is_unknown(value) else ""

    if text("direction") != "inbound" or text("access") != "allow":
        return None
    sources = [text("sourceAddressPrefix"), *(v.lower() for v in as_list(lookup(rule, "sourceAddressPrefixes"))
                                              if isinstance(v, str))]
    opened = [s for s in sources if s in EVERYONE]
    if not opened:
        return None
    ports = lookup(rule, "destinationPortRange")
    return f"allows inbound {text('protocol') or 'traffic'} from {opened[0]!r} to port(s) {ports!r}"


def check_open_inbound(token: str, props: Mapping[str, Any], ctx: PolicyContext, *,
                       protect: bool = False) -> list[Finding]:
    """NW1: no security rule admits every address inbound."""
    canonical = canonical_token(token)
    if canonical == NSG_TOKENS[0]:
        rules = [(f"securityRules[{i}]", r) for i, r in enumerate(as_list(lookup(props, "securityRules")))
                 if isinstance(r, Mapping)]
    elif canonical == NSG_TOKENS[1]:
        rules = [("", props)]
    else:
        return []
    findings = []
    for where, rule in rules:
        why = _open_inbound(rule)
        if why:
            name = lookup(rule, "name")
            label = f"{where} ({name})" if where and isinstance(name, str) else where or "the rule"
            findings.append(Finding(f"{short(token)} {label} {why}: whatever sits behind it listens on the "
                                    "internet; admit only the networks that need it (a VNet, a service tag, "
                                    "a private range) and reach it through a private endpoint or Bastion", "NW1"))
    return findings


_catalogue_public = rule_check(PUBLIC)


def check_public_network_access(token: str, props: Mapping[str, Any], ctx: PolicyContext, *,
                                protect: bool = False) -> list[Finding]:
    """The catalogue's public-network rows, and NW1 for security groups."""
    return [*_catalogue_public(token, props, ctx, protect=protect), *check_open_inbound(token, props, ctx)]


declare(check_public_network_access, (*(tokens_of(_catalogue_public) or ()), *NSG_TOKENS))
remediate_public_network_access = rule_remediation(PUBLIC)
check_anonymous_blob_access = rule_check(ANONYMOUS)
remediate_anonymous_blob_access = rule_remediation(ANONYMOUS)
