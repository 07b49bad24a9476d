"""RegionalEventPlane: one region's Event Grid, Service Bus, Event Hubs and Functions (issue 3),
with the metadata-channel option of issue 6.

Modules: :mod:`.args` (the TypedDict arguments), :mod:`.validation` (pure checks, run before
anything registers), :mod:`.defaults` (the defaults as data), :mod:`.naming` (Azure names),
:mod:`.component` (the ComponentResource) and one builder per service.
"""

from __future__ import annotations

from .args import (
    ComplianceDLQSettingsArgs,
    EventStoreReferenceArgs,
    MetadataChannelArgs,
    ProcessorArgs,
    RegionalEventPlaneArgs,
)
from .component import TYPE_TOKEN, RegionalEventPlane

__all__ = [
    "TYPE_TOKEN",
    "ComplianceDLQSettingsArgs",
    "EventStoreReferenceArgs",
    "MetadataChannelArgs",
    "ProcessorArgs",
    "RegionalEventPlane",
    "RegionalEventPlaneArgs",
]
