"""Reachability from outside: public network access (E1, S1, H1, C1, T1, F1, KV1, Q1, R1, X1,
W1, N1, A3, K1, M1-M3, AS1, P1, VD1) and anonymous access (T2). Mandatory: a public endpoint
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

from ..catalogue import catalogue
from .properties import rule_check, rule_remediation

PUBLIC = "no-public-network-access"
ANONYMOUS = "no-anonymous-blob-access"

PUBLIC_NETWORK_ACCESS = catalogue().checks(PUBLIC)
ANONYMOUS_BLOB_ACCESS = catalogue().checks(ANONYMOUS)

check_public_network_access = rule_check(PUBLIC)
remediate_public_network_access = rule_remediation(PUBLIC)
check_anonymous_blob_access = rule_check(ANONYMOUS)
remediate_anonymous_blob_access = rule_remediation(ANONYMOUS)
