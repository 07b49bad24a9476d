"""Pydantic models of one regional stack's configuration (namespace ``sovereign``).

Pure: no Pulumi. :mod:`sovereign_components.stack_config.loader` reads the values from ``pulumi.Config``
and calls :func:`parse_stack_config`; tests call it directly with a plain mapping.

Every model forbids unknown keys (a typo is an error, not a silently ignored setting), keys are
camelCase as in ``Pulumi.<stack>.yaml``, and every problem becomes one
:class:`~sovereign_components.errors.ConfigError` naming the full key
(``sovereign:eventStore.backupMode``) and what is allowed.
"""

from __future__ import annotations

import difflib
import json
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, EmailStr, Field, ValidationError, model_validator
from pydantic.alias_generators import to_camel
from pydantic.fields import FieldInfo

from ..geo.boundary import SovereigntyBoundary, custom_boundary, get_boundary, is_boundary_code, named_boundaries
from ..components.validation import COSMOS_ACCOUNT_NAME, COSMOS_RESOURCE_ID, SERVICE_BUS_QUEUE_NAME, STORAGE_ACCOUNT_NAME
from ..errors import ConfigError
from ..geo.regions import canonical_region, get_region, is_known_region, suggest_regions

#: The stack config namespace (``sovereign:region``); the project is ``sovereign-events``.
NAMESPACE = "sovereign"
#: Keys of other namespaces the stack reads and checks.
AZURE_LOCATION_KEY = "azure-native:location"

#: Resource name prefix: 2-12 lower-case letters, digits and single dashes, starting with a
#: letter. 12 keeps every derived name inside its Azure limit with room for the component
#: suffix and the uniqueness hash (storage accounts: 24 characters, no dashes).
PREFIX_PATTERN = r"^[a-z](?:[a-z0-9]|-(?=[a-z0-9])){1,11}$"
#: Event Grid subscription names (processors, metadata channels).
SUBSCRIPTION_NAME_PATTERN = r"^[A-Za-z0-9-]{3,64}$"


def _not_a_boolean(value: Any) -> Any:
    """``True`` is an ``int`` in Python and pydantic's lax mode takes it as 1: ``ttlDays: true``
    would become a one-day TTL. A boolean is never a number here."""
    if isinstance(value, bool):
        raise ValueError(f"expected a number, got the boolean {str(value).lower()}")
    return value


def _only_a_boolean(value: Any) -> Any:
    """Only ``true``/``false`` (YAML booleans, or the strings Pulumi's own typed config accepts)
    are booleans: pydantic's lax mode would also take ``1``, ``"yes"``, ``"off"`` or ``"n"``, and
    YAML 1.2 (the Pulumi CLI's YAML) reads ``yes``/``no`` as strings."""
    if isinstance(value, bool):
        return value
    if value in ("true", "false"):
        return value == "true"
    raise ValueError(f"expected true or false, got {value!r}")


#: Azure's tag limits ("Use tags to organize your Azure resources", section Limitations:
#: https://learn.microsoft.com/azure/azure-resource-manager/management/tag-resources#limitations):
#: at most 50 name/value pairs per resource; names up to 512 characters, but up to 128 on
#: storage accounts, which every regional stack creates (event plane, DLQ archive); values up to
#: 256; names without ``<``, ``>``, ``%``, ``&``, ``\``, ``?``, ``/``. Names are
#: case-insensitive for operations, so ``Env`` and ``env`` are one tag to Azure. Private DNS
#: zones (created for private endpoints when a virtual network is given) take at most 15 tags.
MAX_TAGS = 50
MAX_TAGS_PRIVATE_DNS = 15
MAX_TAG_NAME = 128
MAX_TAG_VALUE = 256
TAG_NAME_FORBIDDEN = frozenset('<>%&\\?/')
#: Tags added to every resource besides the configured ones (configured tags of the same name
#: win): ``sovereignty-boundary`` and ``region`` by the regional stack and the event plane,
#: ``purpose`` by the event store and the DLQ. They count against Azure's limit.
ADDED_TAGS: tuple[str, ...] = ("sovereignty-boundary", "region", "purpose")


