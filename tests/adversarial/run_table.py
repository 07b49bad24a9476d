"""Print the results table of both suites (program | class | expected | exit | cause), and the
list of programs the gate gets wrong, grouped by class.

    .venv/bin/python -m tests.adversarial.run_table [adversarial|corpus|all] [-k SUBSTRING]

(run from the repository root; ``SOVEREIGN_SUITE_JOBS`` sets the parallelism).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict

from . import harness


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.adversarial.run_table")
    parser.add_argument("suite", nargs="?", default="all", choices=["adversarial", "corpus", "all"])
    parser.add_argument("-k", dest="substring", default="", help="only programs whose name contains this")
    args = parser.parse_args(argv)
    suites = {"adversarial": (harness.ADVERSARIAL, "1 or 2"), "corpus": (harness.CORPUS, "0")}
    chosen = list(suites) if args.suite == "all" else [args.suite]
    runner = harness.Runner()
    wrong: dict[str, list[str]] = defaultdict(list)
    start = time.monotonic()
    for suite in chosen:
        root, expected = suites[suite]
        programs = [p for p in harness.discover(root) if args.substring in p.name]
        runner.submit(programs)
        runs = [runner.result(p) for p in programs]
        print(f"\n## {suite} ({len(runs)} programs)\n")
        print(harness.table(runs, expected))
        for r in runs:
            problem = (harness.judge_blocked if suite == "adversarial" else harness.judge_passed)(r)
            if problem is not None:
                first = problem.splitlines()[0]
                wrong[f"{suite}: {r.program.klass}"].append(
                    f"{r.program.name} (exit {r.exit_code}): {r.cause()} — {first}")
    print(f"\n## wrong verdicts ({sum(map(len, wrong.values()))})\n")
    for klass in sorted(wrong):
        print(f"- {klass}")
        for line in wrong[klass]:
            print(f"  - {line}")
    print(f"\n({time.monotonic() - start:.0f} s, {runner._jobs} jobs)", file=sys.stderr)
    runner.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
