"""Reading the user's files (stack config, policy config, state exports, events) and writing
reports, with one error shape: a ``UsageError`` naming the file, never a traceback. Pure: no
Pulumi.

Reads are bounded (``max_bytes``): a reader asks for at most that many bytes, so a huge or
endless input (``/dev/zero``, a multi-gigabyte "stack file") is refused after reading one byte
more than the limit, with bounded memory.

Writes are atomic (:func:`write_atomic`): the text goes to a temporary file in the target's
directory and is renamed over the target only when complete, so a report is never seen half
written, and a run killed mid-write (SIGTERM, a full disk) leaves the previous file intact.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from .errors import UsageError

#: Prefix of the temporary files :func:`write_atomic` creates next to its target (tests and
#: cleanup tools recognise leftovers by it).
TEMP_PREFIX = ".sovereign-"
TEMP_SUFFIX = ".tmp"
#: Default read limit: far above any real stack, policy or state file (a 4,000-resource
#: ``pulumi stack export`` is tens of MB), far below what would exhaust a CI runner's memory.
DEFAULT_MAX_BYTES = 256 * 1024 * 1024


def read_text(path: Path | str, what: str = "file", *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The UTF-8 text of ``path``; a missing file, a directory, an unreadable or non-UTF-8 file,
    or a file larger than ``max_bytes`` raises ``UsageError`` starting with
    the path (``what`` says which file the command wanted)."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise UsageError(f"{path}: {what} not found") from None
    except IsADirectoryError:
        raise UsageError(f"{path}: is a directory, expected a {what}") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot read the {what}: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise UsageError(f"{path}: the {what} is larger than the limit of {max_bytes:,} bytes")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path}: not UTF-8 text (byte {exc.start}): expected a {what}") from None


def _new_file_mode() -> int:
    """The mode ``open(path, "w")`` would give a new file (0o666 minus the umask)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomic(path: Path | str, text: str, what: str = "report") -> None:
    """Write ``text`` to ``path`` so that ``path`` holds either its old content or all of
    ``text``, never a part.

    A regular file (or a new path) is replaced by renaming a complete temporary file from the
    same directory over it (``os.replace`` is atomic within one file system); the old file's
    permission bits are kept. A symlink is followed: its target is replaced, the link stays.
    Anything that is not a regular file (``/dev/stdout``, a FIFO) is written in place: renaming
    over a device node would replace the device itself. Errors raise ``UsageError`` naming
    ``path``; the temporary file is removed on every failure, including an exception raised
    by a signal handler mid-write (the CLI turns SIGTERM into one).
    """
    path = Path(path)
    target = Path(os.path.realpath(path))
    try:
        existing = target.stat()
    except FileNotFoundError:
        existing = None
    except OSError as exc:
        raise UsageError(f"{path}: cannot write the {what}: {exc.strerror or exc}") from None
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        if stat.S_ISDIR(existing.st_mode):
            raise UsageError(f"{path}: is a directory; give a file path for the {what}")
        try:
            with open(target, "w", encoding="utf-8") as handle:
                handle.write(text)
        except OSError as exc:
            raise UsageError(f"{path}: cannot write the {what}: {exc.strerror or exc}") from None
        return

    mode = stat.S_IMODE(existing.st_mode) if existing is not None else _new_file_mode()
    temp_name: str | None = None
    try:
        fd, temp_name = tempfile.mkstemp(prefix=TEMP_PREFIX + target.name + ".", suffix=TEMP_SUFFIX,
                                         dir=target.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, mode)
        os.replace(temp_name, target)
        temp_name = None
    except OSError as exc:
        raise UsageError(f"{path}: cannot write the {what}: {exc.strerror or exc}") from None
    finally:
        if temp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)


def check_writable_target(path: Path | str, what: str = "report") -> None:
    """Fail now (before a run that takes seconds) when ``path`` could not be written later.

    The directory must exist and accept a new file: probed by creating and removing a
    temporary file there, which is the only test that also sees read-only mounts and ACLs
    (``os.access`` answers "yes" to root on a read-only file system). An existing regular file
    must be writable: renaming over a read-only file would succeed, but the owner made it
    read-only so that it is not overwritten.
    """
    path = Path(path)
    target = Path(os.path.realpath(path))
    if target.is_dir():
        raise UsageError(f"{path}: is a directory; give a file path for the {what}")
    directory = target.parent
    if not directory.is_dir():
        raise UsageError(f"{path}: cannot write the {what}: directory '{path.parent}' does not exist")
    if target.exists():
        if not target.is_file():
            return  # a device or FIFO: written in place (see write_atomic)
        # the mode bits too: os.access answers "writable" to root whatever the mode says
        if not os.access(target, os.W_OK) or not target.stat().st_mode & 0o222:
            raise UsageError(f"{path}: cannot write the {what}: the file is read-only")
    try:
        fd, probe = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=directory)
    except OSError as exc:
        raise UsageError(
            f"{path}: cannot write the {what}: directory '{path.parent}' is not writable ({exc.strerror or exc})"
        ) from None
    os.close(fd)
    with contextlib.suppress(OSError):
        os.unlink(probe)
