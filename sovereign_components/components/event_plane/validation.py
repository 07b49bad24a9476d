"""Validation of RegionalEventPlane arguments before any child registers. Pure: no Pulumi.

Only plain values (str/int/float/bool and containers of them) are checked; anything else (a
``pulumi.Output``, an ``Archive``) is the engine's to resolve and is left alone. Every error is
a :class:`ComponentArgumentError` naming the argument (``processors[1].name``), raised by
:func:`validate_plane_args`, which returns the resolved :class:`PlanePlan` the builders read.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, EmailStr, Field, StrictBool, StrictStr, ValidationError, field_validator

from ...geo.boundary import SovereigntyBoundary
from ..validation import check_common
from ...events.names import CLASSIFICATIONS, NON_REGULATED_CLASSIFICATIONS
from ...errors import ComponentArgumentError
from ...geo.regions import get_region
from . import naming
from .defaults import (
    ARG_DEFAULTS,
    DEFAULT_METADATA_ENDPOINT,
    DEFAULT_PROCESSOR_ENDPOINT,
    METADATA_ENDPOINT_ROLES,
    PROCESSOR_ENDPOINT_TYPES,
    SERVICE_BUS_SKUS,
)

COMPONENT = "RegionalEventPlane"
#: Private DNS zones of the plane's private endpoints (topic, namespaces, blob, sites).
PRIVATE_DNS_ZONES_NEEDED: tuple[str, ...] = (
    "privatelink.eventgrid.azure.net",
    "privatelink.servicebus.windows.net",
    "privatelink.blob.core.windows.net",
    "privatelink.azurewebsites.net",
)
_PLAIN_SCALARS = (str, int, float, bool, type(None))


def is_plain(value: Any) -> bool:
    """True for values known at construction time (no ``Output``/``Archive`` anywhere inside)."""
    if isinstance(value, _PLAIN_SCALARS):
        return True
    if isinstance(value, Mapping):
        return all(isinstance(k, str) and is_plain(v) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return all(is_plain(v) for v in value)
    return False


def _plain_only(value: Any) -> Any:
    """``value`` with every non-plain leaf removed (mappings) so pydantic sees only what it can
    judge; a non-plain list item is kept out of the list's checks the same way."""
    if isinstance(value, Mapping):
        return {k: _plain_only(v) for k, v in value.items() if is_plain(v) or isinstance(v, (Mapping, list, tuple))}
    if isinstance(value, (list, tuple)):
        return [_plain_only(v) for v in value if is_plain(v) or isinstance(v, (Mapping, list, tuple))]
    return value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class _Processor(_Strict):
    name: StrictStr = Field(pattern=naming.SUBSCRIPTION_NAME.pattern)
    included_event_types: list[StrictStr] | None = Field(default=None, min_length=1)
    endpoint_type: StrictStr = DEFAULT_PROCESSOR_ENDPOINT

    @field_validator("endpoint_type")
    @classmethod
    def _known_endpoint(cls, value: str) -> str:
        if value not in PROCESSOR_ENDPOINT_TYPES:
            raise ValueError(f"must be one of {', '.join(PROCESSOR_ENDPOINT_TYPES)}, not {value!r}")
        return value


class _EventStore(_Strict):
    account_name: StrictStr = Field(pattern=naming.COSMOS_ACCOUNT_NAME.pattern)
    database_name: StrictStr = Field(min_length=1, max_length=255)
    container_name: StrictStr = Field(min_length=1, max_length=255)
    grant_data_access: StrictBool = False
    account_id: StrictStr | None = None


class _DLQSettings(_Strict):
    queue_name: StrictStr | None = Field(default=None, pattern=naming.QUEUE_NAME.pattern)
    retention_days: int | None = Field(default=None, ge=1, le=146000)
    alert_threshold: int | None = Field(default=None, ge=1)
    archive_account_name: StrictStr | None = Field(default=None, pattern=naming.STORAGE_ACCOUNT_NAME.pattern)


