"""Public API of the offline preview engine (the names other modules and tests call).

    capture = capture_program(cwd, stack, unknowns=False, config_overrides=None, timeout=None)
    pack = load_policy_pack(path_or_None)
    result = analyze(capture.resources, pack, policy_config, project=..., stack=...)
    report = run_preview(cwd, stack, policy_pack=None, policy_pack_config=None, unknowns=False)
    figures = measure_isolation(cwd, stack, runs=3)   # in isolation.py: isolated vs in-process

This is a preview *without providers*: the program runs in a process of its own with the
standard Pulumi SDK, talking gRPC to the resource monitor this process serves (the real protocol,
``engine/isolated.py``); the monitor emulates what providers would do offline — the
azure-native ``location`` default, ids, outputs and invokes shaped from the installed SDKs — and
lists it; no cloud is contacted. The verdict is computed here, from what the monitor received.
``isolate`` and ``drop_aliases`` are accepted for compatibility and ignored: every run is isolated
(the in-process path, ``engine/inprocess.py``, is reserved for the test suite's trusted fixtures).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .model import AnalysisResult, Capture, CapturedResource, PreviewReport, Violation
from .analysis.pack_loader import LoadedPack, load_policy_pack
from ..stack_config.project import load_project

__all__ = [
    "AnalysisResult",
    "Capture",
    "CapturedResource",
    "LoadedPack",
    "PreviewReport",
    "Violation",
    "analyze",
    "audit",
    "capture_program",
    "load_policy_pack",
    "run_preview",
]


def capture_program(
    cwd: Path | str,
    stack: str,
    *,
    unknowns: bool = False,
    config_overrides: Mapping[str, str] | None = None,
    isolate: bool = True,
    drop_aliases: bool = True,
    timeout: float | None = None,
) -> Capture:
    """Run the Pulumi program in ``cwd`` for ``stack`` in a process of its own; return every
    registration the monitor received.

    ``config_overrides`` (``ns:key -> str``) replace values of ``Pulumi.<stack>.yaml``. The
    program runs under its ``Pulumi.yaml`` virtualenv's interpreter when it names one (which must
    exist), else this one. ``timeout`` (seconds; default ``SOVEREIGN_PROGRAM_TIMEOUT`` or 600)
    stops a program that does not finish. ``isolate`` and ``drop_aliases`` are ignored (kept so
    existing callers keep working): isolation is the only mode, and the program's SDK handles its
    aliases itself.
    """
    from .engine.isolated import capture_isolated

    del isolate, drop_aliases
    project = load_project(Path(cwd), stack)
    return capture_isolated(project, unknowns=unknowns, config_overrides=config_overrides, timeout=timeout)


def analyze(
    resources: Any,
    pack: LoadedPack,
    policy_config: Mapping[str, Any] | Path | str | None = None,
    *,
    project: str = "project",
    stack: str = "stack",
    stack_config: Mapping[str, str] | None = None,
    deployed: bool = False,
) -> AnalysisResult:
    """Run ``pack`` over captured resources (Configure, Remediate+Analyze each, AnalyzeStack);
    ``deployed`` (recorded state): policies read the outputs overlaid with the inputs."""
    from .analysis.analyzer import analyze as _analyze

    return _analyze(list(resources), pack, policy_config, project=project, stack=stack,
                    stack_config=stack_config, deployed=deployed)


def run_preview(
    cwd: Path | str,
    stack: str,
    *,
    policy_pack: Path | str | None = None,
    policy_pack_config: Mapping[str, Any] | Path | str | None = None,
    unknowns: bool = False,
    isolate: bool = True,
    timeout: float | None = None,
) -> PreviewReport:
    """Capture, load the pack, analyse: everything ``sovereign preview`` reports.

    The program's process starts first, so its SDK imports and the program itself run while
    this process loads the pack and resolves the policy config (a config error still ends the
    run with exit 2, the program's process killed). ``isolate`` is ignored (always isolated).
    The report carries the pack, the effective level of every policy after
    ``policy_pack_config`` and the program directory, so SARIF lists every rule of any pack
    (built-in or external) at its effective level and points results at the stack file.
    """
    from .analysis.policy_config import resolve_policy_config
    from .engine.isolated import ProgramRun

    del isolate
    project = load_project(Path(cwd), stack)
    with ProgramRun(project, unknowns=unknowns, timeout=timeout) as run:
        pack = load_policy_pack(Path(policy_pack) if policy_pack is not None else None)
        resolve_policy_config(pack, policy_pack_config)  # config errors end the run here
        capture = run.result()
    return audit(
        capture.resources, pack, policy_pack_config, project=capture.project, stack=capture.stack,
        stack_config=capture.config, notes=list(capture.emulated), mode="preview",
        program_dir=Path(capture.program_dir), secret_keys=capture.secret_keys,
    )


def audit(
    resources: Sequence[CapturedResource],
    pack: LoadedPack,
    policy_pack_config: Mapping[str, Any] | Path | None,
    *,
    project: str,
    stack: str,
    stack_config: Mapping[str, str] | None,
    notes: list[str],
    mode: str,
    program_dir: Path | None = None,
    sarif_artifact: Path | None = None,
    secret_keys: Sequence[str] = (),
) -> PreviewReport:
    """Analyse resources (captured from a program, or read from a state file) and build the
    report both ``sovereign preview`` and ``sovereign check-state`` print: it carries the pack
    and the effective level of every policy after ``policy_pack_config``, so SARIF lists every
    rule of any pack at its effective level. A state audit (``mode="check-state"``) judges
    deployed truth: recorded outputs fill what the inputs do not state."""
    from .analysis.policy_config import resolve_policy_config

    resolved = resolve_policy_config(pack, policy_pack_config)
    result = analyze(resources, pack, policy_pack_config, project=project, stack=stack, stack_config=stack_config,
                     deployed=mode == "check-state")
    return PreviewReport(
        project=project,
        stack=stack,
        pack_name=pack.name,
        pack_version=pack.version,
        resources=list(resources),
        violations=result.violations,
        emulated=notes,
        remediations=list(result.remediations),
        mode=mode,
        pack=pack,
        policy_levels={name: s.enforcement_level for name, s in resolved.items()},
        program_dir=program_dir,
        sarif_artifact=sarif_artifact,
        stack_config=dict(stack_config or {}),
        secret_keys=list(secret_keys),
    )
