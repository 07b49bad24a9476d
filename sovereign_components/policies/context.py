"""The policy configuration a rule decides against, parsed and validated. Pure: no Pulumi.

Each policy's config (``--policy-pack-config`` file, one entry per policy) may carry:

- ``boundary``: a boundary code (``"EU"``) or a list of region names (a custom boundary);
- ``extraAllowedRegions``: more regions to allow on top of the boundary;
- ``allowedExternalEndpoints``: ``[{"endpoint": <URL host or ARM id prefix>, "region": <region>}]``
  — the only way a target outside the stack can be placed in a region (fail closed otherwise);
- ``exemptions``: ``[{"urn": ..., "reason": ...}]`` — skip that resource for that policy, with
  a reason (required, non-empty) so the exemption is auditable;
- ``allowedTypes``: ``[{"type": <type token>, "reason": ...}]`` (``unvetted-resource-type``) — a
  type without a catalogue entry the operator vouches for (any spelling; matched canonically);
- ``allowedProviders``: ``[{"provider": <package name>, "reason": ...}]``
  (``unvetted-resource-type``, ``providers-vetted``) — a provider other than azure-native whose
  resources the operator vouches for.

When a policy's config has no ``boundary``, the stack config ``sovereign:boundary`` is used
(Pulumi hands stack config to packs through ``PULUMI_CONFIG``); with neither, boundary-aware
rules fail closed with a violation that says how to configure one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..geo.boundary import SovereigntyBoundary, custom_boundary, get_boundary
from ..errors import ConfigError, UnknownBoundaryError, UnknownRegionError
from ..geo.regions import canonical_region
from .arm import parse_arm_id, url_host

#: Where a missing boundary is explained to the user.
NO_BOUNDARY_MESSAGE = (
    "no sovereignty boundary is configured, so no region can be shown to be inside it: set "
    "'boundary' (e.g. \"EU\" or a region list) in this policy's --policy-pack-config entry, or "
    "the stack config 'sovereign:boundary'"
)


@dataclass(frozen=True, slots=True)
class AllowedEndpoint:
    """An external target the operator vouches for, with the region it lives in."""

    endpoint: str
    region: str

    def matches(self, value: str) -> bool:
        """URL targets match by host; ARM ids by case-insensitive prefix on a segment boundary."""
        wanted_host = url_host(self.endpoint) or (
            self.endpoint.lower() if "/" not in self.endpoint else None
        )
        host = url_host(value)
        if host is not None:
            return wanted_host is not None and host == wanted_host
        if parse_arm_id(value) is None:
            return wanted_host is not None and value.strip().lower() == wanted_host
        prefix = self.endpoint.rstrip("/").lower()
        candidate = value.strip().lower()
        return candidate == prefix or candidate.startswith(prefix + "/")


@dataclass(frozen=True, slots=True)
class PolicyContext:
    """What a rule needs besides the resource: the boundary (``None`` = not configured), the
    allow-listed external endpoints and the exempted URNs."""

    boundary: SovereigntyBoundary | None = None
    allowed_endpoints: tuple[AllowedEndpoint, ...] = ()
    exemptions: Mapping[str, str] = field(default_factory=dict)
    allowed_types: Mapping[str, str] = field(default_factory=dict)
    allowed_providers: Mapping[str, str] = field(default_factory=dict)

    def inside(self, region: str) -> bool:
        """True when ``region`` is inside the boundary (False when no boundary: fail closed)."""
        return self.boundary is not None and self.boundary.contains(region)

    def pair_inside(self, region: str) -> bool:
        """True when ``region``'s published pair is inside (False for unknown regions)."""
        if self.boundary is None:
            return False
        try:
            return self.boundary.pair_inside(region)
        except UnknownRegionError:
            return False

    def endpoint_region(self, value: str) -> str | None:
        """The region an allow-listed endpoint declares for ``value``, if any."""
        for allowed in self.allowed_endpoints:
            if allowed.matches(value):
                return allowed.region
        return None

    def is_exempt(self, urn: str) -> bool:
        """Exempt by URN; a virtual resource of an escape hatch (``<hatch URN>#<path>``) is
        exempt with its hatch."""
        return urn in self.exemptions or urn.partition("#")[0] in self.exemptions

    @property
    def boundary_label(self) -> str:
        if self.boundary is None:
            return "(none configured)"
        return f"{self.boundary.code} ({', '.join(sorted(self.boundary.regions))})"


