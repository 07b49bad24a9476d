"""Validation of the plain argument values of SovereignEventStore and ComplianceDLQ, and the
Azure names those components derive.

Why before any child registers: a component that half-registers its children and then fails
leaves a preview tree that looks like a deployable plan. Every check here runs on plain values
only (``str``/``int``/``bool`` given directly); ``pulumi.Output`` values are skipped because
their value is unknown until deployment, and the policy pack checks those at preview time.

Pure: no Pulumi import (an ``Output`` is recognised by duck typing), pydantic for ranges,
patterns and e-mail addresses.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict, EmailStr, Field, ValidationError

from ..geo.boundary import SovereigntyBoundary, custom_boundary, get_boundary, is_boundary_code
from ..errors import ComponentArgumentError, UnknownRegionError
from ..geo.regions import canonical_region, get_region, is_known_region, suggest_regions

#: Lock levels Azure management locks accept.
LOCK_KINDS: tuple[str, ...] = ("CanNotDelete", "ReadOnly")

#: Storage account names: 3-24 lower-case letters and digits, globally unique.
STORAGE_ACCOUNT_NAME = re.compile(r"^[a-z0-9]{3,24}$")
#: Cosmos DB account names: 3-44 lower-case letters, digits and dashes, not starting or
#: ending with a dash; globally unique (they become ``<name>.documents.azure.com``).
COSMOS_ACCOUNT_NAME = re.compile(r"^[a-z0-9](?:[a-z0-9-]{1,42})[a-z0-9]$")
#: Service Bus queue names: letters, digits, periods, hyphens, underscores and slashes,
#: starting and ending with a letter or digit, at most 260 characters.
SERVICE_BUS_QUEUE_NAME = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9._/-]{0,258}[A-Za-z0-9])?$")
#: Cosmos DB database / container ids: no ``/ \\ # ?``, no trailing space, at most 255 chars.
COSMOS_RESOURCE_ID = re.compile(r"^[^/\\#?]{1,255}(?<! )$")


def is_plain(value: Any) -> bool:
    """True for a value known at program time (not an ``Output``/awaitable)."""
    return isinstance(value, (str, int, float, bool)) or value is None


def plain_items(values: Iterable[Any] | None) -> list[Any]:
    """The plain members of a sequence argument (Outputs skipped)."""
    if values is None or not isinstance(values, (list, tuple)):
        return []
    return [v for v in values if is_plain(v) and v is not None]


def _fail(component: str, argument: str, message: str) -> ComponentArgumentError:
    return ComponentArgumentError(component, argument, message)


def resolve_boundary(component: str, code: Any, allowed_regions: Sequence[str] | None) -> SovereigntyBoundary:
    """The boundary the component's regions must lie in.

    A named code (``EU``, ``US``, ...) is the jurisdiction itself and ``allowed_regions`` must
    lie inside it (they name extra regions the component may use, never a way out: L1). Any
    other code is a custom boundary defined by ``allowed_regions`` (e.g. a stack config's
    ``{code, regions}`` boundary), which therefore must not be empty.
    """
    if not isinstance(code, str) or not code.strip():
        raise _fail(component, "boundary", "a sovereignty boundary code is required (EU, US, UK, ...)")
    extra = plain_items(allowed_regions)
    for index, region in enumerate(extra):
        _known_region(component, f"allowed_regions[{index}]", region)
    if is_boundary_code(code):
        boundary = get_boundary(code)
        for index, region in enumerate(extra):
            if not boundary.contains(region):
                raise _fail(
                    component,
                    f"allowed_regions[{index}]",
                    f"{region!r} is outside the {boundary.code} boundary; allowed regions must lie inside it",
                )
        return boundary
    if not extra:
        from ..geo.boundary import named_boundaries

        known = ", ".join(sorted(named_boundaries()))
        raise _fail(
            component,
            "boundary",
            f"unknown boundary {code!r}: use one of {known}, or give allowed_regions to define a custom boundary",
        )
    return custom_boundary(code, extra)


def _known_region(component: str, argument: str, region: Any) -> str:
    if not isinstance(region, str) or not is_known_region(region):
        hint = suggest_regions(str(region))
        did_you_mean = f"; did you mean {', '.join(repr(h) for h in hint)}?" if hint else ""
        raise _fail(component, argument, f"unknown Azure region {region!r}{did_you_mean}")
    return canonical_region(region)


def check_region_inside(component: str, argument: str, region: Any, boundary: SovereigntyBoundary) -> str | None:
    """The canonical region name when ``region`` is plain; raises when it is unknown or outside
    ``boundary`` (control L1). ``None`` for an Output (checked by the policy pack instead)."""
    if not is_plain(region) or region is None:
        return None
    name = _known_region(component, argument, region)
    if not boundary.contains(name):
        allowed = ", ".join(sorted(boundary.regions))
        raise _fail(component, argument, f"{name!r} is outside the {boundary.code} boundary (allowed: {allowed})")
    return name


def check_common(component: str, args: Mapping[str, Any]) -> tuple[SovereigntyBoundary, str | None]:
    """Checks every component makes on :class:`~sovereign_components.components.args.CommonArgs`: the
    boundary, the location inside it, and the lock kind. Returns the boundary and the canonical
    location (``None`` when the location is an Output)."""
    boundary = resolve_boundary(component, args.get("boundary"), args.get("allowed_regions"))
    if "location" not in args or args.get("location") is None:
        raise _fail(component, "location", "a location is required (the provider default is unknown at preview, G13)")
    location = check_region_inside(component, "location", args["location"], boundary)
    lock = args.get("lock")
    if isinstance(lock, Mapping) and is_plain(lock.get("kind")) and lock.get("kind") not in LOCK_KINDS:
        raise _fail(component, "lock.kind", f"{lock.get('kind')!r} is not one of {', '.join(LOCK_KINDS)}")
    return boundary, location


def check_model(component: str, model: type[BaseModel], values: Mapping[str, Any]) -> BaseModel:
    """Validate the plain values in ``values`` with ``model``; the first error names its argument."""
    plain = {k: v for k, v in values.items() if is_plain(v) and v is not None}
    try:
        return model.model_validate(plain)
    except ValidationError as exc:
        error = exc.errors()[0]
        argument = ".".join(str(part) for part in error["loc"]) or "args"
        raise _fail(component, argument, f"{error['msg']} (got {error.get('input')!r})") from None


# --- ComplianceDLQ -------------------------------------------------------------------------


class DlqPlainArgs(BaseModel):
    """Ranges of the ComplianceDLQ arguments (plain values only)."""

    model_config = ConfigDict(extra="ignore", regex_engine="python-re")

    queue_name: str | None = Field(default=None, pattern=SERVICE_BUS_QUEUE_NAME.pattern)
    # 1 day minimum: a shorter period is no retention at all. 146000 days (400 years) is the
    # maximum Azure accepts for a time-based immutability period.
    retention_days: int | None = Field(default=None, ge=1, le=146000)
    # Service Bus accepts 1..2000; the DLQ's own deliveries are the archiver's attempts.
    max_delivery_count: int | None = Field(default=None, ge=1, le=2000)
    alert_threshold: int | None = Field(default=None, ge=1)
    alert_email: EmailStr | None = None
    archive_account_name: str | None = Field(default=None, pattern=STORAGE_ACCOUNT_NAME.pattern)


def _integral(component: str, argument: str, value: Any) -> None:
    # The component host delivers integers as floats (docs/sdk-notes.md, "Component provider"): 90.0 is fine,
    # 90.5 is not.
    if isinstance(value, float) and not value.is_integer():
        raise _fail(component, argument, f"must be a whole number (got {value!r})")


def validate_dlq_args(args: Mapping[str, Any]) -> SovereigntyBoundary:
    """Every check on ComplianceDLQ's plain arguments; returns the resolved boundary."""
    component = "ComplianceDLQ"
    boundary, _ = check_common(component, args)
    for key in ("retention_days", "max_delivery_count", "alert_threshold"):
        _integral(component, key, args.get(key))
    check_model(component, DlqPlainArgs, args)
    cmk = args.get("customer_managed_key")
    if cmk and args.get("archive", True) is not False and not cmk.get("user_assigned_identity_id"):
        raise _fail(
            component,
            "customer_managed_key.user_assigned_identity_id",
            "the archive storage account reads its key at creation, before a system-assigned identity exists; give a user-assigned identity",
        )
    return boundary


