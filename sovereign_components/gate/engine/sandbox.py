"""Run user code (a program, a policy pack's ``__main__.py``) from its own directory.

cwd and ``sys.path`` are set as Pulumi sets them and restored afterwards; modules the code
imported from its own directories are dropped from ``sys.modules`` so a second program (or
pack) with a module of the same name gets its own. Modules imported through a path that was
already on ``sys.path`` (an installed library, this package) are kept. Pure stdlib.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path


def _imported_via(module: object, name: str, dirs: Sequence[Path]) -> bool:
    file = getattr(module, "__file__", None)
    if not file:
        return False
    path = Path(file).resolve()
    for d in dirs:
        try:
            rel = path.relative_to(d.resolve())
        except ValueError:
            continue
        parts = list(rel.with_suffix("").parts)
        if parts and parts[-1] == "__init__":
            parts.pop()
        if ".".join(parts) == name:
            return True
    return False


@contextlib.contextmanager
def user_code_environment(cwd: Path, path_dirs: Sequence[Path]) -> Iterator[None]:
    added = [d for d in dict.fromkeys(path_dirs) if str(d) not in sys.path]
    before = set(sys.modules)
    old_cwd = os.getcwd()
    old_path = list(sys.path)
    os.chdir(cwd)
    for d in reversed(added):
        sys.path.insert(0, str(d))
    try:
        yield
    finally:
        os.chdir(old_cwd)
        sys.path[:] = old_path
        for name in set(sys.modules) - before:
            if _imported_via(sys.modules.get(name), name, added):
                del sys.modules[name]