_CUSTOM_KEYS = frozenset({"code", "regions"})


def _boundary(value: Any, key: str, source: str | None) -> SovereigntyBoundary:
    """A boundary code (``"EU"``), a region list, or - as the stack config allows - an object
    ``{"code": ..., "regions": [...]}`` for a jurisdiction the library does not name; the JSON
    text of a list or an object too (Pulumi hands structured stack config to packs as JSON)."""
    try:
        if isinstance(value, str) and value.strip():
            text = value.strip()
            if text.startswith(("[", "{")):
                import json

                try:
                    return _boundary(json.loads(text), key, source)
                except json.JSONDecodeError as exc:
                    raise ConfigError(key, f"not valid JSON: {exc}", source=source) from None
            return get_boundary(text)
        if isinstance(value, Mapping):
            unknown = sorted(set(value) - _CUSTOM_KEYS)
            if unknown:
                raise ConfigError(f"{key}.{unknown[0]}", "unknown key (a custom boundary is {code, regions})",
                                  source=source)
            code, regions = value.get("code"), value.get("regions")
            if not isinstance(code, str) or not code.strip():
                raise ConfigError(f"{key}.code", "a custom boundary needs a code", source=source)
            if not isinstance(regions, Sequence) or isinstance(regions, str) or not regions or \
                    not all(isinstance(r, str) for r in regions):
                raise ConfigError(f"{key}.regions", "a custom boundary needs a non-empty list of region names",
                                  source=source)
            return custom_boundary(code, regions)
        if isinstance(value, Sequence) and not isinstance(value, str) and value:
            if not all(isinstance(v, str) for v in value):
                raise ConfigError(key, "a region list must hold region names (strings)", source=source)
            return custom_boundary("CUSTOM", value)
    except (UnknownBoundaryError, UnknownRegionError) as exc:
        raise ConfigError(key, str(exc), source=source) from None
    except ValueError as exc:
        if isinstance(exc, ConfigError):
            raise
        raise ConfigError(key, str(exc), source=source) from None
    raise ConfigError(
        key, f"expected a boundary code such as \"EU\", a non-empty list of regions or an object "
             f"{{\"code\", \"regions\"}}, got {value!r}",
        source=source,
    )


def _regions(value: Any, key: str, source: str | None) -> list[str]:
    if not isinstance(value, Sequence) or isinstance(value, str):
        raise ConfigError(key, f"expected a list of region names, got {value!r}", source=source)
    out = []
    for item in value:
        if not isinstance(item, str):
            raise ConfigError(key, f"expected region names, got {item!r}", source=source)
        try:
            out.append(canonical_region(item))
        except UnknownRegionError as exc:
            raise ConfigError(key, str(exc), source=source) from None
    return out


def _endpoints(value: Any, key: str, source: str | None) -> tuple[AllowedEndpoint, ...]:
    if not isinstance(value, Sequence) or isinstance(value, str):
        raise ConfigError(key, "expected a list of {\"endpoint\", \"region\"} objects", source=source)
    out = []
    for i, item in enumerate(value):
        where = f"{key}[{i}]"
        if not isinstance(item, Mapping):
            raise ConfigError(where, "expected an object with 'endpoint' and 'region'", source=source)
        endpoint, region = item.get("endpoint"), item.get("region")
        if not isinstance(endpoint, str) or not endpoint.strip():
            raise ConfigError(f"{where}.endpoint", "a URL host or ARM id prefix is required", source=source)
        if not isinstance(region, str) or not region.strip():
            raise ConfigError(f"{where}.region", "the endpoint's region is required", source=source)
        try:
            out.append(AllowedEndpoint(endpoint.strip(), canonical_region(region)))
        except UnknownRegionError as exc:
            raise ConfigError(f"{where}.region", str(exc), source=source) from None
    return tuple(out)


