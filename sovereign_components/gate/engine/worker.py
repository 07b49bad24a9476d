"""Subprocess entry point: capture a program under *this* interpreter and write it as JSON.

Used when the program's ``Pulumi.yaml`` names a virtualenv other than the running one; the
parent process analyses the capture. The JSON goes to ``--out`` (stdout belongs to the
program); an error is written as ``{"error": "<message>"}`` so the parent can report it as one
line naming what failed.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ...errors import SovereignError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="sovereign-preview-worker")
    parser.add_argument("--cwd", required=True, type=Path)
    parser.add_argument("--stack", required=True)
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--unknowns", action="store_true")
    parser.add_argument("--keep-aliases", action="store_true", help="do not drop opts.aliases (aliases.py)")
    parser.add_argument("--config", action="append", default=[], help="ns:key=value override")
    args = parser.parse_args(argv)
    from ...stack_config.project import load_project
    from .runner import capture_in_process

    overrides = dict(item.split("=", 1) for item in args.config)
    try:
        capture = capture_in_process(load_project(args.cwd, args.stack), unknowns=args.unknowns,
                                     config_overrides=overrides, drop_aliases=not args.keep_aliases)
        payload = capture.to_dict()
        code = 0
    except SovereignError as exc:
        payload, code = {"error": str(exc)}, 2
    args.out.write_text(json.dumps(payload), encoding="utf-8")
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