def _azure_tags(value: Any) -> Any:
    """Check a tag mapping against Azure's limits (see ``MAX_TAGS``) before any resource is
    planned: Azure would reject the deployment half-way instead."""
    if not isinstance(value, Mapping):
        return value  # the dict[str, str] type reports the shape
    seen: dict[str, str] = {}
    for name, tag_value in value.items():
        if not isinstance(name, str) or not name.strip():
            raise ValueError("a tag name is empty")
        if len(name) > MAX_TAG_NAME:
            raise ValueError(f"tag name {name[:40]!r}... has {len(name)} characters; Azure allows "
                             f"{MAX_TAG_NAME} on storage accounts (512 elsewhere)")
        bad = sorted(set(name) & TAG_NAME_FORBIDDEN)
        if bad:
            raise ValueError(f"tag name {name!r} contains {' '.join(bad)}; Azure tag names cannot contain "
                             "< > % & \\ ? /")
        if isinstance(tag_value, str) and len(tag_value) > MAX_TAG_VALUE:
            raise ValueError(f"the value of tag {name!r} has {len(tag_value)} characters; Azure allows "
                             f"{MAX_TAG_VALUE}")
        folded = name.lower()
        if folded in seen:
            raise ValueError(f"tags {seen[folded]!r} and {name!r} differ only in case; Azure tag names are "
                             "case-insensitive, so they are one tag")
        seen[folded] = name
    for added in ADDED_TAGS:
        clash = seen.get(added)
        if clash is not None and clash != added:
            raise ValueError(f"tag {clash!r} differs only in case from the tag {added!r} the stack adds; "
                             f"write it as {added!r} to override it")
    total = len(seen.keys() | set(ADDED_TAGS))
    if total > MAX_TAGS:
        raise ValueError(f"{len(seen)} tags plus the {len(ADDED_TAGS)} the stack adds "
                         f"({', '.join(ADDED_TAGS)}) make {total}; Azure allows {MAX_TAGS} per resource")
    return value


Tags = Annotated[dict[str, str], BeforeValidator(_azure_tags)]

#: Integer and boolean fields of the stack config (see the two validators above).
Int = Annotated[int, BeforeValidator(_not_a_boolean)]
Bool = Annotated[bool, BeforeValidator(_only_a_boolean)]


class _Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid", alias_generator=to_camel, populate_by_name=False, frozen=True, regex_engine="python-re"
    )


class CustomBoundaryConfig(_Model):
    """``sovereign:boundary`` as an object: a jurisdiction this library does not name."""

    code: str = Field(pattern=r"^[A-Za-z][A-Za-z0-9_-]{1,15}$")
    regions: list[str] = Field(min_length=1)


class ProcessorConfig(_Model):
    """One Event Grid subscription delivering this region's events to the processor app."""

    name: str = Field(pattern=SUBSCRIPTION_NAME_PATTERN)
    included_event_types: list[str] | None = Field(default=None, min_length=1)


class MetadataChannelConfig(_Model):
    """A declared cross-boundary metadata channel (non-regulated classifications only).

    ``grantSenderRole`` is ``false`` in a stack, and ``true`` is rejected (unlike the
    component's default): a stack's metadata channel delivers into another boundary by
    definition (that is what makes it a *channel*), so the role assignment on its destination
    would be this stack writing into the other boundary's control plane, usually in another
    subscription this stack's identity should hold no rights on. The destination's owner (the
    other region's stack) grants this topic's identity ``Azure Service Bus Data Sender``
    (``Azure Event Hubs Data Sender`` for an event hub) on the destination instead; delivery
    then still uses the identity, never a key (E2)."""

    name: str = Field(pattern=SUBSCRIPTION_NAME_PATTERN)
    destination_resource_id: str = Field(pattern=r"^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/.+")
    endpoint_type: Literal["ServiceBusTopic", "ServiceBusQueue", "EventHub"] | None = None
    classifications: list[Literal["Public", "Internal"]] | None = Field(default=None, min_length=1)
    grant_sender_role: Bool = False

    @model_validator(mode="after")
    def _no_cross_boundary_grant(self) -> MetadataChannelConfig:
        if self.grant_sender_role:
            raise ValueError(
                "grantSenderRole must be false in a stack: a role assignment on another boundary's "
                "destination is a cross-boundary control-plane write; the destination's owner grants this "
                "topic's identity the data-sender role"
            )
        return self


