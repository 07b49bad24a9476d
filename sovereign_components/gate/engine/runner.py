"""Run a Pulumi Python program under the offline mocks and return what it registered.

In-process, each run gets a fresh ``contextvars`` context in which the pulumi runtime's
global state is reset (settings and monitor, the root stack resource, the config map, secret
keys), a fresh event loop, the program's directory as cwd and on ``sys.path`` (Pulumi runs
programs from the project directory); everything is restored afterwards and the program's own
modules are dropped from ``sys.modules`` so two programs with a ``components.py`` each do not
see each other's. This is how the Python language host runs a program
(``run_in_stack(lambda: runpy.run_path(main))``), minus the gRPC engine.

A program whose ``Pulumi.yaml`` names another virtualenv runs in a subprocess under that
interpreter (``python -m sovereign_components.gate.engine.worker``), as ``pulumi preview`` would;
a missing virtualenv is an error, as it is for ``pulumi preview``. The same worker isolates a
run under the current interpreter on request (``--isolate``; costs compared in ``isolation.py``).

Offline speed-ups, on by default for every capture (issue 5; each module says why it is safe):
``opts.aliases`` dropped by a stack transformation with the alias URNs kept (``aliases.py``;
``drop_aliases=False`` turns it off), a linear-time ``wait_for_rpcs`` (``rpc_wait.py``) and a
relaxed garbage collector for the run (``gc_control.py``). The runtime reset itself lives in
``runtime_state.py`` so the bench's plain-mocks floor resets exactly the same state.
"""

from __future__ import annotations

import contextlib
import contextvars
import heapq
import json
import logging
import os
import runpy
import subprocess
import sys
import tempfile
import threading
import traceback
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ...errors import ConfigError, ProgramError, SovereignError, UsageError
from ..model import UNKNOWN, Capture, CapturedResource
from ...stack_config.project import Project
from .sandbox import user_code_environment

log = logging.getLogger("sovereign.preview.program")


# -- ordering ----------------------------------------------------------------------------------
def stable_order(resources: list[CapturedResource]) -> list[CapturedResource]:
    """Parents and dependencies before dependents, ties by URN.

    Registration RPCs run on a thread pool, so arrival order can vary between runs; this order
    is deterministic and still reads top-down like ``pulumi preview``.
    """
    by_urn = {r.urn: r for r in resources}
    after: dict[str, set[str]] = {r.urn: set() for r in resources}
    for r in resources:
        for dep in [r.parent, *r.dependencies, *(u for us in r.property_dependencies.values() for u in us)]:
            if dep and dep in by_urn and dep != r.urn:
                after[r.urn].add(dep)
    dependents: dict[str, list[str]] = {u: [] for u in by_urn}
    for urn, deps in after.items():
        for dep in deps:
            dependents[dep].append(urn)
    remaining = {u: len(d) for u, d in after.items()}
    ready = [u for u, n in remaining.items() if n == 0]
    heapq.heapify(ready)
    ordered: list[CapturedResource] = []
    while ready:
        urn = heapq.heappop(ready)
        ordered.append(by_urn[urn])
        for nxt in dependents[urn]:
            remaining[nxt] -= 1
            if remaining[nxt] == 0:
                heapq.heappush(ready, nxt)
    if len(ordered) != len(resources):  # a cycle cannot happen in Pulumi; be safe anyway
        seen = {r.urn for r in ordered}
        ordered += sorted((r for r in resources if r.urn not in seen), key=lambda r: r.urn)
    return ordered


# -- process state ---------------------------------------------------------------------------
def _program_environment(project: Project) -> contextlib.AbstractContextManager[None]:
    """cwd = project dir; the main dir and the project dir on sys.path (restored afterwards)."""
    main_dir = project.main if project.main.is_dir() else project.main.parent
    return user_code_environment(project.directory, [main_dir, project.directory])


def _program_location(exc: BaseException, project: Project) -> str:
    """`` (file:line)`` of the innermost frame inside the project, or "" when pulumi replaced
    the traceback (errors raised in ``apply`` callbacks surface from the runtime's tasks)."""
    root = str(project.directory)
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.startswith(root + os.sep) and "site-packages" not in frame.filename:
            return f" ({os.path.relpath(frame.filename, root)}:{frame.lineno})"
    return ""


