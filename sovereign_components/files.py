"""Reading the user's files (stack config, policy config, state exports, events) with one
error shape: a ``UsageError`` naming the file, never a traceback. Pure: no Pulumi."""

from __future__ import annotations

from pathlib import Path

from .errors import UsageError


def read_text(path: Path | str, what: str = "file") -> str:
    """The UTF-8 text of ``path``; a missing file, a directory, an unreadable or non-UTF-8 file
    raises ``UsageError`` starting with the path (``what`` says which file the command wanted)."""
    path = Path(path)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"{path}: {what} not found") from None
    except IsADirectoryError:
        raise UsageError(f"{path}: is a directory, expected a {what}") from None
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path}: not UTF-8 text (byte {exc.start}): expected a {what}") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot read the {what}: {exc.strerror}") from None
