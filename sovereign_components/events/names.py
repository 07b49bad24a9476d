"""Names shared by the event contract, the Event Grid filters and the policy pack.

One module so that the routing filter the RegionalEventPlane configures, the CloudEvents
mapping the applications use and the metadata-channel rule of the policy pack cannot drift
apart. Pure: no Pulumi.
"""

from __future__ import annotations

#: CloudEvents extension attribute carrying the event's data region (CloudEvents attribute
#: names are lower-case alphanumerics). Event Grid advanced filters on CloudEvents topics
#: match extension attributes by this bare name.
REGION_ATTRIBUTE = "dataregion"
#: CloudEvents extension attribute carrying the data classification.
CLASSIFICATION_ATTRIBUTE = "dataclassification"

#: Service Bus application property names (binary mode), as the source design reads them.
SERVICE_BUS_REGION_PROPERTY = "DataRegion"
SERVICE_BUS_CLASSIFICATION_PROPERTY = "DataClassification"

#: Data classifications, least to most sensitive.
CLASSIFICATIONS: tuple[str, ...] = ("Public", "Internal", "Confidential", "Restricted")
#: Classifications that may cross a boundary on a declared metadata channel.
NON_REGULATED_CLASSIFICATIONS: tuple[str, ...] = ("Public", "Internal")

#: Label that declares an Event Grid subscription as a cross-boundary metadata channel; the
#: policy pack allows a cross-boundary destination only with this label and a filter that
#: admits nothing but NON_REGULATED_CLASSIFICATIONS on CLASSIFICATION_ATTRIBUTE.
METADATA_CHANNEL_LABEL = "sovereign-metadata-channel"

#: CloudEvents extension attribute that only a ``MetadataEvent`` carries (value
#: :data:`METADATA_KIND`); a ``SovereignEvent`` never has it. A cross-boundary metadata channel
#: filters on it (``StringIn [METADATA_KIND]``) besides the classification, so a full event,
#: whatever its classification, can never match the channel.
KIND_ATTRIBUTE = "sovereignkind"
METADATA_KIND = "metadata"
#: Tag (key -> value) that marks the dedicated Event Grid topic a stack's metadata channels
#: read from; only the metadata publisher's identity may send to that topic.
TOPIC_KIND_TAG = "sovereign-topic-kind"
METADATA_TOPIC_KIND = "metadata"

#: Dead-letter reason the processor guard uses for data of another boundary.
SOVEREIGNTY_VIOLATION_REASON = "SovereigntyViolation"

#: App settings the processor Function App reads (names from the source design).
DEPLOYMENT_REGION_SETTING = "DEPLOYMENT_REGION"
ALLOWED_DATA_REGIONS_SETTING = "ALLOWED_DATA_REGIONS"
BOUNDARY_SETTING = "SOVEREIGNTY_BOUNDARY"

# --- Function App contract: names the RegionalEventPlane deploys and functions_app reads. ---
#: Function names (the Event Grid subscription's AzureFunction endpoint is
#: ``<function app id>/functions/<EVENT_GRID_FUNCTION_NAME>``).
EVENT_GRID_FUNCTION_NAME = "process_event_grid"
SESSION_QUEUE_FUNCTION_NAME = "process_session_queue"
DLQ_ARCHIVER_FUNCTION_NAME = "archive_dead_letters"
#: Identity-based connection prefixes: the app setting ``<prefix>__fullyQualifiedNamespace``
#: (Service Bus) / ``<prefix>__blobServiceUri`` (Storage) replaces any connection string.
SERVICE_BUS_CONNECTION = "ServiceBusConnection"
ARCHIVE_STORAGE_CONNECTION = "ArchiveStorage"
#: App settings naming the entities the functions use.
PROCESSING_QUEUE_SETTING = "PROCESSING_QUEUE_NAME"
COMPLIANCE_DLQ_SETTING = "COMPLIANCE_DLQ_NAME"
ARCHIVE_CONTAINER_SETTING = "ARCHIVE_CONTAINER_NAME"
COSMOS_ENDPOINT_SETTING = "EVENT_STORE_ENDPOINT"
EVENT_STORE_DATABASE_SETTING = "EVENT_STORE_DATABASE"
EVENT_STORE_CONTAINER_SETTING = "EVENT_STORE_CONTAINER"
