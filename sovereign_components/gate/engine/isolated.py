"""Capture a program the way the Pulumi engine runs it: in a process of its own, over gRPC.

The gate serves the resource monitor and engine services (:mod:`.server`, hosting the shared
:mod:`.emulation`) on loopback port 0; the program runs in a child process with the standard SDK
configured as the Python language host configures it (:mod:`.launcher`, ``child.py``). The
verdict is computed here, from exactly the registrations the monitor received, after the child
has ended: nothing the program does in its own process (``os._exit``, ``atexit`` handlers,
monkeypatching the SDK or this package, printing a fake report) reaches it. A run that did not
complete — non-zero exit, a signal, a timeout, an early exit with a clean code, an incomplete
stream — is an error naming the cause (:func:`.runner.judge_stream`), never a verdict.

:class:`ProgramRun` starts the child at construction, so a caller can do its own set-up (load the
policy pack) while the program's SDK imports and the program itself run, then call
:meth:`ProgramRun.result`. Use it as a context manager (or call :meth:`ProgramRun.close`): an
interrupted run leaves no process behind.
"""

from __future__ import annotations

import os
import re
import sys
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from ...errors import ProgramError
from ...stack_config.project import Project
from ..model import Capture
from . import launcher
from .runner import build_capture, interpreter, judge_stream

#: Seconds a program may run before it is stopped (exit 2). Real programs offline take seconds;
#: ten minutes leaves room for a very large one on a slow runner. ``SOVEREIGN_PROGRAM_TIMEOUT``
#: overrides it.
DEFAULT_TIMEOUT_S = 600.0


def default_timeout() -> float:
    value = os.environ.get("SOVEREIGN_PROGRAM_TIMEOUT", "")
    try:
        return float(value) if value else DEFAULT_TIMEOUT_S
    except ValueError:
        return DEFAULT_TIMEOUT_S


def run_spec(project: Project, config: Mapping[str, str], address: str) -> dict[str, Any]:
    """What the language host tells the program: addresses, project, stack, config, paths."""
    main_dir = project.main if project.main.is_dir() else project.main.parent
    return {
        "monitor": address,
        "engine": address,
        "project": project.name,
        "stack": project.stack,
        "organization": "organization",
        "directory": str(project.directory),
        "program": str(project.main),
        "path": list(dict.fromkeys([str(main_dir), str(project.directory)])),
        "config": dict(config),
        "secret_keys": list(project.secret_keys),
        "dry_run": True,
        "parallel": 8,
    }


_IMPORTED_MODULE = re.compile(
    r"pulumi_azure_native\.(\w+)|from[ \t]+pulumi_azure_native[ \t]+import[ \t]+(?:\(([^)]*)\)|([\w \t,]+))")


def likely_modules(project: Project) -> list[str]:
    """SDK modules the program probably registers types of: the common ones the zygote imports,
    plus every ``pulumi_azure_native.<module>`` the program's own files name."""
    from .zygote import PRELOAD

    names = dict.fromkeys(m for m in PRELOAD if m.startswith("pulumi_azure_native."))
    root = project.main if project.main.is_dir() else project.main.parent
    for path in list(root.glob("*.py"))[:200]:
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for dotted, grouped, listed in _IMPORTED_MODULE.findall(text):
            for name in [dotted, *re.findall(r"\w+", grouped + " " + listed)]:
                if name:
                    names[f"pulumi_azure_native.{name}"] = None
    return list(names)


def _warm(schema: Any, modules: list[str]) -> None:
    """Read the SDK facts the program will probably ask for while it is still importing (the
    gate's core is idle then); a lookup the program makes first simply waits for the read."""
    for name in modules:
        try:
            schema.module(name)
        except Exception:  # noqa: BLE001 - warming is an optimisation; the lookup reports errors
            continue


def _config_source(project: Project) -> str:
    return f"{project.stack_file.name} / Pulumi.yaml config"


class ProgramRun:
    """One isolated program run (started on construction)."""

    def __init__(self, project: Project, *, unknowns: bool = False, config_overrides: Mapping[str, str] | None = None,
                 timeout: float | None = None, sink: Callable[[str], None] | None = None,
                 use_zygote: bool = True) -> None:
        from ..sdk import load_schema
        from .emulation import Emulator, RunInfo

        self.project = project
        self.config = {**project.config, **(config_overrides or {})}
        self.timeout = default_timeout() if timeout is None else timeout
        self._server: Any = None
        self.rpc_stats: Any = None
        python = interpreter(project)
        env = launcher.program_environment()
        try:
            self._run, zygote = launcher.begin(python, env, sink=sink, use_zygote=use_zygote)
        except launcher.LaunchError as exc:
            raise ProgramError(str(exc)) from None
        self._started = time.monotonic()
        try:
            from .server import MonitorServer

            same = Path(sys.executable) == python
            info = RunInfo(project=project.name, stack=project.stack, config=self.config,
                           secret_keys=list(project.secret_keys),
                           esc_environments=list(getattr(project, "esc_environments", []) or []),
                           config_source=_config_source(project), unknowns=unknowns, directory=project.directory)
            schema = load_schema(None if same else python)
            self.emulator = Emulator(info, schema, log_sink=self._log)
            self._server = MonitorServer(self.emulator)
            threading.Thread(target=_warm, args=(schema, likely_modules(project)), name="sovereign-sdk-facts",
                             daemon=True).start()
            spec = run_spec(project, self.config, self._server.address)
            if zygote is not None:
                self._run.fork_from(zygote, spec, python, env)
            else:
                self._run.deliver(spec)
        except launcher.LaunchError as exc:
            self.close()
            raise ProgramError(str(exc)) from None
        except BaseException:
            self.close()
            raise

    @staticmethod
    def _log(line: str) -> None:
        try:
            sys.stderr.write(line + "\n")
        except (OSError, ValueError):
            return

    def result(self) -> Capture:
        """Wait for the program, judge its stream and return the capture (raises
        :class:`~sovereign_components.errors.SovereignError` for every incomplete run)."""
        try:
            remaining = max(0.0, self.timeout - (time.monotonic() - self._started))
            try:
                code = self._run.wait(remaining)
            except TimeoutError:
                raise ProgramError(f"the program did not finish within {self.timeout:g} s and was stopped; "
                                   "nothing was judged (SOVEREIGN_PROGRAM_TIMEOUT sets the limit)") from None
            except launcher.LaunchError as exc:
                raise ProgramError(f"the program's process was lost ({exc}); nothing was judged") from None
            self._stop_server()
            judge_stream(self.emulator, self._run.failure(), code, self.project)
            return build_capture(self.project, self.config, self.emulator)
        finally:
            self.close()

    def _stop_server(self) -> None:
        if self._server is not None:
            self.rpc_stats = self._server.stats
            self._server.stop()
            self._server = None

    def close(self) -> None:
        """Kill the program's process group, stop the monitor (idempotent)."""
        try:
            self._run.close()
        finally:
            self._stop_server()
            emulator = getattr(self, "emulator", None)
            if emulator is not None:
                emulator.transforms.close()

    def __enter__(self) -> "ProgramRun":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def capture_isolated(project: Project, *, unknowns: bool = False, config_overrides: Mapping[str, str] | None = None,
                     timeout: float | None = None) -> Capture:
    """Run ``project``'s program in a process of its own and return what it registered."""
    with ProgramRun(project, unknowns=unknowns, config_overrides=config_overrides, timeout=timeout) as run:
        return run.result()
