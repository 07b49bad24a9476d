"""Packages the Functions app for RegionalEventPlane: the deployable archive a Function App
runs from (``WEBSITE_RUN_FROM_PACKAGE`` pointing at a blob, read by managed identity).

Layout the Functions Python worker expects: ``function_app.py``, ``host.json`` and
``requirements.txt`` at the root, and the importable code beside them. Only the *pure* parts of
``sovereign_components`` ship (contract, regions, boundaries, events, CloudEvents mapping,
runtime, their data files): the components, policies and preview engine import Pulumi, which a
Function App must not need. Remote build installs ``requirements.txt``.

:func:`archive_manifest` and :func:`build_zip` are pure (tests, users); only
:func:`functions_archive` imports Pulumi, lazily.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pulumi

__all__ = ["APP_ROOT_FILES", "PURE_MODULES", "archive_files", "archive_manifest", "build_zip", "functions_archive"]

_PACKAGE_DIR = Path(__file__).resolve().parents[1]
_APP_DIR = _PACKAGE_DIR / "events" / "functions_app"

#: Files of ``events/functions_app/`` that go to the archive root.
APP_ROOT_FILES: tuple[str, ...] = ("function_app.py", "host.json", "requirements.txt")
#: Pure modules and data of ``sovereign_components`` the app imports (relative to the package).
PURE_MODULES: tuple[str, ...] = (
    "__init__.py",
    "_version.py",
    "py.typed",
    "errors.py",
    "files.py",
    "geo/data/regions.csv",
    "geo/data/boundaries.toml",
)
#: Pure subpackages shipped whole (their ``*.py`` files; ``events/functions_app`` itself goes
#: to the archive root as the app).
PURE_PACKAGES: tuple[str, ...] = ("geo", "events")
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # zip epoch: identical inputs give an identical archive


def archive_files() -> dict[str, Path]:
    """Archive path -> source file, sorted by archive path."""
    files: dict[str, Path] = {name: _APP_DIR / name for name in APP_ROOT_FILES}
    for rel in PURE_MODULES:
        files[f"sovereign_components/{rel}"] = _PACKAGE_DIR / rel
    for package in PURE_PACKAGES:
        for source in sorted((_PACKAGE_DIR / package).glob("*.py")):
            files[f"sovereign_components/{package}/{source.name}"] = source
    missing = [str(p) for p in files.values() if not p.is_file()]
    if missing:
        raise FileNotFoundError(f"functions package sources missing: {', '.join(missing)}")
    return dict(sorted(files.items()))


def archive_manifest() -> list[str]:
    """The relative paths that go into the archive."""
    return list(archive_files())


def build_zip(path: str | Path) -> Path:
    """Write the archive as a deterministic zip (fixed timestamps, sorted entries)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, source in archive_files().items():
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, source.read_bytes())
    return target


def functions_archive() -> pulumi.asset.AssetArchive:
    """The archive as a Pulumi ``AssetArchive`` (for a storage ``Blob``'s ``source``)."""
    import pulumi

    return pulumi.asset.AssetArchive(
        {name: pulumi.asset.FileAsset(str(source)) for name, source in archive_files().items()}
    )
