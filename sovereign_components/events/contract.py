"""The event contract: :class:`SovereignEvent` (regulated, stays in its boundary) and
:class:`MetadataEvent` (non-regulated projection, the only thing that may cross one).

Wire format is the source design's event schema, camelCase (``aggregateId``, ``dataRegion``);
Python code uses snake_case (``event.aggregate_id``). Validation is strict because the fields
drive routing and storage, and a wrong value silently routes data out of its jurisdiction:

- ``timestamp``: RFC 3339 with an explicit UTC offset (``Z`` or ``+00:00``). Naive times and
  other offsets are rejected: ordering across regions is compared in UTC, and a local offset
  hides in which zone (and so which jurisdiction's clock) an event was stamped.
- ``dataRegion``: a sovereignty boundary code (``EU``, ``US``) or a known Azure region; it is
  normalised (``eu`` -> ``EU``, ``West Europe`` -> ``westeurope``) because the Event Grid
  ``StringIn`` filter and the processor guard compare it with ``boundary.filter_values()``.
- ``dataClassification``: one of :data:`contract.CLASSIFICATIONS` exactly.
- ``eventVersion``: a strict positive integer (``"1"`` and ``true`` are refused: a producer that
  sends strings has a bug that a silent coercion would hide).
- ids: non-empty, at most 128 characters, no whitespace and none of ``/ \\ ? #``: the event id
  is the Cosmos DB document id (which forbids those characters) and the Service Bus message id
  (128 characters at most); the aggregate id is the Service Bus session id (same limit).
- ``metadata``: the known keys are typed (``userId``, ``clientIp`` a valid IP address); other
  keys are *allowed*. Everything in ``metadata`` is treated as personal data and never leaves
  the boundary (:class:`MetadataEvent` has no such field at all), so accepting a producer's
  extra context (user agent, tenant) costs no sovereignty guarantee, while refusing it would
  push that context into ``payload`` where it is no better protected.
- unknown top-level fields are refused (``extra="forbid"``): a typo such as ``dataRegoin``
  must not pass as an event without a region.

Pure: no Pulumi. JSON Schemas for other languages come from :func:`event_json_schema` and
:func:`metadata_event_json_schema` (``sovereign schema event``).
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from ipaddress import IPv4Address, IPv6Address
from pathlib import Path
from typing import Annotated, Any, Literal, Union

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
    ValidationError,
    field_validator,
)
from pydantic.alias_generators import to_camel

from ..geo.boundary import get_boundary, is_boundary_code
from .names import CLASSIFICATIONS, NON_REGULATED_CLASSIFICATIONS
from ..files import read_text
from ..geo.regions import canonical_region, is_known_region

__all__ = [
    "EventMetadata",
    "MetadataEvent",
    "SovereignEvent",
    "ValidationError",
    "event_from_json",
    "event_json_schema",
    "format_validation_error",
    "load_event_file",
    "metadata_event_json_schema",
    "normalize_data_region",
]

_RFC3339 = re.compile(
    r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,9})?(?P<offset>[Zz]|[+-]\d{2}:\d{2})$"
)
_UTC_OFFSETS = frozenset({"Z", "z", "+00:00"})


def _parse_utc_timestamp(value: Any) -> datetime:
    """Accept an RFC 3339 string in UTC (or an aware UTC datetime) and return an aware datetime."""
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() != timezone.utc.utcoffset(None):
            raise ValueError("timestamp must be timezone-aware UTC")
        return value.astimezone(timezone.utc)
    if not isinstance(value, str):
        raise ValueError("timestamp must be an RFC 3339 string such as 2024-01-15T10:30:00Z")
    match = _RFC3339.match(value)
    if match is None:
        raise ValueError(
            f"timestamp {value!r} is not RFC 3339 with an offset (e.g. 2024-01-15T10:30:00Z)"
        )
    if match.group("offset") not in _UTC_OFFSETS:
        raise ValueError(f"timestamp {value!r} must be in UTC (suffix Z or +00:00)")
    text = value[:-1] + "+00:00" if value[-1] in "Zz" else value
    # Python's fromisoformat takes at most 6 fractional digits; RFC 3339 allows more.
    text = re.sub(r"(\.\d{6})\d+", r"\1", text)
    return datetime.fromisoformat(text.replace("t", "T")).astimezone(timezone.utc)


def _format_utc_timestamp(value: datetime) -> str:
    """RFC 3339 with ``Z``; fractional seconds only when present (the seed has none)."""
    text = value.astimezone(timezone.utc).isoformat(timespec="microseconds" if value.microsecond else "seconds")
    return text.removesuffix("+00:00") + "Z"


UtcTimestamp = Annotated[
    datetime,
    BeforeValidator(_parse_utc_timestamp),
    PlainSerializer(_format_utc_timestamp, return_type=str, when_used="json"),
    Field(json_schema_extra={"format": "date-time", "pattern": r"(Z|z|\+00:00)$"}),
]


def normalize_data_region(value: str) -> str:
    """Canonical form of a data-region value: a boundary code upper-cased, a region's ARM name.

    Raises ``ValueError`` for anything else, so an event cannot carry a region that no
    boundary and no filter can place (it would match no routing filter and no guard).
    """
    if not isinstance(value, str) or not value.strip():
        raise ValueError("dataRegion must be a non-empty string")
    if is_boundary_code(value):
        return get_boundary(value).code
    if is_known_region(value):
        return canonical_region(value)
    raise ValueError(
        f"dataRegion {value!r} is neither a sovereignty boundary code (EU, US, ...) "
        "nor a known Azure region"
    )


DataRegion = Annotated[
    str,
    BeforeValidator(normalize_data_region),
    Field(description="A sovereignty boundary code (EU, US, UK, ...) or an Azure region ARM name."),
]

#: Identifier shape shared by event, aggregate, causation and correlation ids (see module doc).
Identifier = Annotated[
    str,
    StringConstraints(min_length=1, max_length=128, pattern=r"^[^\s/\\?#]+$"),
]
#: Names used as CloudEvents ``type``/subject segments and Event Grid ``includedEventTypes``.
TypeName = Annotated[
    str,
    StringConstraints(min_length=1, max_length=256, pattern=r"^[A-Za-z][A-Za-z0-9_.\-]*$"),
]
EventVersion = Annotated[int, Field(strict=True, gt=0)]

Classification = Literal.__getitem__(CLASSIFICATIONS)  # type: ignore[attr-defined]
NonRegulatedClassification = Literal.__getitem__(NON_REGULATED_CLASSIFICATIONS)  # type: ignore[attr-defined]


def _wire_config(**extra: Any) -> ConfigDict:
    return ConfigDict(alias_generator=to_camel, populate_by_name=True, frozen=True, **extra)


class EventMetadata(BaseModel):
    """Who and where an event came from: personal data, kept with the payload in the boundary."""

    model_config = _wire_config(extra="allow")

    user_id: Annotated[str, StringConstraints(min_length=1, max_length=256)] | None = None
    client_ip: Union[IPv4Address, IPv6Address] | None = None


class _EventEnvelope(BaseModel):
    """Fields both event kinds share (routing, ordering, causality)."""

    model_config = _wire_config(extra="forbid")

    id: Identifier
    aggregate_id: Identifier
    aggregate_type: TypeName
    event_type: TypeName
    event_version: EventVersion
    timestamp: UtcTimestamp
    data_region: DataRegion
    causation_id: Identifier
    correlation_id: Identifier

    def to_wire(self) -> dict[str, Any]:
        """The camelCase JSON document (``None`` metadata keys omitted, payload untouched)."""
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)

    def to_json(self, *, indent: int | None = None) -> str:
        return json.dumps(self.to_wire(), indent=indent, ensure_ascii=False)


class SovereignEvent(_EventEnvelope):
    """A domain event with regulated content, as the source design's event schema defines it."""

    data_classification: Classification
    metadata: EventMetadata = Field(default_factory=EventMetadata)
    payload: dict[str, Any]


