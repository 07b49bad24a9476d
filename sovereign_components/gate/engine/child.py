"""The program's own process: what Pulumi's Python language host runs, and nothing more.

Run as a *script* (``python -u child.py``) by the gate, or entered by :func:`run` in a process
forked from the zygote (``zygote.py``). It imports only the standard library and the program
environment's own ``pulumi`` — never this package, whose modules must not shadow the program's
(the script's directory is taken off ``sys.path`` first) and whose version may differ from the
one the program depends on.

What it does is what ``pulumi-language-python-exec`` does (pulumi/pulumi
``sdk/python/cmd/pulumi-language-python-exec``): config from ``PULUMI_CONFIG`` /
``PULUMI_CONFIG_SECRET_KEYS`` into ``pulumi.runtime.set_all_config``; ``pulumi.runtime.configure(
Settings(monitor, engine, project, stack, parallel, dry_run, organization, root_directory))``;
``sys.argv`` and cwd set; a fresh event loop whose default executor has ``4 * parallel``
threads; the ``asyncio`` logger silenced; ``run_in_stack(lambda: runpy.run_path(program))``.
No mocks, no patches: the SDK talks gRPC to the monitor the gate serves, and what the gate
judges is what it received. One difference from the language host, in the interpreter rather
than the SDK: the cyclic garbage collector is relaxed for the run (what was imported is frozen,
young collections ~140x rarer — the in-process engine's ``gc_control.relaxed_gc``). A Pulumi
program allocates many short-lived, cyclic objects (every Output, future and alias chain) and
the default thresholds make the collector walk them again and again (measured: the eu stack's
run in half the time); nothing in the SDK depends on when cyclic garbage is reclaimed.

The gate hands over the run's spec (monitor address, project, stack, config) as one JSON line on
stdin, read before any program code runs (stdin is then ``/dev/null``). The only thing this
process tells the gate directly is *why it failed*, as one JSON line on the status descriptor
(its number is in the spec; fd 3 in a zygote child): a program that writes there can only make
the run fail (exit 2). Success is never
reported from here: the gate decides it from the monitor's stream (one stack, its outputs, the
shutdown signal) and the exit status.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import traceback
from typing import Any

#: The descriptor the gate reads this process's failure report from.
STATUS_FD = 3
#: A failure report is cut to this many characters (a traceback of a deep recursion is huge).
STATUS_LIMIT = 64_000
#: Exit code of a program that raised (the language host's "already showed a message" code).
PROGRAM_FAILED = 32

_SOVEREIGN_ERRORS = ("SovereignError",)


def _drop_own_directory() -> None:
    """Take this script's directory off ``sys.path`` (``python child.py`` puts it first): the
    engine's modules there (``arm.py``, ``urns.py`` …) must never be importable by the program."""
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.curdir) != here]


