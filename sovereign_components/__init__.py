"""sovereign-events: Pulumi components, a CrossGuard policy pack and an offline preview gate
for event-driven systems on Azure that keep regulated data inside a jurisdiction.

The public API, for Pulumi programs that ``pip install sovereign-components``::

    from sovereign_components import (
        RegionalEventPlane, RegionalEventPlaneArgs,     # Event Grid, Service Bus, Event Hubs, Functions
        SovereignEventStore, SovereignEventStoreArgs,   # Cosmos DB event store
        ComplianceDLQ, ComplianceDLQArgs,               # dead-letter queue, alert, immutable archive
        SovereigntyBoundary, get_boundary, custom_boundary,
        SovereignEvent, MetadataEvent,                  # the event contract
    )

Names are resolved lazily (PEP 562 ``__getattr__``): ``import sovereign_components`` costs
only this file and ``_version``, so the ``sovereign`` CLI starts fast and application code that
only needs the event contract or the boundaries never imports pulumi or azure-native. A
component name imports pulumi (and its own azure-native submodules) on first use.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from ._version import __version__

#: Public name -> the submodule that defines it. Data, not code: adding a public name is one
#: line here (and ``__all__`` is derived from it, so the two cannot drift apart).
_EXPORTS: dict[str, str] = {
    # components and their arguments (the component package's three resources)
    "RegionalEventPlane": "components.event_plane",
    "RegionalEventPlaneArgs": "components.event_plane",
    "SovereignEventStore": "components.event_store",
    "SovereignEventStoreArgs": "components.event_store",
    "ComplianceDLQ": "components.dlq",
    "ComplianceDLQArgs": "components.dlq",
    # the argument vocabulary every component shares
    "CommonArgs": "components.args",
    "PrivateEndpointArgs": "components.args",
    "DiagnosticSettingsArgs": "components.args",
    "RoleAssignmentArgs": "components.args",
    "LockArgs": "components.args",
    "CustomerManagedKeyArgs": "components.args",
    # sovereignty boundaries (pure: no pulumi)
    "SovereigntyBoundary": "geo.boundary",
    "get_boundary": "geo.boundary",
    "custom_boundary": "geo.boundary",
    # the event contract (pure: no pulumi)
    "SovereignEvent": "events.contract",
    "MetadataEvent": "events.contract",
    # errors a caller may catch
    "SovereignError": "errors",
    "ComponentArgumentError": "errors",
}

__all__ = ["__version__", *_EXPORTS]

if TYPE_CHECKING:  # static checkers (py.typed) see the real definitions
    from .components.args import (
        CommonArgs,
        CustomerManagedKeyArgs,
        DiagnosticSettingsArgs,
        LockArgs,
        PrivateEndpointArgs,
        RoleAssignmentArgs,
    )
    from .geo.boundary import SovereigntyBoundary, custom_boundary, get_boundary
    from .components.dlq import ComplianceDLQ, ComplianceDLQArgs
    from .errors import ComponentArgumentError, SovereignError
    from .components.event_plane import RegionalEventPlane, RegionalEventPlaneArgs
    from .components.event_store import SovereignEventStore, SovereignEventStoreArgs
    from .events.contract import MetadataEvent, SovereignEvent


def __getattr__(name: str) -> Any:
    """Import the defining submodule on first access and cache the name in this module."""
    module_name = _EXPORTS.get(name)
    if module_name is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{module_name}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
