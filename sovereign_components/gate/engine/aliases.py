"""Drop ``opts.aliases`` during offline capture, and still know each resource's alias URNs.

Why (issue 5): every azure-native resource carries 24-60 ``Alias(type_=...)`` entries, one per
API version the type existed in, so state written by older SDKs migrates without replacement.
The SDK turns each into an ``Output`` chain (``collapse_alias_to_urn``) plus an alias spec in the
request: most of a resource's registration time (measured 14.5 -> 1.9 ms per ``eventgrid.Topic``).
An offline capture has no prior state, so aliases change nothing it records (inputs, parents,
dependencies, property dependencies, URNs); ``tests/gate/test_alias_drop.py`` checks exactly that.

A stack transformation (registered on the root stack before the program runs) runs before
``Resource.__init__`` collapses aliases; it returns the options with ``aliases=None`` and keeps
what it dropped, so the alias URNs can still be given to policies
(``AnalyzerResourceOptions.aliases`` -> ``args.opts.aliases``) as plain strings computed exactly
as ``collapse_alias_to_urn`` does: prefix = the explicit parent's URN up to its last ``::`` plus
``$``, or ``urn:pulumi:<stack>::<project>::`` without an explicit parent; then type and name,
each defaulting to the resource's own. Aliases it cannot reproduce as strings (a URN string, an
``Output``, an explicit parent/stack/project, a ``None`` name or type that the SDK rejects) are
left in place: correctness first; the monitor then reads their URNs off the request.

Limits: a program's own stack transformation registered later sees ``aliases=None`` (ours runs
first); ``capture_program(..., drop_aliases=False)`` keeps the SDK's handling for such programs.
"""

from __future__ import annotations

import copy
import threading
from dataclasses import dataclass, field
from typing import Any

#: (alias name, alias type); ``None`` = the resource's own.
AliasSpec = tuple["str | None", "str | None"]


@dataclass
class _Dropped:
    resource: Any
    explicit_parent: bool
    specs: list[AliasSpec]


def _reproducible(alias: Any, alias_cls: type) -> AliasSpec | None:
    """(name, type) of an alias the drop can recompute as a string, else None."""
    if not isinstance(alias, alias_cls):
        return None  # a URN string or an Output: the SDK's handling stays
    if any(getattr(alias, f) is not ... for f in ("parent", "stack", "project")):
        return None
    name = None if alias.name is ... else alias.name
    type_ = None if alias.type_ is ... else alias.type_
    if alias.name is None or alias.type_ is None:
        return None  # the SDK raises "No valid 'name'/'type_'": let it
    if (name is not None and not isinstance(name, str)) or (type_ is not None and not isinstance(type_, str)):
        return None
    return name, type_


@dataclass
class AliasDrop:
    """The transformation plus what it dropped (one entry per resource object)."""

    dropped: list[_Dropped] = field(default_factory=list)
    kept: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def transformation(self, args: Any) -> Any:
        from pulumi import Alias, ResourceTransformationResult

        opts = args.opts
        aliases = getattr(opts, "aliases", None)
        if not aliases:
            return None
        specs = [_reproducible(a, Alias) for a in aliases]
        if any(s is None for s in specs):
            with self._lock:
                self.kept += 1
            return None
        new_opts = copy.copy(opts)
        new_opts.aliases = None
        with self._lock:
            self.dropped.append(_Dropped(args.resource, opts.parent is not None, specs))  # type: ignore[arg-type]
        return ResourceTransformationResult(args.props, new_opts)

    async def by_urn(self) -> dict[str, tuple[bool, list[AliasSpec]]]:
        """URN -> (explicit parent?, dropped specs), once the program's registrations resolved."""
        out: dict[str, tuple[bool, list[AliasSpec]]] = {}
        for entry in self.dropped:
            urn = await entry.resource.urn.future()
            if urn:
                out[urn] = (entry.explicit_parent, entry.specs)
        return out


def alias_urns(explicit_parent: bool, specs: list[AliasSpec], *, type_: str, name: str, parent_urn: str,
               project: str, stack: str) -> list[str]:
    """The URNs ``collapse_alias_to_urn`` gives the dropped aliases of one resource (in order)."""
    if explicit_parent and parent_urn:
        prefix = parent_urn[: parent_urn.rfind("::")] + "$"
    elif explicit_parent:
        return []
    else:
        prefix = f"urn:pulumi:{stack}::{project}::"
    return [f"{prefix}{alias_type or type_}::{alias_name or name}" for alias_name, alias_type in specs]