def _parent_death_signal() -> None:
    """Linux: die with the process that started us (no orphan program when the gate is killed)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return


def _where(exc: BaseException, directory: str) -> str:
    """`` (file:line)`` of the innermost frame in the project (not in site-packages, not this
    file), else ``""``."""
    here = os.path.abspath(__file__)
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        name = frame.filename
        if name.startswith(directory + os.sep) and "site-packages" not in name and os.path.abspath(name) != here:
            return f" ({os.path.relpath(name, directory)}:{frame.lineno})"
    return ""


def describe_failure(exc: BaseException, directory: str) -> dict[str, Any]:
    """A program failure as plain data the gate turns into its one-line message.

    Classes are recognised by name (the program may carry its own copy of this project's
    errors): a ``ConfigError`` keeps its key and source so the gate can name the stack file."""
    names = {cls.__name__ for cls in type(exc).__mro__}
    report: dict[str, Any] = {
        "type": type(exc).__name__,
        "message": str(exc),
        "where": _where(exc, directory),
        "traceback": "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)),
    }
    if "ConfigError" in names and isinstance(getattr(exc, "key", None), str):
        report.update(kind="config", key=exc.key, source=getattr(exc, "source", None))  # type: ignore[attr-defined]
    elif names.intersection(_SOVEREIGN_ERRORS):
        report["kind"] = "sovereign"
    elif "RunError" in names:
        report["kind"] = "run"
    else:
        report["kind"] = "exception"
    return report


def _report(status: int | None, report: dict[str, Any]) -> None:
    if status is None:
        return
    text = json.dumps(report)[:STATUS_LIMIT]
    try:
        os.write(status, (text + "\n").encode("utf-8", "replace"))
    except OSError:
        return


def _set_config(spec: dict[str, Any]) -> None:
    """Config as the language host passes it: environment variables the SDK reads itself."""
    import pulumi.runtime

    os.environ["PULUMI_CONFIG"] = json.dumps(spec.get("config", {}))
    os.environ["PULUMI_CONFIG_SECRET_KEYS"] = json.dumps(spec.get("secret_keys", []))
    pulumi.runtime.set_all_config(pulumi.runtime.get_config_env(), pulumi.runtime.get_config_secret_keys_env())


#: gen0 threshold for the program's run (CPython's default is 700); see the module docstring.
GC_THRESHOLD = (100_000, 50, 100)


def _relax_gc() -> None:
    import gc

    gc.freeze()
    gc.set_threshold(*GC_THRESHOLD)


def run(spec: dict[str, Any], status: int | None) -> int:
    """Run the program described by ``spec``; return the process exit code (0 = the program
    ran to its end; the gate still checks that the stack completed)."""
    import asyncio
    import runpy
    from concurrent.futures import ThreadPoolExecutor

    import pulumi
    import pulumi.runtime

    _relax_gc()

    _set_config(spec)
    parallel = int(spec.get("parallel", 8))
    settings = pulumi.runtime.Settings(
        monitor=spec["monitor"],
        engine=spec["engine"],
        project=spec["project"],
        stack=spec["stack"],
        parallel=parallel,
        dry_run=bool(spec.get("dry_run", True)),
        organization=spec.get("organization", "organization"),
        root_directory=spec["directory"],
    )
    pulumi.runtime.configure(settings)

    program = spec["program"]
    sys.argv = [program]
    os.chdir(spec["directory"])
    for entry in reversed(spec.get("path", [])):
        if entry not in sys.path:
            sys.path.insert(0, entry)

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    executor = ThreadPoolExecutor(max_workers=max(parallel, 1) * 4)
    loop.set_default_executor(executor)
    logging.getLogger("asyncio").setLevel(logging.CRITICAL)

    code = 1
    try:
        loop.run_until_complete(pulumi.runtime.run_in_stack(lambda: runpy.run_path(program, run_name="__main__")))
        code = 0
    except SystemExit as exc:  # the language host lets the program's own exit code through
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        if code != 0:
            _report(status, {"kind": "exit", "type": "SystemExit", "message": f"sys.exit({exc.code!r})",
                             "where": _where(exc, spec["directory"]), "traceback": ""})
    except BaseException as exc:  # noqa: BLE001 - every failure is reported, then exit non-zero
        _report(status, describe_failure(exc, spec["directory"]))
        code = PROGRAM_FAILED
    finally:
        _settle(loop)
        executor.shutdown(wait=True)
        loop.close()
        sys.stdout.flush()
        sys.stderr.flush()
    return code


def _settle(loop: Any) -> None:
    """Cancel and finish the tasks a program left running (a SystemExit raised in an ``apply``
    leaves the SDK's main task suspended): finalised later, without a loop, they print an
    "Exception ignored" traceback that is noise, not the program's error. Cancelling sends no
    shutdown signal, so an interrupted run stays incomplete for the gate."""
    import asyncio

    try:
        pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
        for task in pending:
            task.cancel()
        if pending:
            loop.run_until_complete(asyncio.wait(pending, timeout=5))
    except BaseException:  # noqa: BLE001 - best effort; the run's outcome is already decided
        return


def read_spec(stream: Any) -> dict[str, Any]:
    line = stream.readline()
    if not line:
        raise SystemExit("sovereign child: no run spec on stdin")
    return json.loads(line)


def _detach_stdin() -> None:
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)


def main() -> int:
    _drop_own_directory()
    _parent_death_signal()
    # import the SDK while the gate is still starting its monitor (the spec waits on stdin)
    import pulumi  # noqa: F401
    import pulumi.runtime  # noqa: F401

    spec = read_spec(sys.stdin)
    _detach_stdin()
    status = spec.get("status_fd")
    return run(spec, status if isinstance(status, int) else None)


if __name__ == "__main__":
    sys.exit(main())