class _MetadataChannel(_Strict):
    name: StrictStr = Field(pattern=naming.SUBSCRIPTION_NAME.pattern)
    endpoint_type: StrictStr = DEFAULT_METADATA_ENDPOINT
    classifications: list[StrictStr] = Field(default_factory=lambda: list(NON_REGULATED_CLASSIFICATIONS), min_length=1)
    grant_sender_role: StrictBool = True

    @field_validator("endpoint_type")
    @classmethod
    def _known_endpoint(cls, value: str) -> str:
        if value not in METADATA_ENDPOINT_ROLES:
            raise ValueError(f"must be one of {', '.join(METADATA_ENDPOINT_ROLES)}, not {value!r}")
        return value

    @field_validator("classifications")
    @classmethod
    def _non_regulated(cls, values: list[str]) -> list[str]:
        canonical = {c.lower(): c for c in CLASSIFICATIONS}
        out = []
        for value in values:
            known = canonical.get(value.lower())
            if known is None:
                raise ValueError(f"unknown classification {value!r}; known: {', '.join(CLASSIFICATIONS)}")
            if known not in NON_REGULATED_CLASSIFICATIONS:
                raise ValueError(
                    f"{known!r} is regulated and may not cross the boundary on a metadata channel; "
                    f"allowed: {', '.join(NON_REGULATED_CLASSIFICATIONS)}"
                )
            out.append(known)
        return out


class _PlainArgs(_Strict):
    boundary: StrictStr
    alert_email: EmailStr | None = None
    processors: list[_Processor] = Field(default_factory=lambda: [_Processor(name="processor")], min_length=1)
    event_store: _EventStore | None = None
    compliance_dlq: _DLQSettings = Field(default_factory=_DLQSettings)
    metadata_channels: list[_MetadataChannel] = Field(default_factory=list)
    service_bus_sku: StrictStr = str(ARG_DEFAULTS["service_bus_sku"])
    service_bus_capacity: int = Field(default=int(ARG_DEFAULTS["service_bus_capacity"]), ge=1, le=16)  # type: ignore[call-overload]
    processing_queue_name: StrictStr = Field(default=str(ARG_DEFAULTS["processing_queue_name"]), pattern=naming.QUEUE_NAME.pattern)
    max_delivery_count: int = Field(default=int(ARG_DEFAULTS["max_delivery_count"]), ge=1, le=2000)  # type: ignore[call-overload]
    event_hub_name: StrictStr = Field(default=str(ARG_DEFAULTS["event_hub_name"]), pattern=naming.EVENT_HUB_NAME.pattern)
    event_hub_partition_count: int = Field(default=int(ARG_DEFAULTS["event_hub_partition_count"]), ge=1, le=32)  # type: ignore[call-overload]
    capture_enabled: StrictBool = bool(ARG_DEFAULTS["capture_enabled"])
    zone_redundant: StrictBool | None = None
    log_retention_days: int = Field(default=int(ARG_DEFAULTS["log_retention_days"]), ge=30, le=730)  # type: ignore[call-overload]
    event_delivery_max_attempts: int = Field(default=int(ARG_DEFAULTS["event_delivery_max_attempts"]), ge=1, le=30)  # type: ignore[call-overload]
    event_time_to_live_minutes: int = Field(default=int(ARG_DEFAULTS["event_time_to_live_minutes"]), ge=1, le=1440)  # type: ignore[call-overload]
    storage_account_name: StrictStr | None = Field(default=None, pattern=naming.STORAGE_ACCOUNT_NAME.pattern)
    protect: StrictBool | None = None

    @field_validator("service_bus_sku")
    @classmethod
    def _sku(cls, value: str) -> str:
        if value not in SERVICE_BUS_SKUS:
            raise ValueError(f"must be one of {', '.join(SERVICE_BUS_SKUS)} (Basic has no sessions), not {value!r}")
        return value


@dataclass(frozen=True, slots=True)
class ProcessorPlan:
    name: str
    included_event_types: tuple[str, ...] | None
    endpoint_type: str = DEFAULT_PROCESSOR_ENDPOINT


@dataclass(frozen=True, slots=True)
class ChannelPlan:
    index: int
    name: str
    endpoint_type: str
    classifications: tuple[str, ...]
    grant_sender_role: bool