class EventPlaneConfig(_Model):
    """``sovereign:eventPlane``: options of the RegionalEventPlane (its defaults apply when absent)."""

    processors: list[ProcessorConfig] | None = Field(default=None, min_length=1)
    # Basic has no sessions, duplicate detection or forwarding (RegionalEventPlane rejects it).
    service_bus_sku: Literal["Standard", "Premium"] | None = None
    service_bus_capacity: Annotated[Literal[1, 2, 4, 8, 16], BeforeValidator(_not_a_boolean)] | None = None
    processing_queue_name: str | None = Field(default=None, pattern=SERVICE_BUS_QUEUE_NAME.pattern)
    max_delivery_count: Int | None = Field(default=None, ge=1, le=2000)
    event_hub_name: str | None = Field(default=None, pattern=r"^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,254}[A-Za-z0-9])?$")
    event_hub_partition_count: Int | None = Field(default=None, ge=1, le=32)
    capture_enabled: Bool | None = None
    zone_redundant: Bool | None = None
    log_retention_days: Int | None = Field(default=None, ge=30, le=730)
    event_delivery_max_attempts: Int | None = Field(default=None, ge=1, le=30)
    event_time_to_live_minutes: Int | None = Field(default=None, ge=1, le=1440)
    storage_account_name: str | None = Field(default=None, pattern=STORAGE_ACCOUNT_NAME.pattern)
    function_subnet_id: str | None = Field(default=None, pattern=r"^/subscriptions/")
    # A package published out of band with Entra auth (the azure-native Blob upload needs the
    # account keys that T5 disables); https only, and no SAS: the app reads it with its identity.
    function_package_url: str | None = Field(default=None, pattern=r"^https://[^?]+$")
    private_endpoint_subnet_id: str | None = Field(default=None, pattern=r"^/subscriptions/")
    virtual_network_id: str | None = Field(default=None, pattern=r"^/subscriptions/")
    private_dns_zone_ids: dict[str, str] | None = None
    metadata_channels: list[MetadataChannelConfig] | None = None

    @model_validator(mode="after")
    def _endpoints_need_a_subnet(self) -> EventPlaneConfig:
        if (self.virtual_network_id or self.private_dns_zone_ids) and not self.private_endpoint_subnet_id:
            raise ValueError("virtualNetworkId/privateDnsZoneIds need privateEndpointSubnetId")
        return self


class EventStoreConfig(_Model):
    """``sovereign:eventStore``: options of the SovereignEventStore."""

    account_name: str | None = Field(default=None, pattern=COSMOS_ACCOUNT_NAME.pattern)
    database_name: str | None = Field(default=None, pattern=COSMOS_RESOURCE_ID.pattern)
    container_name: str | None = Field(default=None, pattern=COSMOS_RESOURCE_ID.pattern)
    ttl_days: Int | None = Field(default=None, ge=1, le=24855)
    default_ttl_seconds: Int | None = Field(default=None, ge=-1, le=2147483647)
    consistency_level: Literal["Eventual", "Session", "BoundedStaleness", "Strong", "ConsistentPrefix"] | None = None
    additional_locations: list[str] | None = None
    backup_mode: Literal["Continuous", "Periodic"] | None = None
    backup_storage_redundancy: Literal["Local", "Zone", "Geo"] | None = None
    continuous_backup_tier: Literal["Continuous7Days", "Continuous30Days"] | None = None
    protect: Bool | None = None

    @model_validator(mode="after")
    def _one_ttl(self) -> EventStoreConfig:
        if self.ttl_days is not None and self.default_ttl_seconds is not None:
            raise ValueError("give ttlDays or defaultTtlSeconds, not both")
        if self.default_ttl_seconds == 0:
            raise ValueError("defaultTtlSeconds 0 is not accepted by Cosmos DB: use -1 (no default expiry) or seconds > 0")
        return self

    def ttl_seconds(self) -> int | None:
        """The container's default TTL in seconds (``None`` = the component default, 30 days)."""
        if self.ttl_days is not None:
            return self.ttl_days * 86400
        return self.default_ttl_seconds