#: Opaque reference values: short id-shaped strings. No spaces (free text) and no ``@``
#: (e-mail addresses), so the obvious personal values cannot pass as a "reference".
ReferenceValue = Annotated[
    str, StringConstraints(min_length=1, max_length=128, pattern=r"^[^\s@/\\?#]+$")
]
ReferenceKey = Annotated[str, StringConstraints(pattern=r"^[a-z][A-Za-z0-9]{0,63}$")]


class MetadataEvent(_EventEnvelope):
    """The non-regulated projection of an event: ids, type, version, time, origin region.

    It has no ``payload`` and no ``metadata`` (``userId``, ``clientIp``) *by construction*: the
    model declares no such fields and forbids extra ones, so no code path can attach them. Its
    classification must be non-regulated (:data:`contract.NON_REGULATED_CLASSIFICATIONS`),
    the only values a declared metadata channel's filter admits. ``references`` is a small map
    of opaque ids (``orderReference``, a SKU list) that the saga's remote step needs.
    """

    data_classification: NonRegulatedClassification = "Internal"
    references: dict[ReferenceKey, ReferenceValue | list[ReferenceValue]] = Field(
        default_factory=dict, max_length=16
    )

    @field_validator("references")
    @classmethod
    def _short_lists(cls, value: dict[str, Any]) -> dict[str, Any]:
        for key, item in value.items():
            if isinstance(item, list) and len(item) > 100:
                raise ValueError(f"references[{key!r}] holds {len(item)} ids; at most 100")
        return value


AnyEvent = Union[SovereignEvent, MetadataEvent]


def event_json_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of :class:`SovereignEvent` on the wire (camelCase)."""
    return _schema(SovereignEvent, "SovereignEvent")


def metadata_event_json_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of :class:`MetadataEvent` on the wire (camelCase)."""
    return _schema(MetadataEvent, "MetadataEvent")


def _schema(model: type[BaseModel], title: str) -> dict[str, Any]:
    schema = model.model_json_schema(by_alias=True, mode="validation")
    # Other languages cannot run the normalisation, so the schema lists the canonical values.
    schema["properties"]["dataRegion"]["enum"] = _data_region_values()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:sovereign-events:schema:{title}",
        **schema,
    }


def _data_region_values() -> list[str]:
    from ..geo.boundary import named_boundaries
    from ..geo.regions import all_regions

    return [*sorted(named_boundaries()), *(r.name for r in all_regions())]


def event_from_json(document: dict[str, Any] | str | bytes) -> AnyEvent:
    """Parse a JSON document as a :class:`SovereignEvent` (it has ``payload``) or a
    :class:`MetadataEvent` (it has none); raises :class:`pydantic.ValidationError`."""
    data = json.loads(document) if isinstance(document, (str, bytes)) else document
    if isinstance(data, dict) and "payload" not in data and "metadata" not in data:
        return MetadataEvent.model_validate(data)
    return SovereignEvent.model_validate(data)


def load_event_file(path: Path) -> dict[str, Any]:
    """Read a JSON file; errors name the file."""
    text = read_text(path, "event file")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: not valid JSON ({exc})") from None


def format_validation_error(exc: ValidationError) -> str:
    """One line per problem, naming the camelCase field: ``dataRegion: ...``."""
    lines = []
    for err in exc.errors(include_url=False):
        where = ".".join(str(p) for p in err["loc"]) or "(document)"
        lines.append(f"{where}: {err['msg']}")
    return "; ".join(lines)