@dataclass(frozen=True, slots=True)
class PlanePlan:
    """Resolved plain settings of one plane (what the builders read instead of raw args)."""

    #: The jurisdiction (a named boundary, or a custom one made of ``allowed_regions``).
    boundary: SovereigntyBoundary
    #: Canonical ARM location, or None when the location is not known at construction.
    location: str | None
    zone_redundant: bool
    processors: tuple[ProcessorPlan, ...]
    channels: tuple[ChannelPlan, ...]
    service_bus_sku: str
    service_bus_capacity: int
    processing_queue_name: str
    max_delivery_count: int
    event_hub_name: str
    event_hub_partition_count: int
    capture_enabled: bool
    log_retention_days: int
    event_delivery_max_attempts: int
    event_time_to_live_minutes: int
    storage_account_name: str | None
    dlq_settings: dict[str, Any]
    event_store: dict[str, Any] | None

    @property
    def queue_delivery(self) -> bool:
        """True when any processor subscription delivers to the processing queue."""
        return any(p.endpoint_type == "ServiceBusQueue" for p in self.processors)

    def region_filter_values(self) -> list[str]:
        """``StringIn`` values of the regional routing filter: the boundary code and every
        allowed region (source design: ``"EU", "westeurope", "northeurope"``)."""
        return self.boundary.filter_values()


def _fail(argument: str, message: str) -> ComponentArgumentError:
    return ComponentArgumentError(COMPONENT, argument, message)


def _argument_path(loc: Sequence[Any]) -> str:
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path


def _from_validation_error(exc: ValidationError) -> ComponentArgumentError:
    error = exc.errors()[0]
    message = error["msg"].removeprefix("Value error, ")
    return _fail(_argument_path(error["loc"]), message)


def _check_cross_field(model: _PlainArgs, args: Mapping[str, Any]) -> None:
    names = [p.name.lower() for p in model.processors] + [c.name.lower() for c in model.metadata_channels]
    for name in names:
        if names.count(name) > 1:
            where = "metadata_channels" if name in [c.name.lower() for c in model.metadata_channels] else "processors"
            raise _fail(where, f"subscription name {name!r} is used twice on the same topic")
    if args.get("private_endpoints") is not None and model.service_bus_sku != "Premium":
        raise _fail("service_bus_sku", "private endpoints need the Premium Service Bus tier (PL); use Premium or drop private_endpoints")
    if args.get("customer_managed_key") is not None:
        if model.service_bus_sku != "Premium":
            raise _fail("service_bus_sku", "customer-managed keys need the Premium Service Bus tier (S4)")
        cmk = args["customer_managed_key"]
        if isinstance(cmk, Mapping) and cmk.get("user_assigned_identity_id") is None:
            raise _fail(
                "customer_managed_key.user_assigned_identity_id",
                "required: Service Bus and Storage unwrap the key with a user-assigned identity at creation",
            )
        uri = cmk.get("key_vault_key_uri") if isinstance(cmk, Mapping) else None
        if isinstance(uri, str) and "/keys/" not in uri:
            raise _fail("customer_managed_key.key_vault_key_uri", f"not a Key Vault key URI: {uri!r}")
    endpoints = args.get("private_endpoints")
    if isinstance(endpoints, Mapping) and endpoints.get("virtual_network_id") is None:
        given = endpoints.get("private_dns_zone_ids") or {}
        missing = [z for z in PRIVATE_DNS_ZONES_NEEDED if z not in given]
        if missing:
            raise _fail(
                "private_endpoints.virtual_network_id",
                f"required to link the private DNS zones the plane creates ({', '.join(missing)}); "
                "or give them all in private_dns_zone_ids",
            )
    _check_event_store(model, args)
    package_url = args.get("function_package_url")
    if isinstance(package_url, str) and ("?" in package_url or not package_url.startswith("https://")):
        raise _fail("function_package_url", "must be an https blob URL without a query string (no SAS: the app reads it with its identity)")
    dlq_queue = model.compliance_dlq.queue_name
    if dlq_queue is not None and dlq_queue.lower() == model.processing_queue_name.lower():
        raise _fail("compliance_dlq.queue_name", "must differ from processing_queue_name (a queue cannot forward to itself)")
    _check_metadata_publisher(model, args)


#: An Entra object (principal) id: a GUID.
_PRINCIPAL_ID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


