"""From one program run's emulator to a :class:`~..model.Capture`, or to the error that ends the run.

Shared by both hosts of the emulation (:mod:`.isolated`, the gate's; :mod:`.inprocess`, the test
suite's trusted fast path): the deterministic order of what was captured, the notes, and the one
message a failed run ends with. A run is *judged* only when it is complete; everything else is an
error (exit 2) naming the cause — a program that raised (its message and the file/line in the
project), a config error (naming the stack file and key), an exit code or signal, a refusal of
the offline engine (an invoke nothing can shape), or an incomplete stream (the program ended
before its stack completed).
"""

from __future__ import annotations

import heapq
import os
import signal
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ...errors import ConfigError, ProgramError, SovereignError, UsageError
from ...stack_config.project import Project
from ..model import Capture, CapturedResource
from . import notes as note_lines
from .emulation import Emulator


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


# -- interpreters ------------------------------------------------------------------------------
def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def is_current_venv(venv: Path) -> bool:
    try:
        return Path(sys.prefix).resolve() == venv.resolve()
    except OSError:
        return False


def interpreter(project: Project) -> Path:
    """The program's interpreter: its ``Pulumi.yaml`` virtualenv's (which must exist, as for
    ``pulumi preview``), else this one."""
    if project.virtualenv is None or is_current_venv(project.virtualenv):
        return Path(sys.executable)
    python = venv_python(project.virtualenv)
    if not python.exists():
        raise UsageError(
            f"Pulumi.yaml: runtime.options.virtualenv '{project.virtualenv}' does not exist; "
            f"create it (python -m venv {project.virtualenv} and install the program's "
            "requirements), as `pulumi preview` requires"
        )
    return python


# -- errors --------------------------------------------------------------------------------------
class ProgramTraceback(Exception):
    """The program's own traceback (its process is another one): shown under ``--debug``."""


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
    return ConfigError(exc.key, detail, source=source)


#: Exceptions the SDK raises for a config key the program requires but the stack does not set.
CONFIG_MISSING = ("ConfigMissingError", "ConfigTypeError")


def _esc_hint(report: Mapping[str, Any], project: Project) -> str:
    """A missing config key in a stack that imports ESC environments: say they may define it."""
    environments = list(getattr(project, "esc_environments", []) or [])
    if not environments or (report.get("type") not in CONFIG_MISSING
                            and "configuration variable" not in str(report.get("message", ""))):
        return ""
    return (f" (the stack imports the ESC environment(s) {', '.join(environments)}, which may define it; ESC "
            "cannot be opened offline: set the value in the stack file to preview it)")


def failure_error(report: Mapping[str, Any], project: Project) -> SovereignError:
    """The error a program's failure report (``child.describe_failure``) ends the run with."""
    kind = report.get("kind")
    message = str(report.get("message", "")) + _esc_hint(report, project)
    where = str(report.get("where", ""))
    if kind == "config" and isinstance(report.get("key"), str):
        key = report["key"]
        source = report.get("source") or None
        detail = message.removeprefix(f"{source}: " if source else "").removeprefix(f"config key '{key}': ")
        return stack_config_error(ConfigError(key, detail, source=source), project)
    if kind == "sovereign":
        return ProgramError(message)
    if kind == "run":
        return ProgramError(f"program error{where}: {message}")
    if kind == "exit":
        return ProgramError(f"program error{where}: the program called {message} before its stack completed")
    if kind == "exception":
        return ProgramError(f"program error{where}: {report.get('type', 'Exception')}: {message or report.get('type')}")
    return ProgramError(f"the program's process wrote a failure report the gate cannot read (kind {kind!r}); "
                        "nothing was judged")


def exit_error(code: int) -> ProgramError:
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        return ProgramError(f"the program was killed ({name}) before its stack completed; nothing was judged")
    return ProgramError(f"the program exited with code {code}; nothing was judged")


def judge_stream(emulator: Emulator, failure: Mapping[str, Any] | None, code: int, project: Project) -> None:
    """Raise the run's error, if any, in order of clarity: the engine's refusal (the real cause
    when an invoke could not be answered), the program's own failure, its exit code, then an
    incomplete stream. Returns only for a complete run that exited 0."""
    traceback_text = str((failure or {}).get("traceback", "")) or None
    cause = ProgramTraceback(traceback_text) if traceback_text else None
    if emulator.errors:
        raise ProgramError(emulator.errors[0]) from cause
    if failure is not None:
        raise failure_error(failure, project) from cause
    if code != 0:
        raise exit_error(code)
    reason = emulator.incomplete()
    if reason is not None:
        raise ProgramError(f"incomplete run, nothing was judged: {reason}")


# -- the capture -------------------------------------------------------------------------------
def build_capture(project: Project, config: Mapping[str, str], emulator: Emulator) -> Capture:
    """The complete run's registrations, in a stable order, with its notes."""
    emulator.finish()
    resources = list(emulator.captured)
    for r in resources:
        if not r.custom and r.urn in emulator.component_outputs:
            r.outputs = {**r.outputs, **emulator.component_outputs[r.urn]}
    versions: list[str] = []
    if emulator.schema is not None:
        try:
            seen = {p for r in resources for p in [emulator.schema.provider_of(r.type)] if p is not None}
            versions = sorted(f"{p.package} {p.version}" for p in seen)
        except Exception:  # noqa: BLE001 - a note must not fail the run
            versions = []
    custom = any(r.custom and not r.external and not r.type.startswith("pulumi:") for r in resources)
    emulated = note_lines.lines(emulator.notes, project_notes=project.emulated, sdk_versions=versions,
                                unknowns=emulator.info.unknowns if custom else None,
                                identity=emulator.identity.note())
    return Capture(
        project=project.name,
        stack=project.stack,
        program_dir=project.directory,
        resources=stable_order(resources),
        emulated=emulated,
        config=dict(config),
        secret_keys=list(project.secret_keys),
    )
