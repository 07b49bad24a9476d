"""Deprecated: moved to :mod:`sovereign_components.components.dlq` (removed in 0.3)."""

from ._deprecated import reexport

reexport(__name__, "sovereign_components.components.dlq", globals())
