"""``sovereign preview``: run a Pulumi program offline under mocks and gate it with a policy pack.

Imports nothing heavy at module level (``sovereign --help`` stays fast); the engine, pulumi and
pulumi_policy load inside :func:`run`.
"""

from __future__ import annotations

import argparse
from pathlib import Path

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
    parser.add_argument("--output", type=Path, metavar="FILE", help="write the report to FILE instead of stdout")
    parser.add_argument("--strict", action="store_true",
                        help="also fail (exit 1) when a policy could not decide because a value was unknown")
    parser.add_argument("--unknowns", action="store_true",
                        help="preview-faithful mode: ids and computed outputs are unknown, as in `pulumi preview`")
    parser.add_argument("--isolate", action="store_true",
                        help="run the program in a fresh Python process (no pulumi runtime state shared "
                             "with this one; slower: the SDKs are imported again)")


def default_stack(cwd: Path) -> str:
    """The only ``Pulumi.<stack>.yaml`` in ``cwd``; several or none -> ask for --stack."""
    stacks = sorted(p.name[len("Pulumi."):-len(".yaml")] for p in Path(cwd).glob("Pulumi.*.yaml"))
    if len(stacks) == 1:
        return stacks[0]
    found = f" (found: {', '.join(stacks)})" if stacks else f" (no Pulumi.<stack>.yaml in {cwd})"
    raise UsageError(f"choose a stack with --stack NAME{found}")


def run(args: argparse.Namespace) -> int:
    from ..pipeline import run_preview
    from ..reports.formats import check_output_path, emit, renderer

    render = renderer(args.format)  # an unavailable format fails before the program runs
    if args.policy_pack_config is not None and not args.policy_pack_config.exists():
        raise UsageError(f"{args.policy_pack_config}: policy pack config file not found")
    if args.output is not None:
        check_output_path(args.output)
    stack = args.stack or default_stack(args.cwd)
    report = run_preview(
        args.cwd,
        stack,
        policy_pack=args.policy_pack,
        policy_pack_config=args.policy_pack_config,
        unknowns=args.unknowns,
        isolate=args.isolate,
    )
    emit(report, render(report), args.output)
    return report.exit_code(strict=args.strict)