def stack_config_error(exc: ConfigError, project: Project) -> ConfigError:
    """A program's :class:`ConfigError` that names no file names the stack file.

    The program reads its config through ``pulumi.Config`` and cannot know where the value
    came from; the engine does (``Pulumi.<stack>.yaml``, relative to ``--cwd``), and the design
    asks for one message naming the file and the key. An error naming its own source is kept.
    """
    if exc.source:
        return exc
    source = os.path.relpath(project.stack_file, project.directory)
    detail = str(exc).removeprefix(f"config key '{exc.key}': ")
    named = ConfigError(exc.key, detail, source=source)
    return named


def _program_error(exc: BaseException, project: Project) -> SovereignError:
    from pulumi import RunError

    if isinstance(exc, ConfigError):
        return stack_config_error(exc, project)
    if isinstance(exc, SovereignError):
        return exc
    where = _program_location(exc, project)
    if isinstance(exc, RunError):
        return ProgramError(f"program error{where}: {exc}")
    message = str(exc) or type(exc).__name__
    return ProgramError(f"program error{where}: {type(exc).__name__}: {message}")


def _location_notes(defaults: list[tuple[str, str, str]]) -> list[str]:
    grouped: dict[tuple[str, str], list[str]] = {}
    for urn, location, source in defaults:
        grouped.setdefault((source, location), []).append(urn.rsplit("::", 1)[-1])
    notes = []
    for (source, location), names in sorted(grouped.items()):
        shown = "<unknown>" if location == UNKNOWN else location
        notes.append(
            f"provider default: location={shown} from {source} for {', '.join(sorted(names))} "
            "(the azure-native provider's Check fills a missing location; no provider runs offline)"
        )
    return notes


#: In-process captures run one at a time: cwd, ``sys.path``, GC thresholds and the SDK's
#: ``wait_for_rpcs`` are process-wide (see rpc_wait.py, gc_control.py).
_CAPTURE_LOCK = threading.RLock()


def _attach_aliases(resources: list[CapturedResource], dropped: Mapping[str, Any], project: Project) -> None:
    """Give each resource whose aliases the drop removed their URNs, as the SDK computes them."""
    from .aliases import alias_urns

    for r in resources:
        entry = dropped.get(r.urn)
        if entry is None:
            continue
        explicit_parent, specs = entry
        computed = alias_urns(explicit_parent, specs, type_=r.type, name=r.name, parent_urn=r.parent,
                              project=project.name, stack=project.stack)
        r.aliases = list(dict.fromkeys([*computed, *r.aliases]))


def _run_in_context(project: Project, config: Mapping[str, str], unknowns: bool, drop_aliases: bool) -> Capture:
    from pulumi.runtime import register_stack_transformation
    from pulumi.runtime.mocks import MockEngine
    from pulumi.runtime.stack import run_in_stack

    from .aliases import AliasDrop
    from .gc_control import relaxed_gc
    from .mocks import OfflineMocks
    from .monitor import CaptureMonitor
    from .rpc_wait import linear_wait
    from .runtime_state import fresh_event_loop, reset_runtime

    mocks = OfflineMocks(unknowns=unknowns)
    monitor = CaptureMonitor(mocks, default_location=config.get("azure-native:location"))
    drop = AliasDrop() if drop_aliases else None

    def program() -> None:
        if drop is not None:  # on the fresh root stack, before any of the program's resources
            register_stack_transformation(drop.transformation)
        runpy.run_path(str(project.main), run_name="__main__")

    failure: BaseException | None = None
    dropped: dict[str, Any] = {}
    with _CAPTURE_LOCK, relaxed_gc(), linear_wait(), fresh_event_loop() as loop:
        reset_runtime(project=project.name, stack=project.stack, monitor=monitor, engine=MockEngine(log),
                      dry_run=unknowns, config=config, secret_keys=project.secret_keys,
                      root_directory=str(project.directory))
        # stdout carries the report (--format json); a program's prints go to stderr
        with _program_environment(project), contextlib.redirect_stdout(sys.stderr):
            try:
                loop.run_until_complete(run_in_stack(program))
            except SystemExit as exc:
                if exc.code not in (0, None):
                    failure = exc
            except KeyboardInterrupt:
                raise
            except BaseException as exc:  # noqa: BLE001 - any program failure becomes exit 2
                failure = exc
        if failure is None and drop is not None and not mocks.errors:
            dropped = loop.run_until_complete(drop.by_urn())

    if mocks.errors:  # an unemulated invoke is the clearest cause, whatever it surfaced as
        raise ProgramError(str(mocks.errors[0])) from failure
    if failure is not None:
        raise _program_error(failure, project) from failure

    resources = list(monitor.captured)
    for r in resources:
        if r.urn in monitor.component_outputs and not r.custom:
            r.outputs = {**r.outputs, **monitor.component_outputs[r.urn]}
    _attach_aliases(resources, dropped, project)
    return Capture(
        project=project.name,
        stack=project.stack,
        program_dir=project.directory,
        resources=stable_order(resources),
        emulated=[*project.emulated, *_location_notes(monitor.location_defaults), *mocks.invoke_log],
        config=dict(config),
    )


