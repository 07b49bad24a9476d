"""Deprecated: moved to :mod:`sovereign_components.stack_config.loader` (removed in 0.3)."""

from ._deprecated import reexport

reexport(__name__, "sovereign_components.stack_config.loader", globals())