def _exemptions(value: Any, key: str, source: str | None) -> dict[str, str]:
    if not isinstance(value, Sequence) or isinstance(value, str):
        raise ConfigError(key, "expected a list of {\"urn\", \"reason\"} objects", source=source)
    out: dict[str, str] = {}
    for i, item in enumerate(value):
        where = f"{key}[{i}]"
        if not isinstance(item, Mapping):
            raise ConfigError(where, "expected an object with 'urn' and 'reason'", source=source)
        urn, reason = item.get("urn"), item.get("reason")
        if not isinstance(urn, str) or not urn.startswith("urn:pulumi:"):
            raise ConfigError(f"{where}.urn", f"expected a resource URN (urn:pulumi:...), got {urn!r}", source=source)
        if not isinstance(reason, str) or not reason.strip():
            raise ConfigError(f"{where}.reason", "an exemption needs a non-empty reason", source=source)
        out[urn] = reason.strip()
    return out


def _reasoned(value: Any, key: str, item_key: str, source: str | None,
              normalise: Any = None) -> dict[str, str]:
    """``[{item_key: ..., "reason": ...}]`` -> {value: reason}; a reason is required."""
    if not isinstance(value, Sequence) or isinstance(value, str):
        raise ConfigError(key, f"expected a list of {{\"{item_key}\", \"reason\"}} objects", source=source)
    out: dict[str, str] = {}
    for i, item in enumerate(value):
        where = f"{key}[{i}]"
        if not isinstance(item, Mapping):
            raise ConfigError(where, f"expected an object with '{item_key}' and 'reason'", source=source)
        name, reason = item.get(item_key), item.get("reason")
        if not isinstance(name, str) or not name.strip():
            raise ConfigError(f"{where}.{item_key}", "a non-empty string is required", source=source)
        if not isinstance(reason, str) or not reason.strip():
            raise ConfigError(f"{where}.reason", "allowing it needs a non-empty reason", source=source)
        name = name.strip()
        out[normalise(name) if normalise else name] = reason.strip()
    return out


def context_from_config(
    config: Mapping[str, Any] | None,
    *,
    stack_boundary: Any = None,
    policy: str = "",
) -> PolicyContext:
    """Build and validate a :class:`PolicyContext` from one policy's config entry.

    ``stack_boundary`` is the stack config ``sovereign:boundary`` (used only when the policy
    config has no ``boundary``). Invalid values raise :class:`ConfigError` naming the key.
    """
    config = dict(config or {})
    source = f"policy config for '{policy}'" if policy else "policy config"
    boundary: SovereigntyBoundary | None = None
    if config.get("boundary") not in (None, "", []):
        boundary = _boundary(config["boundary"], "boundary", source)
    elif stack_boundary not in (None, "", []):
        boundary = _boundary(stack_boundary, "sovereign:boundary", "stack config")
    extra = config.get("extraAllowedRegions") or []
    if extra:
        regions = _regions(extra, "extraAllowedRegions", source)
        if boundary is None:
            boundary = custom_boundary("CUSTOM", regions)
        else:
            boundary = boundary.with_regions(regions)
    from .tokens import canonical_token

    return PolicyContext(
        boundary=boundary,
        allowed_endpoints=_endpoints(config.get("allowedExternalEndpoints") or [], "allowedExternalEndpoints", source),
        exemptions=_exemptions(config.get("exemptions") or [], "exemptions", source),
        allowed_types=_reasoned(config.get("allowedTypes") or [], "allowedTypes", "type", source, canonical_token),
        allowed_providers=_reasoned(config.get("allowedProviders") or [], "allowedProviders", "provider", source),
    )

