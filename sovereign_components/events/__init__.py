"""The event runtime: what applications and the deployed Functions app run.

Owns the event contract (:mod:`.contract`: ``SovereignEvent``, ``MetadataEvent``), the names it
shares with the Event Grid filters and the policy pack (:mod:`.names`, dead-letter reasons
included), the bounded JSON reader and the validation errors every decoder raises
(:mod:`.jsonbounds`, :mod:`.errors`), the CloudEvents mapping (:mod:`.cloudevents_mapping`), the
processor guard and processor (:mod:`.guard`, :mod:`.processor`), the compliance archive
(:mod:`.archive`), the metadata projection and publisher, the saga (:mod:`.saga`), the routing
what-if (:mod:`.routing`) and the Functions app (:mod:`.functions_app`).

May import: :mod:`sovereign_components.geo` and the shared ``errors``/``files`` modules. Never
imports Pulumi; only :mod:`.functions_app` imports the Azure Functions bindings.

The names the old ``sovereign_components.events`` module exported (``SovereignEvent``,
``MetadataEvent``, ``event_from_json``, ...) stay importable from this package; they are
loaded lazily from :mod:`.contract`, so importing the package costs nothing.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

def __getattr__(name: str) -> Any:
    """A public name of the former ``sovereign_components.events`` module, from :mod:`.contract`
    (loaded on first access; a submodule name is imported by the normal machinery first)."""
    if not name.startswith("_"):
        contract = import_module(".contract", __name__)
        if hasattr(contract, name):
            value = getattr(contract, name)
            globals()[name] = value
            return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
