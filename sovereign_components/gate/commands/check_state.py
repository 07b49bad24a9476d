"""``sovereign check-state FILE``: run the policy pack over deployed (or previewed) state.

An audit of what is deployed without a fresh preview (pulumi-policy#253): FILE is a
``pulumi stack export`` (``version: 3``) or ``pulumi preview --json`` output. The resources go
through the same analyzer path as ``sovereign preview`` — per-resource policies over each
custom resource, then stack policies over all of them — with the same report formats and
exit codes (0 clean; 1 a mandatory violation or an undecided mandatory policy (``--allow-undecided``
accepts those; ``--strict`` also fails undecided advisory ones); 2 a bad
file, pack or config). Provider resources (``pulumi:providers:*``) and the root stack are
given to stack policies only — the engine's one rule, ``model.analysed_per_resource``, which
``preview`` follows too: a provider's ``location`` input is a default for other resources, not
a resource placed anywhere.

Module top imports nothing heavy (``sovereign --help`` stays fast); pulumi loads in ``run``.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ...errors import UsageError

HELP = "run the policy pack over a `pulumi stack export` or `pulumi preview --json` file"

FORMAT_CHOICES = ("text", "json", "sarif")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE",
                        help="`pulumi stack export` output (deployment version 3) or `pulumi preview --json` output")
    parser.add_argument("--policy-pack", type=Path, metavar="DIR", default=None,
                        help="a Python CrossGuard pack directory (default: the built-in sovereignty pack)")
    parser.add_argument("--policy-pack-config", type=Path, metavar="FILE", default=None,
                        help="policy config JSON, as `pulumi preview --policy-pack-config` takes")
    parser.add_argument("--format", choices=FORMAT_CHOICES, default="text", help="report format (default: text)")
    parser.add_argument("--output", type=Path, metavar="FILE", default=None,
                        help="write the report to FILE instead of stdout (atomically; never onto the state file, "
                             "the policy config or the pack)")
    parser.add_argument("--strict", action="store_true",
                        help="also fail (exit 1) when an advisory policy could not decide because a value was unknown")
    parser.add_argument("--allow-undecided", action="store_true",
                        help="accept results a mandatory policy could not decide because a value is unknown "
                             "offline (by default they fail the run: exit 1); they stay in the report")


def check_state(file: Path, *, policy_pack: Path | None = None, policy_pack_config: Path | None = None) -> Any:
    """Load FILE and the pack, analyse, and return the ``PreviewReport`` (raises SovereignError).

    The report also carries ``pack``, ``policy_levels`` and ``sarif_artifact`` (the state file)
    so ``--format sarif`` can list every rule and point results at the audited file.
    """
    from ..pipeline import audit, load_policy_pack
    from ..analysis.policy_config import resolve_policy_config
    from ..state import load_state

    if policy_pack_config is not None and not policy_pack_config.is_file():
        raise UsageError(f"{policy_pack_config}: policy pack config file not found")
    state = load_state(file)
    pack = load_policy_pack(policy_pack)
    resolve_policy_config(pack, policy_pack_config)  # config errors before analysis
    notes = [f"audited {state.kind} file {file} (no program ran; values are as recorded in the file)",
             *state.notes]
    return audit(
        state.resources, pack, policy_pack_config, project=state.project, stack=state.stack,
        stack_config=state.config, notes=notes, mode="check-state", sarif_artifact=Path(file),
    )


def run(args: argparse.Namespace) -> int:
    from ..reports.formats import RunInputs, check_output_path, emit, renderer

    render = renderer(args.format)
    if args.output is not None:
        inputs = RunInputs.of(files=[args.file, args.policy_pack_config], trees=[args.policy_pack])
        check_output_path(args.output, inputs)
    report = check_state(args.file, policy_pack=args.policy_pack, policy_pack_config=args.policy_pack_config)
    emit(report, render(report), args.output)
    return report.exit_code(strict=args.strict, allow_undecided=args.allow_undecided)