class DlqConfig(_Model):
    """``sovereign:dlq``: options of the ComplianceDLQ."""

    queue_name: str | None = Field(default=None, pattern=SERVICE_BUS_QUEUE_NAME.pattern)
    retention_days: Int | None = Field(default=None, ge=1, le=146000)
    alert_threshold: Int | None = Field(default=None, ge=1)
    archive_account_name: str | None = Field(default=None, pattern=STORAGE_ACCOUNT_NAME.pattern)


class _StackConfigModel(_Model):
    region: str
    boundary: Any
    # The one setting a stack may keep encrypted (``secure:``) and still be previewed: offline
    # the gate substitutes this example (see stack_config.secrets), which decides nothing the
    # policies judge. Fields without ``examples`` cannot be secrets offline.
    alert_email: EmailStr = Field(examples=["security-team@example.com"])
    prefix: str = Field(default="sov", pattern=PREFIX_PATTERN)
    tags: Tags = Field(default_factory=dict)
    allowed_regions: list[str] = Field(default_factory=list)
    event_plane: EventPlaneConfig = Field(default_factory=EventPlaneConfig)
    event_store: EventStoreConfig = Field(default_factory=EventStoreConfig)
    dlq: DlqConfig = Field(default_factory=DlqConfig)


@dataclass(frozen=True)
class StackConfig:
    """One regional stack's validated settings (regions canonical, boundary resolved)."""

    region: str
    boundary: SovereigntyBoundary
    alert_email: str
    prefix: str = "sov"
    tags: Mapping[str, str] = field(default_factory=dict)
    allowed_regions: tuple[str, ...] = ()
    event_plane: EventPlaneConfig = field(default_factory=EventPlaneConfig)
    event_store: EventStoreConfig = field(default_factory=EventStoreConfig)
    dlq: DlqConfig = field(default_factory=DlqConfig)

    @property
    def boundary_is_custom(self) -> bool:
        """True when the boundary came from a ``{code, regions}`` object."""
        return not is_boundary_code(self.boundary.code) or get_boundary(self.boundary.code) != self.boundary

    def component_regions(self) -> list[str]:
        """``allowed_regions`` for the components: the custom boundary's regions (a custom code
        is defined by them), else the configured extra regions."""
        if self.boundary_is_custom:
            return sorted(self.boundary.regions)
        return list(self.allowed_regions)


#: Top-level keys (camelCase) and whether their value is structured (JSON in a plain string).
TOP_LEVEL_KEYS: dict[str, bool] = {
    "region": False,
    "boundary": True,
    "alertEmail": False,
    "prefix": False,
    "tags": True,
    "allowedRegions": True,
    "eventPlane": True,
    "eventStore": True,
    "dlq": True,
}
REQUIRED_KEYS: tuple[str, ...] = ("region", "boundary", "alertEmail")


def _key(path: typing.Sequence[Any]) -> str:
    out = NAMESPACE + ":"
    for index, part in enumerate(path):
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if index else "") + str(part)
    return out


