"""Where SDK facts are kept between runs: one JSON document per SDK module and version.

Reading a module's classes costs 0.1–0.4 s (and its import); a gate run needs a dozen modules,
and a test suite hundreds of runs. The documents depend only on the SDK package and its version
(and on this reader's format), so they are cached on disk:
``$SOVEREIGN_CACHE_DIR`` (else ``$XDG_CACHE_HOME/sovereign-events``, else
``~/.cache/sovereign-events``) ``/sdk/v<FORMAT>/<package>-<version>/<module>.json``. Writes go
to a temporary file renamed into place, so a concurrent or interrupted run never reads half a
document; an unwritable cache directory only costs speed (the facts are then kept in memory).
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

#: Bump when the document format of :mod:`.introspect` changes: old entries are then ignored.
FORMAT = 2


def cache_root() -> Path:
    base = os.environ.get("SOVEREIGN_CACHE_DIR")
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "sovereign-events"


def entry_path(package: str, version: str, name: str) -> Path:
    safe = "".join(c if c.isalnum() or c in "._-" else "_" for c in name)
    return cache_root() / "sdk" / f"v{FORMAT}" / f"{package}-{version}" / f"{safe}.json"


def read(package: str, version: str, name: str) -> Any | None:
    path = entry_path(package, version, name)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write(package: str, version: str, name: str, document: Any) -> None:
    path = entry_path(package, version, name)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(document, fh, separators=(",", ":"))
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return  # read-only home, full disk: the facts stay in memory for this run
