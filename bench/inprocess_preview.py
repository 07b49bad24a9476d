"""``python -m bench.inprocess_preview``: the in-process reference for ``sovereign preview``.

What the gate did before every program ran isolated (issue 13), kept as the bench's reference:
one process imports the SDKs, runs the program against the emulation in-process (with the
alias drop and the linear ``wait_for_rpcs``, ``engine/inprocess.py``), loads the pack, analyses
and renders the JSON report. ``make bench`` times it in a fresh process next to the isolated CLI
(``sovereign preview``), same program, same pack and config, so the ratio of the two is the
price of isolation. Never a gate: it runs the program in its own process.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.inprocess_preview")
    parser.add_argument("--cwd", type=Path, required=True)
    parser.add_argument("--stack", required=True)
    parser.add_argument("--policy-pack", type=Path)
    parser.add_argument("--policy-pack-config", type=Path)
    args = parser.parse_args(argv)
    from sovereign_components.gate.engine.inprocess import capture_in_process
    from sovereign_components.gate.pipeline import audit, load_policy_pack
    from sovereign_components.gate.reports.json_report import render_json
    from sovereign_components.stack_config.project import load_project

    pack = load_policy_pack(args.policy_pack)
    capture = capture_in_process(load_project(args.cwd, args.stack))
    report = audit(capture.resources, pack, args.policy_pack_config, project=capture.project, stack=capture.stack,
                   stack_config=capture.config, notes=list(capture.emulated), mode="preview",
                   program_dir=capture.program_dir)
    render_json(report)
    return report.exit_code()


if __name__ == "__main__":
    sys.exit(main())
