"""``sovereign preview``: run a Pulumi program offline under mocks and gate it with a policy pack.

Everything that can be checked without running the program is checked first (format, policy
config, the project and stack files, ``--output``), so a mistake costs no program run.

Imports nothing heavy at module level (``sovereign --help`` stays fast); the engine, pulumi and
pulumi_policy load inside :func:`run`.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ...errors import UsageError

HELP = "preview a Pulumi program offline (mocks, no credentials) and run the policy pack over it"

#: Accepted --format values (routed through sovereign_components.gate.reports.formats).
FORMAT_CHOICES = ("text", "json", "sarif")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--cwd", type=Path, default=Path("."), help="the Pulumi project directory (default: .)")
    parser.add_argument("--stack", help="stack name: reads Pulumi.<stack>.yaml (default: the only stack file)")
    parser.add_argument("--policy-pack", type=Path, metavar="DIR",
                        help="a Python CrossGuard pack directory (default: this project's built-in pack)")
    parser.add_argument("--policy-pack-config", type=Path, metavar="FILE",
                        help="policy config JSON, as for `pulumi preview --policy-pack-config`")
    parser.add_argument("--format", choices=FORMAT_CHOICES, default="text", help="report format (default: text)")
    parser.add_argument("--output", type=Path, metavar="FILE",
                        help="write the report to FILE instead of stdout (atomically; never onto an input of the run)")
    parser.add_argument("--strict", action="store_true",
                        help="also fail (exit 1) when an advisory policy could not decide because a value was unknown")
    parser.add_argument("--allow-undecided", action="store_true",
                        help="accept results a mandatory policy could not decide because a value is unknown "
                             "offline (by default they fail the run: exit 1); they stay in the report")
    parser.add_argument("--unknowns", action="store_true",
                        help="preview-faithful mode: ids and computed outputs are unknown, as in `pulumi preview`")
    parser.add_argument("--isolate", action="store_true",
                        help="accepted so existing scripts keep working: the program runs in a process of its "
                             "own, isolated from the gate (isolation is the only mode)")


def default_stack(cwd: Path) -> str:
    """The only ``Pulumi.<stack>.yaml`` of the project in ``cwd`` (in its ``stackConfigDir``
    when set); several or none -> ask for --stack."""
    from ...stack_config.project import stack_names

    stacks = stack_names(cwd)
    if len(stacks) == 1:
        return stacks[0]
    found = f" (found: {', '.join(stacks)})" if stacks else f" (no Pulumi.<stack>.yaml in {cwd})"
    raise UsageError(f"choose a stack with --stack NAME{found}")


def run_inputs(args: argparse.Namespace, project: Any) -> Any:
    """What this preview reads, so ``--output`` can never overwrite it."""
    from ..reports.formats import RunInputs

    main = Path(project.main)
    return RunInputs.of(
        files=[*project.input_files, args.policy_pack_config, main if main.is_file() else None],
        trees=[args.policy_pack, project.virtualenv],
        sources=[main if main.is_dir() else main.parent],
    )


def run(args: argparse.Namespace) -> int:
    from ...stack_config.project import load_project
    from ..pipeline import run_preview
    from ..reports.formats import check_output_path, emit, renderer

    render = renderer(args.format)  # an unavailable format fails before the program runs
    if args.policy_pack_config is not None and not args.policy_pack_config.exists():
        raise UsageError(f"{args.policy_pack_config}: policy pack config file not found")
    stack = args.stack or default_stack(args.cwd)
    project = load_project(args.cwd, stack)  # project and stack file errors before anything runs
    if args.output is not None:
        check_output_path(args.output, run_inputs(args, project))
    report = run_preview(
        args.cwd,
        stack,
        policy_pack=args.policy_pack,
        policy_pack_config=args.policy_pack_config,
        unknowns=args.unknowns,
    )  # --isolate changes nothing: every program runs in a process of its own
    emit(report, render(report), args.output)
    return report.exit_code(strict=args.strict, allow_undecided=args.allow_undecided)
