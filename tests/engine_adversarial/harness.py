"""Run the engine's adversarial and honest programs through the ``sovereign preview`` CLI.

Each program is a tiny Pulumi project (``programs/<name>/``: ``Pulumi.yaml``,
``Pulumi.<stack>.yaml``, ``__main__.py``) whose ``__main__.py`` docstring says what it attempts
and what the gate must answer, as ``Key: value`` lines:

``Why:``      the issue-13 "Why" bullet it covers (isolation, transforms, provider defaults,
              invokes, outputs, wire truth)
``Expect:``   ``blocked`` (exit 1 naming ``Blame``, or exit 2), ``violation`` (exit 1 naming
              ``Blame``), ``error`` (exit 2), ``withheld`` (never a clean pass: exit 1 or 2,
              or exit 0 with an undecided policy result that ``--strict`` turns into exit 1 —
              for values offline cannot know, which the pack may refuse or leave undecided)
              or ``pass`` (exit 0, no mandatory violation)
``Blame:``    resource names a mandatory violation must name (``,``-separated)
``Mentions:`` strings (``;``-separated) the gate must say: on stderr for an error, else in the
              report's violations or its "emulated" list
``Flags:``    extra CLI flags (e.g. ``--unknowns``); ``Env:`` ``NAME=value`` pairs for the run
``Stack:``    the stack (default ``dev``)

The CLI runs in this process (``sovereign_components.gate.cli.main``, as the console script
does); the *program* runs in a process of its own, as every program the gate runs. The policy
config is the pack's own strictest EU config (``policy_config("EU")``: no allow-listed external
endpoint), written once per session.
"""

from __future__ import annotations

import ast
import contextlib
import io
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PROGRAMS = HERE / "programs"
EXPECTATIONS = frozenset({"blocked", "violation", "error", "withheld", "pass"})
_KEY = re.compile(r"^(Why|Expect|Blame|Mentions|Flags|Env|Stack):\s*(.+?)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Program:
    path: Path
    summary: str
    why: str
    expect: str
    blame: tuple[str, ...] = ()
    mentions: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    env: tuple[tuple[str, str], ...] = ()
    stack: str = "dev"

    @property
    def name(self) -> str:
        return self.path.name

    def __str__(self) -> str:
        return self.name


def load(path: Path) -> Program:
    main = path / "__main__.py"
    doc = ast.get_docstring(ast.parse(main.read_text(encoding="utf-8"), filename=str(main))) or ""
    keys = dict(_KEY.findall(doc))
    if keys.get("Expect") not in EXPECTATIONS or not keys.get("Why"):
        raise ValueError(f"{main}: the docstring must say 'Why:' and 'Expect:' ({', '.join(sorted(EXPECTATIONS))})")
    split = (lambda text, sep: tuple(p.strip() for p in text.split(sep) if p.strip()))
    return Program(
        path=path, summary=doc.splitlines()[0], why=keys["Why"], expect=keys["Expect"],
        blame=split(keys.get("Blame", ""), ","), mentions=split(keys.get("Mentions", ""), ";"),
        flags=tuple(keys.get("Flags", "").split()),
        env=tuple(tuple(p.split("=", 1)) for p in keys.get("Env", "").split() if "=" in p),  # type: ignore[misc]
        stack=keys.get("Stack", "dev"),
    )


def discover() -> list[Program]:
    return [load(d) for d in sorted(PROGRAMS.iterdir()) if (d / "Pulumi.yaml").is_file()]


@dataclass
class Run:
    program: Program
    code: int
    stderr: str
    report: dict[str, Any] | None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def mandatory(self) -> list[dict[str, Any]]:
        return [v for v in (self.report or {}).get("violations", []) if v["enforcementLevel"] == "mandatory"]

    def mandatory_names(self) -> set[str]:
        return {str(v["urn"]).rsplit("::", 1)[-1] for v in self.mandatory}

    @property
    def said(self) -> str:
        parts = [self.stderr]
        for v in (self.report or {}).get("violations", []):
            parts.append(f"{v['policy']} {v['urn']} {v['message']}")
        parts.extend((self.report or {}).get("emulated", []))
        return "\n".join(parts)


def run(program: Program, config: Path, tmp: Path, *extra: str) -> Run:
    from sovereign_components.gate.cli import main

    out = tmp / f"{program.name}.json"
    out.unlink(missing_ok=True)
    argv = ["preview", "--cwd", str(program.path), "--stack", program.stack, "--policy-pack-config", str(config),
            "--format", "json", "--output", str(out), *program.flags, *extra]
    err = io.StringIO()
    saved = {k: os.environ.get(k) for k, _ in program.env}
    os.environ.update(dict(program.env))
    try:
        with contextlib.redirect_stderr(err):
            code = main(argv)
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    report = json.loads(out.read_text(encoding="utf-8")) if out.is_file() else None
    return Run(program, code, err.getvalue(), report)


def judge(result: Run) -> str | None:
    """``None`` when the gate answered as the program's docstring says, else why not."""
    p, code = result.program, result.code
    def names_blame() -> bool:
        return not p.blame or bool(result.mandatory_names() & set(p.blame))
    def mentions() -> list[str]:
        return [m for m in p.mentions if m not in result.said]
    if p.expect == "pass":
        if code != 0 or result.mandatory:
            return f"an honest program must pass: exit {code}; {result.stderr.strip()[:300]} {result.mandatory[:2]}"
    elif p.expect == "error":
        if code != 2:
            return f"must end in exit 2, got {code}"
        gate = [line for line in result.stderr.splitlines() if line.startswith("sovereign preview:")]
        if len(gate) != 1 or not result.stderr.rstrip().endswith(gate[0]):
            return f"exit 2 must end with one message of the gate (the program's own output comes before): {gate}"
    elif p.expect == "violation":
        if code != 1:
            return f"must end in exit 1 (a mandatory violation), got {code}: {result.stderr.strip()[:300]}"
        if not names_blame():
            return f"no mandatory violation names {p.blame}; got {sorted(result.mandatory_names())}"
    elif p.expect == "blocked":
        if code not in (1, 2):
            return f"must be blocked (exit 1 or 2), got {code}"
        if code == 1 and not names_blame():
            return f"blocked, but no mandatory violation names {p.blame}; got {sorted(result.mandatory_names())}"
    elif p.expect == "withheld":
        undecided = (result.report or {}).get("summary", {}).get("undecided", 0)
        if code not in (1, 2) and not (code == 0 and undecided):
            return f"must not pass cleanly (exit 1/2, or undecided), got exit {code}, {undecided} undecided"
    missing = mentions()
    if missing:
        return f"the gate never said {missing}"
    return None
