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

# --- Dead-letter reasons (what an operator filters the compliance DLQ and its archive on). ---
#: Data of another boundary (the processor guard refused it).
SOVEREIGNTY_VIOLATION_REASON = "SovereigntyViolation"
#: A message that is not a valid contract event: not JSON, too deep or too large, a field that
#: fails validation, a MetadataEvent on the regional processor. It cannot be routed, guarded or
#: stored, so it goes to a person, never to the bin.
INVALID_EVENT_REASON = "InvalidEvent"
#: What the message was routed on contradicts what it carries: a CloudEvent attribute
#: (``dataregion``, ``dataclassification``, ``id``, ``type``, ``subject``, ``sovereignkind``), a
#: Service Bus property (``DataRegion``/``DataClassification``) or the session id disagrees
#: with the event body. Event Grid and Service Bus route on the former, the processor would act
#: on the latter, so neither may win: the message is dead-lettered.
ATTRIBUTE_MISMATCH_REASON = "AttributeMismatch"
#: An event id that is already stored with different content. A redelivery carries the same
#: content and is acknowledged; different content under the same id is either a producer bug
#: or an attempt to pass a second event off as a redelivery, and is never acknowledged silently.
IDEMPOTENCY_CONFLICT_REASON = "IdempotencyConflict"
#: Every reason the runtime writes, for the archive's sanitised folder names and for tests.
DEAD_LETTER_REASONS: tuple[str, ...] = (
    SOVEREIGNTY_VIOLATION_REASON,
    INVALID_EVENT_REASON,
    ATTRIBUTE_MISMATCH_REASON,
    IDEMPOTENCY_CONFLICT_REASON,
)

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
