"""The processor's app settings, read once from the environment the Functions host provides.

Names come from :mod:`sovereign_components.events.names` (the RegionalEventPlane sets them), so a
rename on either side breaks a test, not a deployment. Pure: no Pulumi, no Azure SDK.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from . import names as contract
from ..geo.boundary import SovereigntyBoundary, custom_boundary, get_boundary, is_boundary_code
from ..errors import ConfigError
from ..geo.regions import canonical_region, is_known_region
from .guard import default_boundary

__all__ = ["ProcessorSettings"]

_SOURCE = "Function App settings"


@dataclass(frozen=True)
class ProcessorSettings:
    """What the processor needs to decide and where it writes."""

    deployment_region: str
    boundary: SovereigntyBoundary
    allowed_data_regions: tuple[str, ...] = ()
    processing_queue: str = ""
    compliance_dlq: str = ""
    archive_container: str = ""
    cosmos_endpoint: str = ""
    event_store_database: str = ""
    event_store_container: str = ""

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> ProcessorSettings:
        """Read the settings; ``DEPLOYMENT_REGION`` is required (without it no guard can
        decide, and a processor that cannot decide must not start: fail closed)."""
        env = os.environ if env is None else env
        raw_region = env.get(contract.DEPLOYMENT_REGION_SETTING, "").strip()
        if not raw_region:
            raise ConfigError(contract.DEPLOYMENT_REGION_SETTING, "is required", source=_SOURCE)
        if not is_known_region(raw_region):
            raise ConfigError(contract.DEPLOYMENT_REGION_SETTING, f"unknown Azure region {raw_region!r}", source=_SOURCE)
        region = canonical_region(raw_region)
        code = env.get(contract.BOUNDARY_SETTING, "").strip()
        allowed = tuple(v.strip() for v in env.get(contract.ALLOWED_DATA_REGIONS_SETTING, "").split(",") if v.strip())
        boundary = _boundary(code, allowed, region)
        if not boundary.contains(region):
            raise ConfigError(
                contract.BOUNDARY_SETTING,
                f"boundary {boundary.code} does not contain the deployment region {region}",
                source=_SOURCE,
            )
        return cls(
            deployment_region=region,
            boundary=boundary,
            allowed_data_regions=_data_regions(allowed, boundary),
            processing_queue=env.get(contract.PROCESSING_QUEUE_SETTING, ""),
            compliance_dlq=env.get(contract.COMPLIANCE_DLQ_SETTING, ""),
            archive_container=env.get(contract.ARCHIVE_CONTAINER_SETTING, ""),
            cosmos_endpoint=env.get(contract.COSMOS_ENDPOINT_SETTING, ""),
            event_store_database=env.get(contract.EVENT_STORE_DATABASE_SETTING, ""),
            event_store_container=env.get(contract.EVENT_STORE_CONTAINER_SETTING, ""),
        )


def _boundary(code: str, allowed: tuple[str, ...], region: str) -> SovereigntyBoundary:
    """The boundary the app settings name. A named code (EU, US, ...) is looked up; any other
    code is a custom boundary (a stack config's ``{code, regions}``), which the plane writes as
    that code plus ``ALLOWED_DATA_REGIONS`` = the code and its regions (boundary.filter_values),
    so its regions are the known region names of that list. No code: the deployment region's
    default boundary. Anything undecidable fails closed (the processor must not start)."""
    if not code:
        try:
            return default_boundary(region)
        except ValueError as exc:
            raise ConfigError(contract.BOUNDARY_SETTING, str(exc), source=_SOURCE) from None
    if is_boundary_code(code):
        return get_boundary(code)
    regions = [v for v in allowed if is_known_region(v)]
    if not regions:
        raise ConfigError(
            contract.BOUNDARY_SETTING,
            f"{code!r} is not a named boundary, and {contract.ALLOWED_DATA_REGIONS_SETTING} lists no "
            "regions to define it as a custom one",
            source=_SOURCE,
        )
    return custom_boundary(code, regions)


def _data_regions(values: tuple[str, ...], boundary: SovereigntyBoundary) -> tuple[str, ...]:
    """``ALLOWED_DATA_REGIONS`` as the guard reads it: boundary codes and region names. A custom
    boundary's own code is dropped (it is no ``dataRegion`` value: events carry its regions);
    anything else unrecognised fails at start rather than on every message."""
    out = []
    for value in values:
        if value.upper() == boundary.code and not is_boundary_code(value):
            continue
        if not (is_boundary_code(value) or is_known_region(value)):
            raise ConfigError(
                contract.ALLOWED_DATA_REGIONS_SETTING,
                f"{value!r} is neither a boundary code nor a known Azure region",
                source=_SOURCE,
            )
        out.append(value)
    return tuple(out)
