"""Defaults of the RegionalEventPlane, as data (one place to read them, one place to test).

Each value names the control it satisfies (docs/controls.md) or the
source design (docs/architecture.md, "Origin") it follows. Pure: no Pulumi.
"""

from __future__ import annotations

from typing import Final

from ...events.names import (
    CLASSIFICATION_ATTRIBUTE,
    REGION_ATTRIBUTE,
    SERVICE_BUS_CLASSIFICATION_PROPERTY,
    SERVICE_BUS_REGION_PROPERTY,
)

#: Arguments' defaults, by argument name.
ARG_DEFAULTS: Final[dict[str, object]] = {
    "processors": ({"name": "processor"},),
    "service_bus_sku": "Premium",  # private endpoints (PL), zone redundancy and CMK (S4) need it
    "service_bus_capacity": 1,  # smallest Premium namespace
    "processing_queue_name": "sovereign-events",  # source design's session queue
    "max_delivery_count": 3,  # source design: deadLetterConfiguration.maxDeliveryCount
    "event_hub_name": "events",
    "event_hub_partition_count": 2,
    "capture_enabled": True,  # G7: the stream is kept in the region's own account
    "log_retention_days": 30,
    "event_delivery_max_attempts": 10,
    "event_time_to_live_minutes": 1440,
}

#: Service Bus SKUs the plane accepts: sessions, duplicate detection and forwarding need
#: Standard or Premium.
SERVICE_BUS_SKUS: Final[tuple[str, ...]] = ("Standard", "Premium")

#: How a processor subscription delivers (Event Grid ``endpointType``). ``ServiceBusQueue`` is
#: the default: the private path (see eventgrid.py). ``AzureFunction`` needs the app reachable
#: by Event Grid, which public network access disabled (F1) prevents.
PROCESSOR_ENDPOINT_TYPES: Final[tuple[str, ...]] = ("ServiceBusQueue", "AzureFunction")
DEFAULT_PROCESSOR_ENDPOINT: Final = "ServiceBusQueue"

#: CloudEvents extension attribute carrying ``aggregateId`` (cloudevents_mapping.EXTENSIONS).
AGGREGATE_ID_ATTRIBUTE: Final = "aggregateid"

#: Dynamic delivery attribute mappings of a queue-delivered processor subscription: Service Bus
#: message property <- CloudEvent attribute (a JSON path into the structured CloudEvent).
#: ``SessionId`` is the broker's session id (Event Grid sets it when the mapping is named so),
#: one session per aggregate: the session queue then keeps strict per-aggregate order (source
#: design). The other two become application properties the processor reads and checks against
#: the body (contract.SERVICE_BUS_*; a contradiction is dead-lettered).
QUEUE_DELIVERY_ATTRIBUTES: Final[dict[str, str]] = {
    "SessionId": AGGREGATE_ID_ATTRIBUTE,
    SERVICE_BUS_REGION_PROPERTY: REGION_ATTRIBUTE,
    SERVICE_BUS_CLASSIFICATION_PROPERTY: CLASSIFICATION_ATTRIBUTE,
}

#: The Service Bus namespace's network rule set: deny everything public (S1) but let trusted
#: Microsoft services (Event Grid delivering with its managed identity) through, which is how
#: the topic reaches the processing queue although public network access is disabled.
SERVICE_BUS_NETWORK_RULES: Final[dict[str, object]] = {
    "default_action": "Deny",
    "public_network_access": "Disabled",
    "trusted_service_access_enabled": True,
}

#: Metadata channel endpoint types (Event Grid ``endpointType``) and the data-sender role the
#: topic identity needs on each (Event Grid "Grant managed identity access to destinations").
METADATA_ENDPOINT_ROLES: Final[dict[str, str]] = {
    "ServiceBusTopic": "Azure Service Bus Data Sender",
    "ServiceBusQueue": "Azure Service Bus Data Sender",
    "EventHub": "Azure Event Hubs Data Sender",
}
DEFAULT_METADATA_ENDPOINT: Final = "ServiceBusTopic"

#: Processing queue (Service Bus, ISO-8601 durations).
PROCESSING_QUEUE: Final[dict[str, object]] = {
    "requires_session": True,  # strict order per session (source design: session processor)
    "dead_lettering_on_message_expiration": True,  # expired data is kept for review, never dropped
    "requires_duplicate_detection": True,  # idempotent appends to the event store
    "duplicate_detection_history_time_window": "PT10M",
    "lock_duration": "PT1M",
    "default_message_time_to_live": "P14D",
}

#: Event hub capture: Avro files every 5 minutes or 300 MB, no empty files.
CAPTURE: Final[dict[str, object]] = {
    "encoding": "Avro",
    "interval_in_seconds": 300,
    "size_limit_in_bytes": 314572800,
    "skip_empty_archives": True,
    "archive_name_format": "{Namespace}/{EventHub}/{PartitionId}/{Year}/{Month}/{Day}/{Hour}/{Minute}/{Second}",
}
EVENT_HUB_RETENTION_DAYS: Final = 1

#: Blob containers in the regional storage account.
CONTAINERS: Final[dict[str, str]] = {
    "dead_letter": "eventgrid-deadletter",
    "capture": "eventhub-capture",
    "package": "function-packages",
}
FUNCTION_PACKAGE_BLOB: Final = "sovereign-functions.zip"

#: Function App plan: Linux Elastic Premium EP1 (see functions.py for why not Flex Consumption).
FUNCTION_PLAN: Final[dict[str, object]] = {
    "sku_name": "EP1",
    "sku_tier": "ElasticPremium",
    "kind": "elastic",
    "maximum_elastic_worker_count": 20,
}
FUNCTION_LINUX_FX_VERSION: Final = "Python|3.11"

#: Public Azure cloud DNS suffixes (regions.csv is the public cloud's catalog).
SERVICE_BUS_DNS_SUFFIX: Final = "servicebus.windows.net"
BLOB_DNS_SUFFIX: Final = "blob.core.windows.net"
COSMOS_DNS_SUFFIX: Final = "documents.azure.com"
