"""Errors the CLI turns into exit code 2 with one clear message (no traceback unless --debug).

Every error names what the user must fix: the config key, the file, or the token.
"""

from __future__ import annotations

from .geo.errors import UnknownBoundaryError, UnknownRegionError

__all__ = [
    "ComponentArgumentError",
    "ConfigError",
    "ProgramError",
    "SovereignError",
    "UnknownBoundaryError",
    "UnknownRegionError",
    "UsageError",
]


class SovereignError(Exception):
    """Base class: a problem with the user's input, config or program (exit code 2)."""

    exit_code = 2


class ConfigError(SovereignError, ValueError):
    """An invalid stack or policy configuration value; ``key`` names the config key."""

    def __init__(self, key: str, message: str, *, source: str | None = None) -> None:
        self.key = key
        self.source = source
        #: The message without the file and key (to re-raise it naming another source).
        self.detail = message
        where = f"{source}: " if source else ""
        super().__init__(f"{where}config key '{key}': {message}")


class UsageError(SovereignError):
    """A bad command line (missing file, incompatible options)."""


class ProgramError(SovereignError):
    """The Pulumi program under preview raised; the message carries the program's own error."""


class ComponentArgumentError(SovereignError, ValueError):
    """A component argument with an invalid value, raised before any child registers."""

    def __init__(self, component: str, argument: str, message: str) -> None:
        self.component = component
        self.argument = argument
        super().__init__(f"{component}: argument '{argument}': {message}")
