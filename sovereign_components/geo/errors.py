"""Lookup errors of the geography catalogue (plain ``ValueError``s: geo imports nothing of ours;
``sovereign_components.errors`` re-exports them for callers that catch every project error)."""

from __future__ import annotations


class UnknownRegionError(ValueError):
    """A region name not in the catalog; the message suggests the closest known names."""


class UnknownBoundaryError(ValueError):
    """A boundary code that is neither built in nor a custom region set."""