# --- SovereignEventStore ---------------------------------------------------------------------

#: Cosmos DB consistency levels (the ``DefaultConsistencyLevel`` enum).
CONSISTENCY_LEVELS: tuple[str, ...] = ("Eventual", "Session", "BoundedStaleness", "Strong", "ConsistentPrefix")
BACKUP_MODES: tuple[str, ...] = ("Continuous", "Periodic")
BACKUP_REDUNDANCIES: tuple[str, ...] = ("Local", "Zone", "Geo")
CONTINUOUS_TIERS: tuple[str, ...] = ("Continuous7Days", "Continuous30Days")


class StorePlainArgs(BaseModel):
    """Ranges and enums of the SovereignEventStore arguments (plain values only)."""

    model_config = ConfigDict(extra="ignore", regex_engine="python-re")

    account_name: str | None = Field(default=None, pattern=COSMOS_ACCOUNT_NAME.pattern)
    database_name: str | None = Field(default=None, pattern=COSMOS_RESOURCE_ID.pattern)
    container_name: str | None = Field(default=None, pattern=COSMOS_RESOURCE_ID.pattern)
    partition_key_path: str | None = Field(default=None, pattern=r"^/[^/\s]+(/[^/\s]+)*$")
    # -1 = items never expire unless they say so; otherwise 1 s .. 2147483647 s (Cosmos limit).
    default_ttl_seconds: int | None = Field(default=None, ge=-1, le=2147483647)
    consistency_level: str | None = Field(default=None, pattern="^(" + "|".join(CONSISTENCY_LEVELS) + ")$")
    backup_mode: str | None = Field(default=None, pattern="^(" + "|".join(BACKUP_MODES) + ")$")
    backup_storage_redundancy: str | None = Field(default=None, pattern="^(" + "|".join(BACKUP_REDUNDANCIES) + ")$")
    continuous_backup_tier: str | None = Field(default=None, pattern="^(" + "|".join(CONTINUOUS_TIERS) + ")$")


