"""The processor guard: data of another jurisdiction is never processed here.

The source design's processor checks ``IsApprovedRegion(message.DataRegion, DEPLOYMENT_REGION)``
before touching a message; :func:`assert_processable` is that check, with the jurisdiction made
explicit as a :class:`SovereigntyBoundary`. Pure: no Pulumi.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..geo.boundary import SovereigntyBoundary, get_boundary, is_boundary_code, named_boundaries
from .contract import SovereignEvent, normalize_data_region
from ..geo.regions import canonical_region

__all__ = ["SovereigntyViolation", "assert_processable", "default_boundary", "is_processable"]


class SovereigntyViolation(Exception):
    """An event whose data region lies outside the boundary of the region processing it."""

    def __init__(self, event_id: str, data_region: str, deployment_region: str, boundary: str, why: str) -> None:
        self.event_id = event_id
        self.data_region = data_region
        self.deployment_region = deployment_region
        self.boundary = boundary
        super().__init__(
            f"event {event_id!r} carries {data_region} data, which may not be processed in "
            f"{deployment_region} (boundary {boundary}): {why}"
        )

    @property
    def description(self) -> str:
        """The dead-letter error description (what an operator reads in the DLQ)."""
        return str(self)


def default_boundary(deployment_region: str) -> SovereigntyBoundary:
    """The boundary a region processes for when none is configured: the *smallest* named
    boundary containing it (westeurope -> EU, not EEA or EUDB; switzerlandnorth -> CH).

    Smallest is the fail-closed choice: every value it accepts is also accepted by the larger
    boundaries, never the reverse. Ties are broken by code so the answer is stable.
    """
    region = canonical_region(deployment_region)
    candidates = [b for b in named_boundaries().values() if b.contains(region)]
    if not candidates:
        raise ValueError(f"region {region!r} is in no named sovereignty boundary; configure one")
    return min(candidates, key=lambda b: (len(b.regions), b.code))


def _why_not(data_region: str, boundary: SovereigntyBoundary, allowed: frozenset[str]) -> str | None:
    if is_boundary_code(data_region):
        if data_region != boundary.code:
            return f"boundary code {data_region} is not {boundary.code}"
    elif not boundary.contains(data_region):
        return f"region {data_region} is outside {boundary.code}"
    if allowed and data_region.lower() not in allowed:
        return f"{data_region} is not in the allowed data regions {sorted(allowed)}"
    return None


def assert_processable(
    event: SovereignEvent,
    deployment_region: str,
    boundary: SovereigntyBoundary | str | None = None,
    *,
    allowed_data_regions: Iterable[str] = (),
) -> None:
    """Raise :class:`SovereigntyViolation` unless ``event`` may be processed in
    ``deployment_region``.

    Inside means: the event's ``dataRegion`` is the boundary's code (``EU`` for the EU
    boundary; another code, even a larger one such as ``EEA``, is refused), or a region the
    boundary contains. ``boundary`` defaults to :func:`default_boundary`; the deployment
    region itself must be inside it (else the deployment is misconfigured: ``ValueError``).
    ``allowed_data_regions`` (the ``ALLOWED_DATA_REGIONS`` app setting) can only *narrow* the
    accepted values, never widen them past the boundary.
    """
    region = canonical_region(deployment_region)
    resolved = (
        get_boundary(boundary) if isinstance(boundary, str)
        else boundary if boundary is not None
        else default_boundary(region)
    )
    if not resolved.contains(region):
        raise ValueError(f"deployment region {region!r} is not inside boundary {resolved.code}")
    allowed = frozenset(normalize_data_region(v).lower() for v in allowed_data_regions if v.strip())
    why = _why_not(event.data_region, resolved, allowed)
    if why is not None:
        raise SovereigntyViolation(event.id, event.data_region, region, resolved.code, why)


def is_processable(event: SovereignEvent, deployment_region: str, boundary: SovereigntyBoundary | str | None = None) -> bool:
    """:func:`assert_processable` as a predicate."""
    try:
        assert_processable(event, deployment_region, boundary)
    except SovereigntyViolation:
        return False
    return True
