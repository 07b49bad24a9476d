"""Deprecated: moved to :mod:`sovereign_components.geo.regions` (removed in 0.3)."""

from ._deprecated import reexport

reexport(__name__, "sovereign_components.geo.regions", globals())
