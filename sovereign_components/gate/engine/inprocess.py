"""The trusted fast path: run a program inside this process against the same emulation.

Only for programs this project wrote (the test suite's fixtures, the bench's reference): the
program shares this process, so it *could* reach the verdict — which is why neither the CLI nor
:func:`~sovereign_components.gate.pipeline.capture_program` ever uses it. The emulation is the
gate's own (:class:`~.emulation.Emulator`, the same object the gRPC server hosts), reached
through plain method calls instead of gRPC: one emulation, two hosts, the same capture.

Per run: a fresh ``contextvars`` context in which the pulumi runtime's global state is reset
(:mod:`.runtime_state`), a fresh event loop, the program's directory as cwd and on ``sys.path``;
everything is restored afterwards and the program's own modules are dropped from
``sys.modules``. Offline speed-ups that are safe only because nothing here is judged for an
untrusted program (each module says why): the alias drop (``aliases.py``), a linear
``wait_for_rpcs`` (``rpc_wait.py``) and a relaxed collector (``gc_control.py``).
"""

from __future__ import annotations

import contextlib
import contextvars
import runpy
import sys
import threading
from collections.abc import Mapping
from typing import Any

from ...stack_config.project import Project
from ..model import Capture, CapturedResource
from .emulation import Emulator, RunInfo
from .runner import build_capture, judge_stream
from .sandbox import user_code_environment

#: In-process captures run one at a time: cwd, ``sys.path``, GC thresholds and the SDK's
#: ``wait_for_rpcs`` are process-wide (see rpc_wait.py, gc_control.py).
_CAPTURE_LOCK = threading.RLock()


class LocalMonitor:
    """The ``ResourceMonitor`` stub the SDK calls, answered by the emulator in this process."""

    def __init__(self, emulator: Emulator) -> None:
        self.e = emulator

    def GetDeploymentInfo(self, request: Any) -> Any:  # noqa: N802 - the stub's method names
        return self.e.deployment_info()

    def SupportsFeature(self, request: Any) -> Any:  # noqa: N802
        return self.e.supports_feature(request)

    def Invoke(self, request: Any) -> Any:  # noqa: N802
        return self.e.invoke(request)

    def Call(self, request: Any) -> Any:  # noqa: N802
        return self.e.call(request)

    def ReadResource(self, request: Any) -> Any:  # noqa: N802
        return self.e.read_resource(request)

    def RegisterResource(self, request: Any) -> Any:  # noqa: N802
        return self.e.register_resource(request)

    def RegisterResourceOutputs(self, request: Any) -> Any:  # noqa: N802
        return self.e.register_resource_outputs(request)

    def RegisterStackTransform(self, request: Any) -> Any:  # noqa: N802
        return self.e.register_stack_transform(request)

    def RegisterStackInvokeTransform(self, request: Any) -> Any:  # noqa: N802
        return self.e.register_stack_invoke_transform(request)

    def RegisterResourceHook(self, request: Any) -> Any:  # noqa: N802
        return self.e.accept(request)

    def RegisterErrorHook(self, request: Any) -> Any:  # noqa: N802
        return self.e.accept(request)

    def RegisterPackage(self, request: Any) -> Any:  # noqa: N802
        return self.e.register_package(request)

    def SignalAndWaitForShutdown(self, request: Any) -> Any:  # noqa: N802
        return self.e.signal_and_wait_for_shutdown()


class LocalEngine:
    """The ``Engine`` stub (logs) answered in this process."""

    def __init__(self, emulator: Emulator) -> None:
        self.e = emulator

    def Log(self, request: Any) -> Any:  # noqa: N802
        return self.e.log(request)

    def GetRootResource(self, request: Any) -> Any:  # noqa: N802
        return self.e.get_root_resource()

    def SetRootResource(self, request: Any) -> Any:  # noqa: N802
        return self.e.set_root_resource(request)


def _program_environment(project: Project) -> contextlib.AbstractContextManager[None]:
    """cwd = project dir; the main dir and the project dir on sys.path (restored afterwards)."""
    main_dir = project.main if project.main.is_dir() else project.main.parent
    return user_code_environment(project.directory, [main_dir, project.directory])


def _describe(exc: BaseException, project: Project) -> dict[str, Any]:
    from .child import describe_failure

    return describe_failure(exc, str(project.directory))


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


def _run(project: Project, config: Mapping[str, str], unknowns: bool, drop_aliases: bool) -> Capture:
    from pulumi.runtime import register_stack_transformation
    from pulumi.runtime.stack import run_in_stack

    from ..sdk import load_schema
    from .aliases import AliasDrop
    from .gc_control import relaxed_gc
    from .rpc_wait import linear_wait
    from .runtime_state import fresh_event_loop, reset_runtime

    info = RunInfo(project=project.name, stack=project.stack, config=config, secret_keys=list(project.secret_keys),
                   esc_environments=list(getattr(project, "esc_environments", []) or []),
                   config_source=f"{project.stack_file.name} / Pulumi.yaml config", unknowns=unknowns,
                   directory=project.directory)
    emulator = Emulator(info, load_schema(), log_sink=lambda line: sys.stderr.write(line + "\n"))
    drop = AliasDrop() if drop_aliases else None

    def program() -> None:
        if drop is not None:  # on the fresh root stack, before any of the program's resources
            register_stack_transformation(drop.transformation)
        runpy.run_path(str(project.main), run_name="__main__")

    failure: dict[str, Any] | None = None
    code = 0
    dropped: dict[str, Any] = {}
    with _CAPTURE_LOCK, relaxed_gc(), linear_wait(), fresh_event_loop() as loop:
        reset_runtime(project=project.name, stack=project.stack, monitor=LocalMonitor(emulator),
                      engine=LocalEngine(emulator), dry_run=True, config=config, secret_keys=project.secret_keys,
                      root_directory=str(project.directory))
        # stdout carries the report (--format json); a program's prints go to stderr
        with _program_environment(project), contextlib.redirect_stdout(sys.stderr):
            try:
                loop.run_until_complete(run_in_stack(program))
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            except KeyboardInterrupt:
                raise
            except BaseException as exc:  # noqa: BLE001 - any program failure becomes exit 2
                failure = _describe(exc, project)
                code = 32
        if failure is None and code == 0 and drop is not None and not emulator.errors:
            dropped = loop.run_until_complete(drop.by_urn())
    emulator.transforms.close()
    judge_stream(emulator, failure, code, project)
    capture = build_capture(project, config, emulator)
    _attach_aliases(capture.resources, dropped, project)
    return capture


def capture_in_process(project: Project, *, unknowns: bool = False, config_overrides: Mapping[str, str] | None = None,
                       drop_aliases: bool = True) -> Capture:
    """Capture a *trusted* program in this process (see the module docstring)."""
    config = {**project.config, **(config_overrides or {})}
    return contextvars.copy_context().run(_run, project, config, unknowns, drop_aliases)
