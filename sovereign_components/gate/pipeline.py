"""Public API of the offline preview engine (the names other modules and tests call).

    capture = capture_program(cwd, stack, unknowns=False, config_overrides=None, isolate=False,
                              drop_aliases=True)
    pack = load_policy_pack(path_or_None)
    result = analyze(capture.resources, pack, policy_config, project=..., stack=...)
    report = run_preview(cwd, stack, policy_pack=None, policy_pack_config=None, unknowns=False,
                         isolate=False)
    figures = measure_isolation(cwd, stack, runs=3)   # in isolation.py: in-process vs subprocess

This is a preview *without providers*: resources are registered under pulumi's mocks, the
azure-native provider's ``Check`` does not run (its ``location`` default is emulated and
listed), invokes are answered with placeholders (listed), and no cloud is contacted.
"""

from __future__ import annotations

import sys
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
    isolate: bool = False,
    drop_aliases: bool = True,
) -> Capture:
    """Run the Pulumi program in ``cwd`` for ``stack`` under mocks; return every registration.

    ``config_overrides`` (``ns:key -> str``) replace values of ``Pulumi.<stack>.yaml``.
    ``drop_aliases`` (default on) registers resources without their ``opts.aliases`` — ~8x less
    registration time for azure-native, nothing captured changes — and records the alias URNs
    in ``CapturedResource.aliases`` (see ``aliases.py``); off = the SDK's own alias handling.
    Runs in-process (the runtime's global state reset for the run) unless ``Pulumi.yaml``
    names a virtualenv other than the running one, or ``isolate`` asks for a subprocess under
    this interpreter (a fresh runtime; ~2.5 s of imports more, see ``isolation.py``).
    """
    from .engine import runner

    project = load_project(Path(cwd), stack)
    if project.virtualenv is not None and not runner.is_current_venv(project.virtualenv):
        return runner.capture_in_subprocess(project, unknowns=unknowns, config_overrides=config_overrides,
                                            drop_aliases=drop_aliases)
    if isolate:
        return runner.capture_in_subprocess(project, unknowns=unknowns, config_overrides=config_overrides,
                                            python=Path(sys.executable), drop_aliases=drop_aliases)
    return runner.capture_in_process(project, unknowns=unknowns, config_overrides=config_overrides,
                                     drop_aliases=drop_aliases)


def analyze(
    resources: Any,
    pack: LoadedPack,
    policy_config: Mapping[str, Any] | Path | str | None = None,
    *,
    project: str = "project",
    stack: str = "stack",
    stack_config: Mapping[str, str] | None = None,
) -> AnalysisResult:
    """Run ``pack`` over captured resources (Configure, Remediate+Analyze each, AnalyzeStack)."""
    from .analysis.analyzer import analyze as _analyze

    return _analyze(list(resources), pack, policy_config, project=project, stack=stack,
                    stack_config=stack_config)


def run_preview(
    cwd: Path | str,
    stack: str,
    *,
    policy_pack: Path | str | None = None,
    policy_pack_config: Mapping[str, Any] | Path | str | None = None,
    unknowns: bool = False,
    isolate: bool = False,
) -> PreviewReport:
    """Capture, load the pack, analyse: everything ``sovereign preview`` reports.

    ``isolate`` captures in a subprocess (see :func:`capture_program`); analysis stays here.
    The report carries the pack, the effective level of every policy after
    ``policy_pack_config`` and the program directory, so SARIF lists every rule of any pack
    (built-in or external) at its effective level and points results at the stack file.
    """
    from .analysis.policy_config import resolve_policy_config

    pack = load_policy_pack(Path(policy_pack) if policy_pack is not None else None)
    resolve_policy_config(pack, policy_pack_config)  # config errors before running the program
    capture = capture_program(cwd, stack, unknowns=unknowns, isolate=isolate)
    return audit(
        capture.resources, pack, policy_pack_config, project=capture.project, stack=capture.stack,
        stack_config=capture.config, notes=list(capture.emulated), mode="preview",
        program_dir=Path(capture.program_dir),
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
) -> PreviewReport:
    """Analyse resources (captured from a program, or read from a state file) and build the
    report both ``sovereign preview`` and ``sovereign check-state`` print: it carries the pack
    and the effective level of every policy after ``policy_pack_config``, so SARIF lists every
    rule of any pack at its effective level."""
    from .analysis.policy_config import resolve_policy_config

    resolved = resolve_policy_config(pack, policy_pack_config)
    result = analyze(resources, pack, policy_pack_config, project=project, stack=stack, stack_config=stack_config)
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
    )
