"""Local / key / shared-key authentication (E2, S2, H2, C2, C3, T5). Mandatory: keys and SAS
tokens work from anywhere and bypass Entra ID conditional access and its audit trail.

"Missing" = the service default: Event Grid's SDK injects ``disableLocalAuth=false``; Service
Bus, Event Hubs and Cosmos DB default to local auth on; Storage ``allowSharedKeyAccess``
absent is ``true``; Cosmos key-based metadata writes are allowed unless disabled. Pure.
"""

from __future__ import annotations

from .properties import PropertyRow, rows_check, rows_remediation

LOCAL_AUTH: tuple[PropertyRow, ...] = (
    PropertyRow("E2", ("eventgrid:Topic", "eventgrid:Domain"), "disableLocalAuth", (True,), False,
                "the SDK injects false: SAS keys stay valid", fix=True),
    PropertyRow("S2", ("servicebus:Namespace",), "disableLocalAuth", (True,), False,
                "absent = SAS keys enabled", fix=True),
    PropertyRow("H2", ("eventhub:Namespace",), "disableLocalAuth", (True,), False,
                "absent = SAS keys enabled", fix=True),
    PropertyRow("C2", ("cosmosdb:DatabaseAccount",), "disableLocalAuth", (True,), False,
                "absent = primary/secondary keys enabled", fix=True),
    PropertyRow("C3", ("cosmosdb:DatabaseAccount",), "disableKeyBasedMetadataWriteAccess", (True,), False,
                "absent = account keys may change databases and containers", fix=True),
    PropertyRow("T5", ("storage:StorageAccount",), "allowSharedKeyAccess", (False,), False,
                "absent = true: account keys and account SAS work", fix=False),
)

check_local_auth = rows_check(LOCAL_AUTH)
remediate_local_auth = rows_remediation(LOCAL_AUTH)
