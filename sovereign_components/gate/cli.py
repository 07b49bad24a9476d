"""The ``sovereign`` command line (also ``python -m sovereign_components``).

Subcommands live in ``sovereign_components/gate/commands/<name>.py``; each module exposes
``HELP`` (one line), ``add_arguments(parser)`` and ``run(args) -> int`` and imports nothing heavy
at module level, so ``sovereign --help`` stays fast (pulumi and azure-native load only when a
command runs).

Exit codes (design contract): 0 no mandatory violation; 1 mandatory violation(s) (with
``--strict`` also undecided policies); 2 usage, config or program error, reported as one message
naming the file or key, with the traceback only under ``--debug``; 130 interrupted (Ctrl-C),
143 terminated (SIGTERM).

SIGTERM (what CI runners and ``timeout`` send) is turned into an exception for the length of
the command, so ``finally`` blocks run: a report being written is left as it was (its
temporary file removed), temporary directories are cleaned. The default action would kill the
process where it stands.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import signal
import sys
import threading
import traceback
from collections.abc import Iterator, Sequence
from types import FrameType
from typing import NoReturn

from .._version import __version__
from ..errors import SovereignError

#: Subcommand name -> module under sovereign_components.gate.commands (data, not an if-chain).
COMMANDS: dict[str, str] = {
    "preview": "preview",
    "check-state": "check_state",
    "route": "route",
    "schema": "schema",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sovereign",
        description="Offline sovereignty gate for Pulumi programs on Azure: preview under mocks, "
        "run the CrossGuard policy pack, report as text, JSON or SARIF.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, module_name in COMMANDS.items():
        module = importlib.import_module(f"{__package__}.commands.{module_name}")
        cmd = sub.add_parser(name, help=module.HELP, description=module.HELP)
        cmd.add_argument("--debug", action="store_true", help="show tracebacks for errors")
        module.add_arguments(cmd)
        cmd.set_defaults(_run=module.run)
    return parser


class Terminated(KeyboardInterrupt):
    """SIGTERM arrived. A ``KeyboardInterrupt`` so code that stops on Ctrl-C (and re-raises it
    instead of reporting a program error) stops the same way."""

    exit_code = 128 + signal.SIGTERM


def _raise_terminated(signum: int, frame: FrameType | None) -> None:
    raise Terminated()


@contextlib.contextmanager
def sigterm_raises() -> Iterator[None]:
    """While the command runs, SIGTERM raises :class:`Terminated` (main thread only; a handler
    someone else installed is left alone, and the previous one is restored afterwards)."""
    if threading.current_thread() is not threading.main_thread() or \
            signal.getsignal(signal.SIGTERM) not in (signal.SIG_DFL, None):
        yield
        return
    previous = signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    with sigterm_raises():
        return _dispatch(args)


def _dispatch(args: argparse.Namespace) -> int:
    try:
        return int(args._run(args))
    except SovereignError as exc:
        if getattr(args, "debug", False):
            traceback.print_exc()
        print(f"sovereign {args.command}: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except OSError as exc:
        # Last resort for a file problem no reader turned into a UsageError (a full disk while
        # writing, a permission change mid-run): still one line and exit 2, not a traceback
        # whose exit 1 CI would read as a policy violation.
        if getattr(args, "debug", False):
            traceback.print_exc()
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"sovereign {args.command}: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 2
    except Terminated:
        print(f"sovereign {args.command}: terminated (SIGTERM)", file=sys.stderr)
        return Terminated.exit_code
    except KeyboardInterrupt:
        return 130


def entry() -> NoReturn:
    """The process entry point (the ``sovereign`` script, ``python -m sovereign_components``).

    An interrupted run (Ctrl-C: 130, SIGTERM: 143) has already killed the program's process
    group and stopped the monitor when :func:`main` returns; the process then ends at once
    instead of waiting at interpreter shutdown for worker threads (a monitor handler still
    blocked on the killed program, an SDK-facts warm-up mid-import) — an interrupt must end the
    gate, whatever it was doing. Any other exit goes through the normal shutdown."""
    code = main()
    if code in (130, Terminated.exit_code):
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        os._exit(code)
    sys.exit(code)


if __name__ == "__main__":  # pragma: no cover
    entry()
