"""Thin re-exports for module paths that moved in 0.2 (layout by domain).

Each old path (``sovereign_components.boundary``, ``.event_store``, ``.dlq``, ``.event_plane``,
``.regions``, ``.config``) is a module that imports its new home, re-exports every public name
and warns once with ``DeprecationWarning`` naming the new path. They stay for one minor version
(removed in 0.3; listed in CHANGELOG).
"""

from __future__ import annotations

import warnings
from importlib import import_module
from typing import Any


def reexport(old: str, new: str, namespace: dict[str, Any]) -> None:
    """Copy the public names of module ``new`` into ``namespace`` (the old module's globals)
    and warn that ``old`` moved."""
    warnings.warn(
        f"{old} moved to {new} in sovereign-components 0.2; the old path is removed in 0.3",
        DeprecationWarning,
        stacklevel=3,
    )
    module = import_module(new)
    names = getattr(module, "__all__", None) or [n for n in vars(module) if not n.startswith("_")]
    namespace.update({name: getattr(module, name) for name in names})
    namespace["__all__"] = list(names)
