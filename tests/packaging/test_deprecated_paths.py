"""Module paths that moved in 0.2 keep working for one minor version, with a DeprecationWarning."""

from __future__ import annotations

import importlib
import sys

import pytest

MOVED = {
    "sovereign_components.boundary": ("sovereign_components.geo.boundary", "get_boundary"),
    "sovereign_components.regions": ("sovereign_components.geo.regions", "canonical_region"),
    "sovereign_components.event_store": ("sovereign_components.components.event_store", "SovereignEventStore"),
    "sovereign_components.dlq": ("sovereign_components.components.dlq", "ComplianceDLQ"),
    "sovereign_components.event_plane": ("sovereign_components.components.event_plane", "RegionalEventPlane"),
    "sovereign_components.config": ("sovereign_components.stack_config.loader", "load_stack_config"),
}


@pytest.mark.parametrize("old", sorted(MOVED))
def test_old_path_warns_and_reexports(old: str) -> None:
    new, name = MOVED[old]
    sys.modules.pop(old, None)
    with pytest.warns(DeprecationWarning, match=f"{old} moved to {new}"):
        module = importlib.import_module(old)
    assert getattr(module, name) is getattr(importlib.import_module(new), name)


def test_events_package_keeps_the_former_module_names_without_warning(recwarn: pytest.WarningsRecorder) -> None:
    from sovereign_components.events import SovereignEvent, event_from_json
    from sovereign_components.events.contract import SovereignEvent as Contract

    assert SovereignEvent is Contract and callable(event_from_json)
    assert not [w for w in recwarn if issubclass(w.category, DeprecationWarning)
                and "sovereign_components" in str(w.message)]
