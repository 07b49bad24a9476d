"""The event contract: :class:`SovereignEvent` (regulated, stays in its boundary) and
:class:`MetadataEvent` (non-regulated projection, the only thing that may cross one).

Wire format is the source design's event schema, camelCase (``aggregateId``, ``dataRegion``);
Python code uses snake_case (``event.aggregate_id``). Validation is strict because the fields
drive routing and storage, and a wrong value silently routes data out of its jurisdiction:

- ``timestamp``: RFC 3339 with an explicit UTC offset (``Z`` or ``+00:00``). Naive times and
  other offsets are rejected: ordering across regions is compared in UTC, and a local offset
  hides in which zone (and so which jurisdiction's clock) an event was stamped.
- ``dataRegion``: a sovereignty boundary code (``EU``, ``US``) or a known Azure region's ARM
  name, written exactly as the Event Grid filters list them (``boundary.filter_values()``) up to
  letter case: ``eu`` becomes ``EU`` and ``WestEurope`` ``westeurope``, because Event Grid's
  ``StringIn`` compares strings case-insensitively
  (https://learn.microsoft.com/azure/event-grid/event-filtering#advanced-filtering) and would
  route them the same. Nothing else is repaired: Event Grid matches the raw attribute, so
  ``West Europe``, ``EU\u2003`` (an em space), ``West\u00a0Europe`` or a control character would
  match no regional filter while a lenient parser here would call them ``westeurope``/``EU``.
  Only ASCII letters and digits are accepted, and the error says which spelling was meant.
- ``dataClassification``: one of :data:`contract.CLASSIFICATIONS` exactly.
- ``eventVersion``: a strict positive integer (``"1"`` and ``true`` are refused: a producer that
  sends strings has a bug that a silent coercion would hide).
- ids: non-empty, at most 128 characters, no whitespace and none of ``/ \\ ? #``: the event id
  is the Cosmos DB document id (which forbids those characters) and the Service Bus message id
  (128 characters at most); the aggregate id is the Service Bus session id (same limit). No
  control, format (zero-width, bidirectional override) or separator characters either: two ids
  that print the same must not be two events.
- ``payload``, ``metadata`` and ``references`` hold plain JSON data within the runtime's bounds
  (:mod:`.jsonbounds`: at most 128 levels deep, 1 MiB, numbers of at most 100 characters), so
  every valid event can be serialised, published to Event Grid and stored in Cosmos DB.
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
import unicodedata
from collections.abc import Mapping
from datetime import datetime, timezone
from functools import cache
from ipaddress import IPv4Address, IPv6Address
from pathlib import Path
from typing import Annotated, Any, Literal, Union

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic.alias_generators import to_camel

from ..files import read_text
from ..geo.boundary import named_boundaries
from ..geo.regions import all_regions, canonical_region, is_known_region
from .errors import EventFormatError
from .jsonbounds import check_json_value, load_json, shown
from .names import CLASSIFICATIONS, NON_REGULATED_CLASSIFICATIONS

__all__ = [
    "EventFormatError",
    "EventMetadata",
    "MetadataEvent",
    "SovereignEvent",
    "ValidationError",
    "event_from_document",
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


#: What a region or boundary code may be written with: ASCII letters and digits, nothing else
#: (see the module doc: Event Grid compares the raw string, so no separator is repaired).
_CODE = re.compile(r"[A-Za-z0-9]{1,64}")


@cache
def _canonical_codes() -> dict[str, str]:
    """Upper-cased spelling -> canonical value, for every boundary code and region ARM name."""
    codes = {code.upper(): code for code in named_boundaries()}
    codes.update({region.name.upper(): region.name for region in all_regions()})
    return codes


def normalize_data_region(value: Any) -> str:
    """Canonical form of a data-region value: a boundary code (``EU``) or a region's ARM name
    (``westeurope``), accepted in any letter case and in no other variation.

    Raises ``ValueError`` for anything else -- a region's display name, a value with a space,
    separator, control or non-ASCII character, or an unknown name -- because Event Grid routes
    on the raw attribute (case-insensitively) and would match such a value to no filter.
    """
    if not isinstance(value, str) or not value:
        raise ValueError("dataRegion must be a non-empty string")
    if _CODE.fullmatch(value) is None:
        hint = ""
        if value.isprintable() and is_known_region(value):
            hint = f"; write it as {canonical_region(value)!r}"
        raise ValueError(
            f"dataRegion {shown(value)} may contain only ASCII letters and digits, as the Event "
            f"Grid filters list boundary codes and region names (Event Grid compares the raw "
            f"attribute, so spaces, separators and control characters match no filter){hint}"
        )
    canonical = _canonical_codes().get(value.upper())
    if canonical is None:
        raise ValueError(
            f"dataRegion {shown(value)} is neither a sovereignty boundary code (EU, US, ...) "
            "nor a known Azure region"
        )
    return canonical


def _no_invisible_characters(value: str) -> str:
    """Refuse control, format, surrogate, private-use, unassigned and separator characters
    (Unicode categories C* and Z*): an id that prints like another must not be another."""
    for char in value:
        category = unicodedata.category(char)
        if category[0] in "CZ":
            raise ValueError(
                f"must not contain {unicodedata.name(char, 'an unnamed character')} "
                f"(U+{ord(char):04X}, category {category})"
            )
    return value


DataRegion = Annotated[
    str,
    BeforeValidator(normalize_data_region),
    Field(description="A sovereignty boundary code (EU, US, UK, ...) or an Azure region ARM name."),
]

#: Identifier shape shared by event, aggregate, causation and correlation ids (see module doc).
Identifier = Annotated[
    str,
    StringConstraints(min_length=1, max_length=128, pattern=r"^[^\s/\\?#]+$"),
    AfterValidator(_no_invisible_characters),
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


#: Fields that hold free JSON data (by wire name and Python name); bounded before validation.
_DATA_FIELDS: tuple[str, ...] = ("payload", "metadata", "references")


class _EventEnvelope(BaseModel):
    """Fields both event kinds share (routing, ordering, causality)."""

    model_config = _wire_config(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _bounded_data(cls, data: Any) -> Any:
        """Plain JSON within the runtime's bounds in the free-form fields (jsonbounds), checked
        before pydantic walks them: a 5,000-level payload is a validation error, not a
        ``RecursionError`` in serialisation later."""
        if isinstance(data, Mapping):
            for name in _DATA_FIELDS:
                if name in data and not isinstance(data[name], BaseModel):
                    try:
                        check_json_value(data[name], what=name)
                    except EventFormatError as exc:
                        raise ValueError(str(exc)) from None
        return data

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
    str,
    StringConstraints(min_length=1, max_length=128, pattern=r"^[^\s@/\\?#]+$"),
    AfterValidator(_no_invisible_characters),
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
    return [*sorted(named_boundaries()), *(r.name for r in all_regions())]


def event_from_document(document: Any) -> AnyEvent:
    """The event a parsed JSON document holds: a :class:`SovereignEvent` (it has ``payload``
    or ``metadata``) or a :class:`MetadataEvent` (it has neither). Raises
    :class:`pydantic.ValidationError` (a string, list or number is not parsed again)."""
    if isinstance(document, Mapping) and "payload" not in document and "metadata" not in document:
        return MetadataEvent.model_validate(document)
    return SovereignEvent.model_validate(document)


def event_from_json(document: dict[str, Any] | str | bytes) -> AnyEvent:
    """Parse a JSON document (text, UTF-8 bytes or an already parsed dict) as a
    :class:`SovereignEvent` or :class:`MetadataEvent` (:func:`event_from_document`). Raises
    :class:`pydantic.ValidationError`, or :class:`~.errors.EventFormatError` for text that is
    not bounded JSON (:mod:`.jsonbounds`)."""
    data = load_json(document, what="event") if isinstance(document, (str, bytes, bytearray)) else document
    return event_from_document(data)


def load_event_file(path: Path) -> Any:
    """Read a JSON file within the runtime's bounds; errors name the file."""
    text = read_text(path, "event file")
    try:
        return load_json(text, what=str(path))
    except EventFormatError as exc:
        raise ValueError(str(exc)) from None


def format_validation_error(exc: ValidationError) -> str:
    """One line per problem, naming the camelCase field: ``dataRegion: ...``."""
    lines = []
    for err in exc.errors(include_url=False):
        where = ".".join(str(p) for p in err["loc"]) or "(document)"
        lines.append(f"{where}: {err['msg']}")
    return "; ".join(lines)