def validate_store_args(args: Mapping[str, Any]) -> tuple[SovereigntyBoundary, list[str]]:
    """Every check on SovereignEventStore's plain arguments.

    Returns the boundary and the canonical additional locations (plain ones). Rejects: an
    additional location outside the boundary or equal to the main one (L3); a ``0`` TTL
    (Cosmos rejects it; -1 or a positive number are the choices); ``Geo`` periodic backup
    redundancy when the region's pair is outside the boundary (G4, G2).
    """
    component = "SovereignEventStore"
    boundary, location = check_common(component, args)
    _integral(component, "default_ttl_seconds", args.get("default_ttl_seconds"))
    check_model(component, StorePlainArgs, args)
    if args.get("default_ttl_seconds") == 0:
        raise _fail(component, "default_ttl_seconds", "0 is not accepted by Cosmos DB: use -1 (no default expiry) or seconds > 0")
    extra: list[str] = []
    for index, region in enumerate(args.get("additional_locations") or []):
        name = check_region_inside(component, f"additional_locations[{index}]", region, boundary)
        if name is None:
            continue
        if name == location or name in extra:
            raise _fail(component, f"additional_locations[{index}]", f"{name!r} is listed twice (the main location is always first)")
        extra.append(name)
    redundancy = args.get("backup_storage_redundancy")
    mode = args.get("backup_mode", "Continuous")
    if redundancy is not None and is_plain(redundancy) and is_plain(mode) and mode != "Periodic":
        raise _fail(component, "backup_storage_redundancy", "applies to backup_mode 'Periodic' only")
    if redundancy == "Geo" and location is not None and not boundary.pair_inside(location):
        pair = get_region(location).paired_region or "none"
        raise _fail(
            component,
            "backup_storage_redundancy",
            f"'Geo' copies backups to {location}'s pair ({pair}), which is outside the {boundary.code} boundary; use 'Local' or 'Zone'",
        )
    return boundary, extra


# --- derived names ---------------------------------------------------------------------------


def _short_hash(text: str, length: int = 6) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def derive_storage_account_name(component_name: str, suffix: str, seed: str | None = None) -> str:
    """A deterministic storage account name (3-24 lower-case alphanumerics).

    The component name's alphanumerics, a 6-hex hash of ``seed`` (e.g.
    ``project/stack/component``; default the component name) and ``suffix``. Storage account
    names are global DNS names, so the hash keeps two stacks with the same component names
    apart, and stable across runs so a rename never happens by accident.
    """
    base = re.sub(r"[^a-z0-9]", "", component_name.lower())
    digest = _short_hash(seed or component_name)
    keep = max(0, 24 - len(suffix) - len(digest))
    name = base[:keep] + digest + suffix
    if not name[0].isalpha():
        name = ("s" + name)[:24]
    return name


def derive_cosmos_account_name(component_name: str, seed: str | None = None) -> str:
    """A deterministic Cosmos DB account name (3-44 lower-case alphanumerics and dashes): the
    component name as a slug plus a 6-hex hash of ``seed`` (global DNS name, see above)."""
    slug = re.sub(r"-{2,}", "-", re.sub(r"[^a-z0-9-]", "-", component_name.lower())).strip("-")
    digest = _short_hash(seed or component_name)
    slug = slug[: 44 - len(digest) - 1].rstrip("-")
    return f"{slug}-{digest}" if slug else f"store-{digest}"