def _check_metadata_publisher(model: _PlainArgs, args: Mapping[str, Any]) -> None:
    """The publisher identity only makes sense with a metadata topic (channels), and a plain
    value must be a principal (object) id, not a resource id or client id by mistake."""
    principal = args.get("metadata_publisher_principal_id")
    if principal is None:
        return
    if not model.metadata_channels:
        raise _fail(
            "metadata_publisher_principal_id",
            "given without metadata_channels: there is no metadata topic to publish to; declare a channel or drop it",
        )
    if isinstance(principal, str) and not _PRINCIPAL_ID.match(principal):
        raise _fail(
            "metadata_publisher_principal_id",
            f"must be the identity's object (principal) id, a GUID; got {principal!r}",
        )
    if not isinstance(principal, str) and is_plain(principal):
        raise _fail("metadata_publisher_principal_id", f"must be a string (a GUID), not {type(principal).__name__}")


def _check_event_store(model: _PlainArgs, args: Mapping[str, Any]) -> None:
    """``grant_data_access`` needs ``account_id`` (an Output is fine: it carries the dependency
    on the account); a plain id must name the Cosmos DB account ``account_name`` names."""
    store = model.event_store
    raw = args.get("event_store")
    if store is None or not isinstance(raw, Mapping):
        return
    account_id = raw.get("account_id")
    if store.grant_data_access and account_id is None:
        raise _fail(
            "event_store.account_id",
            "required with grant_data_access: the grant must depend on the Cosmos DB account "
            "(pass its id output), or leave the grant to SovereignEventStore(writer_principal_ids=...)",
        )
    if isinstance(account_id, str):
        suffix = f"/providers/microsoft.documentdb/databaseaccounts/{store.account_name}"
        if not account_id.lower().startswith("/subscriptions/") or not account_id.lower().endswith(suffix):
            raise _fail(
                "event_store.account_id",
                f"must be the ARM id of the Cosmos DB account {store.account_name!r} "
                f"(/subscriptions/.../providers/Microsoft.DocumentDB/databaseAccounts/{store.account_name})",
            )


def validate_plane_args(args: Mapping[str, Any]) -> PlanePlan:
    """Check every plain argument and resolve the plan; raises :class:`ComponentArgumentError`."""
    if not isinstance(args, Mapping):
        raise _fail("args", "must be a mapping (RegionalEventPlaneArgs)")
    # Boundary, location and lock: the same checks (and meaning of allowed_regions) as the
    # other components, so one stack config means one thing everywhere.
    boundary, location = check_common(COMPONENT, args)
    if args.get("alert_email") is None:
        raise _fail("alert_email", "required: the compliance dead-letter alert needs a receiver")
    try:
        model = _PlainArgs.model_validate(_plain_only({k: v for k, v in args.items() if v is not None}))
    except ValidationError as exc:
        raise _from_validation_error(exc) from None
    _check_cross_field(model, args)
    zone_redundant = model.zone_redundant
    if zone_redundant is None:
        zone_redundant = location is not None and get_region(location).availability_zones
    return PlanePlan(
        boundary=boundary,
        location=location,
        zone_redundant=zone_redundant,
        processors=tuple(
            ProcessorPlan(p.name, tuple(p.included_event_types) if p.included_event_types else None, p.endpoint_type)
            for p in model.processors
        ),
        channels=tuple(
            ChannelPlan(i, c.name, c.endpoint_type, tuple(c.classifications), c.grant_sender_role)
            for i, c in enumerate(model.metadata_channels)
        ),
        service_bus_sku=model.service_bus_sku,
        service_bus_capacity=model.service_bus_capacity,
        processing_queue_name=model.processing_queue_name,
        max_delivery_count=model.max_delivery_count,
        event_hub_name=model.event_hub_name,
        event_hub_partition_count=model.event_hub_partition_count,
        capture_enabled=model.capture_enabled,
        log_retention_days=model.log_retention_days,
        event_delivery_max_attempts=model.event_delivery_max_attempts,
        event_time_to_live_minutes=model.event_time_to_live_minutes,
        storage_account_name=model.storage_account_name,
        dlq_settings=model.compliance_dlq.model_dump(exclude_none=True),
        event_store=model.event_store.model_dump() if model.event_store else None,
    )