def _did_you_mean(word: str, options: typing.Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def _unwrap(annotation: Any) -> Any:
    """The model class inside ``X | None`` / ``list[X]`` annotations (or the annotation)."""
    origin = typing.get_origin(annotation)
    if origin in (Union, types.UnionType):
        inner = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _unwrap(inner[0]) if len(inner) == 1 else annotation
    if origin in (list, tuple):
        return _unwrap(typing.get_args(annotation)[0])
    return annotation


def _model_at(path: typing.Sequence[Any]) -> type[BaseModel] | None:
    """The model that holds the last key of ``path`` (for "did you mean" on unknown keys)."""
    model: Any = _StackConfigModel
    for part in path[:-1]:
        if isinstance(part, int):
            continue
        fields = {f.alias or n: f for n, f in model.model_fields.items()}
        if part not in fields:
            return None
        model = _unwrap(fields[part].annotation)
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return None
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def field_at(path: typing.Sequence[Any]) -> FieldInfo | None:
    """The pydantic field a config path names (``["eventStore", "ttlDays"]``; list indexes are
    skipped), or ``None`` for a path no model declares."""
    keys = list(path)
    while keys and isinstance(keys[-1], int):
        keys.pop()
    model = _model_at(keys) if keys else None
    if model is None:
        return None
    fields = {f.alias or n: f for n, f in model.model_fields.items()}
    return fields.get(str(keys[-1]))


def _allowed_keys(model: type[BaseModel]) -> list[str]:
    return [f.alias or n for n, f in model.model_fields.items()]


def _from_validation_error(exc: ValidationError, prefix: typing.Sequence[Any] = ()) -> ConfigError:
    error = exc.errors()[0]
    path = [*prefix, *error["loc"]]
    if error["type"] == "extra_forbidden":
        model = _model_at(path)
        allowed = _allowed_keys(model) if model else []
        hint = _did_you_mean(str(path[-1]), allowed)
        return ConfigError(_key(path), f"unknown key{hint} (allowed: {', '.join(allowed)})")
    if error["type"] == "missing":
        return ConfigError(_key(path), "is required")
    message = error["msg"]
    if error["type"] == "value_error":
        message = message.removeprefix("Value error, ")
    if error["type"] == "string_pattern_mismatch" and path and path[-1] == "prefix":
        message = "must be 2-12 lower-case letters, digits or single dashes, starting with a letter"
    elif error["type"] == "value_error" and "email" in str(path[-1]).lower():
        message = f"not a valid e-mail address ({message.removeprefix('value is not a valid email address: ')})"
    return ConfigError(_key(path), f"{message} (got {error.get('input')!r})")


def _decode(key: str, value: Any, structured: bool) -> Any:
    """Pulumi hands the program every value as a string (objects and lists as JSON)."""
    if not structured or not isinstance(value, str):
        return value
    text = value.strip()
    if key == "boundary" and not text.startswith("{"):
        return value
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigError(_key([key]), f"expected a YAML object or list, got the string {value!r} ({exc.msg})") from None


def _region(path: list[Any], value: Any) -> str:
    if not isinstance(value, str) or not is_known_region(value):
        hint = suggest_regions(str(value))
        did_you_mean = f"; did you mean {', '.join(repr(h) for h in hint)}?" if hint else ""
        raise ConfigError(_key(path), f"unknown Azure region {value!r}{did_you_mean}")
    return canonical_region(value)


def _inside(path: list[Any], value: Any, boundary: SovereigntyBoundary) -> str:
    region = _region(path, value)
    if not boundary.contains(region):
        raise ConfigError(
            _key(path),
            f"{region!r} is outside the {boundary.code} boundary; allowed: {', '.join(sorted(boundary.regions))}",
        )
    return region


def _boundary(value: Any) -> SovereigntyBoundary:
    if isinstance(value, str):
        if is_boundary_code(value):
            return get_boundary(value)
        hint = _did_you_mean(value.strip().upper(), named_boundaries())
        raise ConfigError(
            _key(["boundary"]),
            f"unknown boundary {value!r}{hint} (allowed: {', '.join(sorted(named_boundaries()))}, "
            "or an object {code, regions} for a custom boundary)",
        )
    if isinstance(value, Mapping):
        try:
            custom = CustomBoundaryConfig.model_validate(value)
        except ValidationError as exc:
            raise _from_validation_error(exc, ["boundary"]) from None
        names = [_region(["boundary", "regions", i], r) for i, r in enumerate(custom.regions)]
        return custom_boundary(custom.code, names)
    raise ConfigError(_key(["boundary"]), f"expected a boundary code or an object {{code, regions}}, got {value!r}")


def parse_stack_config(raw: Mapping[str, Any]) -> StackConfig:
    """Validate a regional stack's configuration.

    ``raw`` maps keys (``sovereign:region``; bare ``region`` also accepted; other namespaces
    are ignored except ``azure-native:location``) to values as Pulumi hands them to a program
    (strings, objects as JSON) or already decoded. Raises :class:`ConfigError` naming the key.
    """
    values: dict[str, Any] = {}
    azure_location = raw.get(AZURE_LOCATION_KEY)
    for full_key, value in raw.items():
        namespace, _, key = full_key.rpartition(":")
        if namespace not in ("", NAMESPACE):
            continue
        if key not in TOP_LEVEL_KEYS:
            raise ConfigError(
                _key([key]),
                f"unknown key{_did_you_mean(key, TOP_LEVEL_KEYS)} (allowed: {', '.join(TOP_LEVEL_KEYS)})",
            )
        values[key] = _decode(key, value, TOP_LEVEL_KEYS[key])
    for key in REQUIRED_KEYS:
        if values.get(key) in (None, ""):
            raise ConfigError(_key([key]), "is required")

    boundary = _boundary(values["boundary"])
    try:
        model = _StackConfigModel.model_validate(values)
    except ValidationError as exc:
        raise _from_validation_error(exc) from None

    region = _inside(["region"], model.region, boundary)
    allowed = tuple(_inside(["allowedRegions", i], r, boundary) for i, r in enumerate(model.allowed_regions))
    store = model.event_store
    extra = [_inside(["eventStore", "additionalLocations", i], r, boundary) for i, r in enumerate(store.additional_locations or [])]
    if region in extra:
        raise ConfigError(_key(["eventStore", "additionalLocations", extra.index(region)]), f"{region!r} is the stack's region already")
    if store.backup_storage_redundancy is not None and (store.backup_mode or "Continuous") != "Periodic":
        raise ConfigError(_key(["eventStore", "backupStorageRedundancy"]), "applies only with backupMode 'Periodic'")
    if store.backup_storage_redundancy == "Geo" and not boundary.pair_inside(region):
        pair = get_region(region).paired_region or "none"
        raise ConfigError(
            _key(["eventStore", "backupStorageRedundancy"]),
            f"'Geo' copies backups to {region}'s pair ({pair}), outside the {boundary.code} boundary; allowed: Local, Zone",
        )
    plane = model.event_plane
    if plane.private_endpoint_subnet_id is not None and plane.virtual_network_id is not None:
        total = len({name.lower() for name in model.tags} | set(ADDED_TAGS))
        if total > MAX_TAGS_PRIVATE_DNS:
            raise ConfigError(
                _key(["tags"]),
                f"with eventPlane.privateEndpointSubnetId and virtualNetworkId the event plane creates private "
                f"DNS zones, which take at most {MAX_TAGS_PRIVATE_DNS} tags; {total} would be applied "
                f"({len(model.tags)} configured plus {', '.join(ADDED_TAGS)})",
            )
    if azure_location is not None and (
        not isinstance(azure_location, str) or not is_known_region(azure_location) or canonical_region(azure_location) != region
    ):
        raise ConfigError(AZURE_LOCATION_KEY, f"must equal sovereign:region ({region!r}), got {azure_location!r}")

    return StackConfig(
        region=region,
        boundary=boundary,
        alert_email=str(model.alert_email),
        prefix=model.prefix,
        tags=dict(model.tags),
        allowed_regions=allowed,
        event_plane=model.event_plane,
        event_store=store.model_copy(update={"additional_locations": extra or None}),
        dlq=model.dlq,
    )


__all__ = [
    "CustomBoundaryConfig",
    "DlqConfig",
    "EventPlaneConfig",
    "EventStoreConfig",
    "MetadataChannelConfig",
    "ProcessorConfig",
    "StackConfig",
    "field_at",
    "parse_stack_config",
]
