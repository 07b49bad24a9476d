"""sovereign-events: Pulumi components, a CrossGuard policy pack and an offline preview gate
for event-driven systems on Azure that keep regulated data inside a jurisdiction.

The public API is re-exported here lazily (PEP 562), so ``import sovereign_components`` and the
pure modules (regions, boundaries, the event contract) never pay for pulumi or azure-native.
"""

from __future__ import annotations

from ._version import __version__

__all__ = ["__version__"]
