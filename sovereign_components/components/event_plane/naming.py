"""Azure names for the plane's globally named resources. Pure: no Pulumi.

Explicit names instead of provider auto-naming, because (a) the app settings, the DLQ and the
event subscriptions need the names at construction time, not after create, and (b) the
storage account's naming rule (3-24 lower-case letters and digits) rejects the hyphens of a
Pulumi logical name. A short hash of ``seed`` (project/stack/component) keeps the DNS names
(``*.servicebus.windows.net``, ``*.azurewebsites.net``, ``*.blob.core.windows.net``) unique
across stacks and stable across runs.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True)
class PlaneNames:
    """Azure resource names of one plane."""

    topic: str
    metadata_topic: str
    metadata_publisher: str
    service_bus_namespace: str
    event_hub_namespace: str
    storage_account: str
    function_app: str
    app_service_plan: str
    workspace: str


def _slug(name: str, limit: int) -> str:
    slug = _NON_ALNUM.sub("-", name.lower()).strip("-")
    if not slug or not slug[0].isalpha():
        slug = f"s{slug}"
    return slug[:limit].rstrip("-")


def short_hash(seed: str, length: int = 6) -> str:
    """A stable lower-case hex digest prefix of ``seed``."""
    return hashlib.sha256(seed.encode("utf-8")).hexdigest()[:length]


def plane_names(name: str, seed: str, *, storage_account: str | None = None) -> PlaneNames:
    """Names for component ``name``; ``seed`` makes them unique (e.g. ``project/stack/name``)."""
    h = short_hash(seed)
    slug = _slug(name, 30)
    alnum = _NON_ALNUM.sub("", name.lower())
    if not alnum or not alnum[0].isalpha():
        alnum = f"s{alnum}"
    return PlaneNames(
        topic=f"{slug}-topic-{h}",
        metadata_topic=f"{slug}-mdtopic-{h}",
        metadata_publisher=f"{slug}-mdpub-{h}",
        service_bus_namespace=f"{slug}-sb-{h}",
        event_hub_namespace=f"{slug}-eh-{h}",
        storage_account=storage_account or f"{alnum[:16]}st{h}",
        function_app=f"{slug}-func-{h}",
        app_service_plan=f"{slug}-plan-{h}",
        workspace=f"{slug}-logs-{h}",
    )


STORAGE_ACCOUNT_NAME = re.compile(r"^[a-z0-9]{3,24}$")
#: Event Grid subscription names: 3-64 letters, digits and hyphens.
SUBSCRIPTION_NAME = re.compile(r"^[A-Za-z0-9-]{3,64}$")
#: Service Bus queue names: letters, digits, periods, hyphens, underscores; start and end with a
#: letter or digit (slashes are allowed by Azure but would look like a path in app settings).
QUEUE_NAME = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,258}[A-Za-z0-9])?$")
#: Event hub names: 1-256 letters, digits, periods, hyphens, underscores; start/end alnum.
EVENT_HUB_NAME = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,254}[A-Za-z0-9])?$")
#: Cosmos DB account names: 3-44 lower-case letters, digits and hyphens.
COSMOS_ACCOUNT_NAME = re.compile(r"^[a-z0-9](?:[a-z0-9-]{1,42}[a-z0-9])$")
