"""Local / key / shared-key / basic authentication (E2, S2, H2, C2, C3, T5, F7-F9, Q2, R2, W2,
W3, A1, A2, K2, M4, AS2). Mandatory: keys, SAS tokens, publishing passwords and admin users
work from anywhere and bypass Entra ID conditional access and its audit trail.

The rows live in the catalogue (``rule = "no-local-auth"``). "Absent" = the service default:
Event Grid's SDK injects ``disableLocalAuth=false``; Service Bus, Event Hubs, Cosmos DB, Redis,
Web PubSub default to keys on; Storage ``allowSharedKeyAccess`` absent is ``true``; the ACR admin
user and anonymous pull default to off. Pure.
"""

from __future__ import annotations

from ..catalogue import catalogue
from .properties import rule_check, rule_remediation

RULE = "no-local-auth"
LOCAL_AUTH = catalogue().checks(RULE)

check_local_auth = rule_check(RULE)
remediate_local_auth = rule_remediation(RULE)
