"""Drop ``opts.aliases`` during offline capture, and still know the alias URNs.

Why: every azure-native resource carries 24-60 ``Alias(type_=...)`` entries (one per API
version the type existed in, so state from older SDKs migrates without replacement). Under
the SDK, each alias becomes an ``Output`` chain (``collapse_alias_to_urn``) plus an alias spec
in the request: most of a resource's registration time. An offline preview has no prior
state, so aliases change nothing in what is captured (inputs, parents, dependencies, URNs).

A stack transformation (``pulumi.runtime.register_stack_transformation``) runs before
``Resource.__init__`` collapses aliases; it returns the options with ``aliases=None`` and
records what it dropped, so alias URNs can still be given to policies
(``PolicyResourceOptions.aliases``) computed as plain strings, exactly as
``collapse_alias_to_urn`` would. Aliases it cannot reproduce as strings (an ``Output``, an
explicit parent/stack/project) are left in place: correctness first.

Pure apart from the pulumi types it inspects; imported lazily by the bench (and, once adopted,
by the engine's runner).
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any


@dataclass
class _Dropped:
    explicit_parent: bool
    #: (alias name, alias type) pairs; ``None`` = the resource's own.
    specs: list[tuple[str | None, str | None]]


@dataclass
class AliasDrop:
    """The transformation plus what it dropped, keyed by (type, name)."""

    dropped: dict[tuple[str, str], list[_Dropped]] = field(default_factory=dict)
    kept: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def transformation(self, args: Any) -> Any:
        from pulumi import Alias, ResourceTransformationResult

        opts = args.opts
        aliases = getattr(opts, "aliases", None)
        if not aliases:
            return None
        specs: list[tuple[str | None, str | None]] = []
        for alias in aliases:
            if not isinstance(alias, Alias):
                self.kept += 1
                return None  # a URN string or an Output: keep the SDK's handling
            if any(getattr(alias, f) is not ... for f in ("parent", "stack", "project")):
                self.kept += 1
                return None
            name = alias.name if alias.name is not ... else None
            type_ = alias.type_ if alias.type_ is not ... else None
            if (name is not None and not isinstance(name, str)) or (type_ is not None and not isinstance(type_, str)):
                self.kept += 1
                return None
            specs.append((name, type_))
        new_opts = copy.copy(opts)
        new_opts.aliases = None
        with self._lock:
            self.dropped.setdefault((args.type_, args.name), []).append(
                _Dropped(explicit_parent=opts.parent is not None, specs=specs)
            )
        return ResourceTransformationResult(args.props, new_opts)

    def alias_urns(self, urn: str, type_: str, name: str, parent_urn: str, project: str, stack: str) -> list[str]:
        """The alias URNs the SDK would have computed for a captured resource.

        ``collapse_alias_to_urn``: parent prefix = the parent URN up to its last ``::`` + ``$``
        when the resource had an explicit parent, else ``urn:pulumi:<stack>::<project>::``.
        """
        out: list[str] = []
        for entry in self.dropped.get((type_, name), []):
            if entry.explicit_parent and parent_urn:
                prefix = parent_urn[: parent_urn.rfind("::")] + "$"
            elif entry.explicit_parent:
                continue
            else:
                prefix = f"urn:pulumi:{stack}::{project}::"
            for alias_name, alias_type in entry.specs:
                out.append(f"{prefix}{alias_type or type_}::{alias_name or name}")
        return out


@contextmanager
def dropping_aliases_in_engine() -> Iterator[AliasDrop]:
    """Install :class:`AliasDrop` into the engine's runner for the duration (bench hook).

    The runner calls ``runpy.run_path(main)`` inside ``run_in_stack``; this wraps that call so
    the transformation is registered on the fresh root stack first. The engine should do this
    itself (see the report: ``runner._run_in_context``); until it does, the bench patches it.
    """
    from pulumi.runtime import register_stack_transformation

    from sovereign_components.preview import runner

    drop = AliasDrop()
    real = runner.runpy

    class _RunpyShim:
        def __getattr__(self, name: str) -> Any:
            return getattr(real, name)

        @staticmethod
        def run_path(*args: Any, **kwargs: Any) -> Any:
            register_stack_transformation(drop.transformation)
            return real.run_path(*args, **kwargs)

    runner.runpy = _RunpyShim()  # type: ignore[assignment]
    try:
        yield drop
    finally:
        runner.runpy = real