def capture_in_process(
    project: Project,
    *,
    unknowns: bool = False,
    config_overrides: Mapping[str, str] | None = None,
    drop_aliases: bool = True,
) -> Capture:
    config = {**project.config, **(config_overrides or {})}
    return contextvars.copy_context().run(_run_in_context, project, config, unknowns, drop_aliases)


# -- virtualenv ------------------------------------------------------------------------------
def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def is_current_venv(venv: Path) -> bool:
    try:
        return Path(sys.prefix).resolve() == venv.resolve()
    except OSError:
        return False


def capture_in_subprocess(
    project: Project,
    *,
    unknowns: bool = False,
    config_overrides: Mapping[str, str] | None = None,
    python: Path | None = None,
    drop_aliases: bool = True,
) -> Capture:
    """Run the capture in a fresh interpreter (the worker); analysis stays here.

    ``python`` defaults to the project's virtualenv interpreter (``Pulumi.yaml``
    ``runtime.options.virtualenv``); ``sys.executable`` gives an isolated run under this very
    environment (``--isolate``): a fresh pulumi runtime with no global state from earlier runs,
    at the price of importing the SDKs again (see :mod:`.isolation`).
    """
    if python is None:
        assert project.virtualenv is not None
        python = venv_python(project.virtualenv)
    elif not python.exists():
        raise UsageError(f"{python}: interpreter not found")
    if not python.exists():
        raise UsageError(
            f"Pulumi.yaml: runtime.options.virtualenv '{project.virtualenv}' does not exist; "
            f"create it (python -m venv {project.virtualenv} and install the program's "
            "requirements), as `pulumi preview` requires"
        )
    package_dir = Path(__file__).resolve().parents[2]
    with tempfile.TemporaryDirectory(prefix="sovereign-preview-") as tmp:
        # expose only this package to the worker (a link in a fresh dir), never our whole
        # site-packages: the program's venv keeps its own pulumi and libraries
        shim = Path(tmp) / "path"
        shim.mkdir()
        (shim / package_dir.name).symlink_to(package_dir, target_is_directory=True)
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in [str(shim), env.get("PYTHONPATH", "")] if p)
        out = Path(tmp) / "capture.json"
        cmd = [str(python), "-m", "sovereign_components.gate.engine.worker", "--cwd", str(project.directory),
               "--stack", project.stack, "--out", str(out)]
        if unknowns:
            cmd.append("--unknowns")
        if not drop_aliases:
            cmd.append("--keep-aliases")
        for key, value in (config_overrides or {}).items():
            cmd += ["--config", f"{key}={value}"]
        # the program's own stdout goes to our stderr (stdout carries the report)
        try:
            program_out: int = sys.stderr.fileno()
        except (AttributeError, OSError, ValueError):
            program_out = subprocess.PIPE
        proc = subprocess.run(cmd, env=env, stdout=program_out, stderr=subprocess.PIPE, text=True)
        for text in (proc.stdout if program_out == subprocess.PIPE else None, proc.stderr):
            if text:
                sys.stderr.write(text)
        if not out.exists():
            tail = (proc.stderr or "").strip().splitlines()[-1:] or ["no output"]
            raise ProgramError(f"{python}: the capture worker failed (exit {proc.returncode}): {tail[0]}")
        data = json.loads(out.read_text(encoding="utf-8"))
    if "error" in data:
        raise ProgramError(data["error"])
    return Capture.from_dict(data)
