"""Run Pulumi programs through the ``sovereign preview`` CLI, in parallel, and read the verdict.

Shared by the adversarial suite (``tests/adversarial``: every program must end in exit 1 or 2)
and the honest corpus (``tests/corpus``: every program must end in exit 0 with no mandatory
violation). Each program is a directory with ``Pulumi.yaml``, ``Pulumi.<stack>.yaml`` and
``__main__.py``; what it expects is written in the module docstring of its ``__main__.py``,
next to the code it describes, as ``Key: value`` lines:

``Class:``     the attack class or real-world style (groups the results table)
``Issue:``     the issue "Why" bullet(s) it covers, e.g. ``12 escape hatches``
``Blame:``     comma-separated resource names; on exit 1 a *mandatory* violation must name one
               of them (its URN ends in ``::<name>``) — a block for another reason is not a block
``Mentions:``  ``;``-separated strings the gate's verdict must contain (adversarial: stderr or a
               mandatory violation's message/URN; corpus: anything the gate printed or
               reported) — the cause, a stack or token name
``Stack:``     the stack to preview (default ``dev``)
``Limitation:`` ``docs/<page>.md#<anchor>`` — the program is not winnable offline and is judged as
               a *documented limitation*: its test asserts the gate's actual verdict (``Verdict:``)
               and that the page has the anchor and that the paragraph under it names the program,
               so the test fails if either the verdict or the documentation changes
``Verdict:``   with ``Limitation:``, the exit code the gate gives today (``exit 0``)

The gate runs as a user runs it: a subprocess of the installed CLI, the repository as cwd,
the JSON report written to a file (``--output``) so that anything the program prints cannot
corrupt it. Only the exit code is the verdict; the report is read to check *why*.

Programs run in a thread pool of subprocesses (``SOVEREIGN_SUITE_JOBS``, default: the number
of cores) and only the programs the pytest session selected are run.
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
ADVERSARIAL = REPO / "tests" / "adversarial"
CORPUS = REPO / "tests" / "corpus"
#: EU boundary on every boundary-aware policy and no allow-listed external endpoint: the
#: strictest operator config (``python -m sovereign_components.policies.configs EU``).
EU_CONFIG = ADVERSARIAL / "config.eu.json"
POLICY_PACK = REPO / "policy"
#: A run longer than this is a hung gate (a program takes 1-15 s on a loaded 2-core machine).
TIMEOUT_S = 180.0

_KEY = re.compile(r"^(Class|Issue|Blame|Mentions|Stack|Style|Limitation|Verdict):\s*(.+?)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Program:
    """One Pulumi project of a suite and what its docstring says to expect."""

    path: Path
    summary: str
    klass: str
    issue: str = ""
    blame: tuple[str, ...] = ()
    mentions: tuple[str, ...] = ()
    stack: str = "dev"
    config: Path = EU_CONFIG
    #: ``docs/<page>.md#<anchor>`` of a documented limitation ('' for a winnable program)
    limitation: str = ""
    #: with :attr:`limitation`, the exit code the gate is expected to give
    verdict: int | None = None

    @property
    def name(self) -> str:
        return self.path.name

    def __str__(self) -> str:  # pytest ids
        return self.name


def load_program(path: Path, config: Path = EU_CONFIG) -> Program:
    """Read ``path/__main__.py``'s docstring into a :class:`Program` (errors name the file)."""
    main = path / "__main__.py"
    doc = ast.get_docstring(ast.parse(main.read_text(encoding="utf-8"), filename=str(main)))
    if not doc:
        raise ValueError(f"{main}: a suite program must say in its docstring what it does and why")
    keys: dict[str, str] = {k: v for k, v in _KEY.findall(doc)}
    if "Class" not in keys and "Style" not in keys:
        raise ValueError(f"{main}: docstring has no 'Class:' (adversarial) or 'Style:' (corpus) line")
    return Program(
        path=path,
        summary=doc.splitlines()[0].strip(),
        klass=keys.get("Class") or keys["Style"],
        issue=keys.get("Issue", ""),
        blame=tuple(b.strip() for b in keys.get("Blame", "").split(",") if b.strip()),
        mentions=tuple(m.strip() for m in keys.get("Mentions", "").split(";") if m.strip()),
        stack=keys.get("Stack", "dev"),
        config=config,
        limitation=keys.get("Limitation", ""),
        verdict=_verdict(main, keys),
    )


def _verdict(main: Path, keys: dict[str, str]) -> int | None:
    """``Verdict: exit N`` as N; a limitation without a verdict is an error naming the file."""
    text = keys.get("Verdict")
    if text is None:
        if "Limitation" in keys:
            raise ValueError(f"{main}: a 'Limitation:' program must state the gate's 'Verdict: exit N'")
        return None
    match = re.fullmatch(r"exit\s+([0-2])", text)
    if match is None:
        raise ValueError(f"{main}: 'Verdict: {text}' is not 'exit 0', 'exit 1' or 'exit 2'")
    return int(match.group(1))


def discover(root: Path, config: Path = EU_CONFIG) -> list[Program]:
    """Every ``root/programs/<name>/`` with a ``Pulumi.yaml``, sorted by name."""
    return [load_program(d, config) for d in sorted((root / "programs").iterdir())
            if (d / "Pulumi.yaml").is_file()]


@dataclass
class GateRun:
    """What one ``sovereign preview`` run produced."""

    program: Program
    exit_code: int | None  # None = killed by the harness timeout
    stdout: str
    stderr: str
    report: dict[str, Any] | None = None
    report_error: str = ""

    @property
    def violations(self) -> list[dict[str, Any]]:
        return list((self.report or {}).get("violations") or [])

    @property
    def mandatory(self) -> list[dict[str, Any]]:
        """Results that block the run: mandatory violations, and undecided results of mandatory
        policies (the gate fails closed on those unless --allow-undecided)."""
        return [v for v in self.violations if v.get("enforcementLevel") == "mandatory"
                or (v.get("undecided") and v.get("policyEnforcementLevel") == "mandatory")]

    @property
    def text(self) -> str:
        """Everything the gate said: stderr, stdout and every violation's policy, URN, message."""
        parts = [self.stderr, self.stdout]
        for v in self.violations:
            parts.append(f"{v.get('policy')} {v.get('urn')} {v.get('message')}")
        if self.report:
            parts.extend(str(e) for e in self.report.get("emulated") or [])
        return "\n".join(parts)

    @property
    def verdict_text(self) -> str:
        """What blocked the run: stderr and the *mandatory* violations (an advisory note that
        happens to name the cause is not a block)."""
        parts = [self.stderr]
        for v in self.mandatory:
            parts.append(f"{v.get('policy')} {v.get('urn')} {v.get('message')}")
        if self.report and any(v.get("undecided") for v in self.mandatory):
            # an undecided block says why in the emulated notes (which secret, stack, invoke)
            parts.extend(str(e) for e in self.report.get("emulated") or [])
        return "\n".join(parts)

    @property
    def has_traceback(self) -> bool:
        return "Traceback (most recent call last)" in self.stderr + self.stdout

    @property
    def blames_suite_config(self) -> bool:
        """Exit 2 because the suite's own policy config no longer fits the pack (then every
        adversarial program would 'pass' for a reason that has nothing to do with it)."""
        return self.exit_code == 2 and EU_CONFIG.name in self.stderr

    def mandatory_names(self) -> list[str]:
        """The resource name at the end of each mandatory violation's URN ('' for stack-level)."""
        return [str(v.get("urn") or "").rsplit("::", 1)[-1] for v in self.mandatory]

    def names_any(self, names: Iterable[str]) -> bool:
        """Some mandatory violation names one of ``names`` (its URN's name, or the name quoted in
        the message for findings reported on another resource, e.g. an expanded template)."""
        wanted = set(names)
        for v in self.mandatory:
            urn_name = str(v.get("urn") or "").rsplit("::", 1)[-1]
            if urn_name in wanted:
                return True
            msg = str(v.get("message") or "")
            if any(re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", msg) for n in wanted):
                return True
        return False

    def cause(self) -> str:
        """One line: why the gate decided what it decided (for tables and failure messages)."""
        if self.exit_code is None:
            return f"killed after {TIMEOUT_S:.0f} s"
        if self.exit_code == 2 or self.report is None:
            lines = [ln.strip() for ln in self.stderr.splitlines() if ln.strip()]
            err = [ln for ln in lines if "error" in ln.lower()] or lines[-1:]
            return (err[-1] if err else self.report_error or "no output")[:220]
        if self.mandatory:
            first = self.mandatory[0]
            name = str(first.get("urn") or "").rsplit("::", 1)[-1]
            more = f" (+{len(self.mandatory) - 1} more)" if len(self.mandatory) > 1 else ""
            return f"{first.get('policy')} on {name or 'stack'}{more}"
        s = (self.report or {}).get("summary") or {}
        return f"no mandatory violation ({s.get('advisory', 0)} advisory, {s.get('undecided', 0)} undecided)"


def sovereign_command() -> list[str]:
    """The installed ``sovereign`` console script of the running venv, as a user calls it."""
    script = Path(sys.executable).with_name("sovereign")
    return [str(script)] if script.exists() else [sys.executable, "-m", "sovereign_components"]


def child_env() -> dict[str, str]:
    """The gate's environment: this one without a Pulumi engine/CI context (``PULUMI_CONFIG``
    would be read as the program's config) or pytest's per-test variable, and without
    bytecode written into the program directories. Call it on the main thread: pytest
    rewrites ``os.environ`` between tests, and iterating it from a worker thread races."""
    env = {k: v for k, v in os.environ.copy().items()
           if not k.startswith(("PULUMI_", "PYTEST_")) and k != "TRACEPARENT"}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def run_gate(program: Program, extra_args: Iterable[str] = (), env: dict[str, str] | None = None) -> GateRun:
    """``sovereign preview --cwd <program> --stack <stack> --policy-pack policy
    --policy-pack-config <config> --format json --output <tmp>`` from the repository root."""
    with tempfile.TemporaryDirectory(prefix="sov-suite-") as tmp:
        out = Path(tmp) / "report.json"
        cmd = [*sovereign_command(), "preview", "--cwd", str(program.path), "--stack", program.stack,
               "--policy-pack", str(POLICY_PACK), "--policy-pack-config", str(program.config),
               "--format", "json", "--output", str(out), *extra_args]
        try:
            proc = subprocess.run(cmd, cwd=REPO, env=env if env is not None else child_env(),
                                  capture_output=True, text=True, timeout=TIMEOUT_S, stdin=subprocess.DEVNULL)
            code: int | None = proc.returncode
            stdout, stderr = proc.stdout, proc.stderr
        except subprocess.TimeoutExpired as exc:
            code = None
            stdout = exc.stdout.decode(errors="replace") if isinstance(exc.stdout, bytes) else (exc.stdout or "")
            stderr = exc.stderr.decode(errors="replace") if isinstance(exc.stderr, bytes) else (exc.stderr or "")
        run = GateRun(program, code, stdout, stderr)
        if out.is_file():
            try:
                run.report = json.loads(out.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                run.report_error = f"report unreadable: {exc}"
        return run


class Runner:
    """Runs programs in a pool of subprocesses once per session; results by program path."""

    def __init__(self, jobs: int | None = None) -> None:
        self._jobs = jobs or int(os.environ.get("SOVEREIGN_SUITE_JOBS", "0")) or (os.cpu_count() or 2)
        self._pool = ThreadPoolExecutor(max_workers=self._jobs, thread_name_prefix="sov-suite")
        self._futures: dict[Path, Future[GateRun]] = {}
        self._lock = threading.Lock()
        self._env = child_env()  # snapshot on the creating (main) thread

    def submit(self, programs: Iterable[Program]) -> None:
        with self._lock:
            for p in programs:
                if p.path not in self._futures:
                    self._futures[p.path] = self._pool.submit(run_gate, p, (), self._env)

    def result(self, program: Program) -> GateRun:
        self.submit([program])
        return self._futures[program.path].result()

    def shutdown(self) -> None:
        global _RUNNER
        self._pool.shutdown(wait=False, cancel_futures=True)
        if _RUNNER is self:
            _RUNNER = None


_RUNNER: Runner | None = None


def session_runner(request: Any) -> Runner:
    """The session's runner, with every program parametrised into the selected tests queued
    (so the pool works on all of them while the first test waits for its own). Pending runs
    are cancelled when the pytest session ends (e.g. after ``-x``), not waited for."""
    global _RUNNER
    if _RUNNER is None:
        _RUNNER = Runner()
        request.config.add_cleanup(_RUNNER.shutdown)
    selected = []
    for item in request.session.items:
        callspec = getattr(item, "callspec", None)
        program = callspec.params.get("program") if callspec is not None else None
        if isinstance(program, Program):
            selected.append(program)
    _RUNNER.submit(selected)
    return _RUNNER


def table(runs: Iterable[GateRun], expected: str) -> str:
    """A Markdown table: program | class | expected | actual exit | cause."""
    rows = ["| program | class | expected | exit | cause |", "|---|---|---|---|---|"]
    for r in runs:
        exit_text = "timeout" if r.exit_code is None else str(r.exit_code)
        cause = r.cause().replace("|", "\\|")
        wanted = f"{r.program.verdict} (documented limitation)" if r.program.limitation else expected
        rows.append(f"| {r.program.name} | {r.program.klass} | {wanted} | {exit_text} | {cause} |")
    return "\n".join(rows)


def judge_blocked(run: GateRun) -> str | None:
    """``None`` if an adversarial program was blocked for its own reason, else why not (a
    documented limitation is judged by :func:`judge_limitation`, so tables show it right)."""
    if run.program.limitation:
        return judge_limitation(run)
    if run.exit_code is None:
        return "the gate hung"
    if run.has_traceback:
        return "a traceback is not a verdict:\n" + run.stderr[-2000:]
    if run.blames_suite_config:
        return "the suite's config.eu.json is stale (regenerate it):\n" + run.stderr
    if run.exit_code not in (1, 2):
        return f"must be blocked (exit 1 or 2), got exit {run.exit_code}"
    blame = run.program.blame
    if run.exit_code == 1 and blame and not run.names_any(blame):
        named = ", ".join(sorted(set(run.mandatory_names()))) or "nothing"
        return f"blocked, but no mandatory violation names {', '.join(blame)} (it named: {named})"
    text = run.verdict_text.lower()
    missing = [m for m in run.program.mentions if m.lower() not in text]
    if missing:
        return f"blocked, but the verdict never mentions {missing} (the cause)"
    return None


def _anchor_paragraph(page: Path, anchor: str) -> str | None:
    """The text of ``page`` from the anchor (``<a id="anchor">`` or a heading whose GitHub slug
    is ``anchor``) to the next blank-line-separated list item or heading, or None if absent."""
    lines = page.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        slug = re.sub(r"[^\w\- ]", "", line.lstrip("#").strip().lower()).replace(" ", "-")
        if f'id="{anchor}"' in line or (line.startswith("#") and slug == anchor):
            end = i + 1
            while end < len(lines) and not re.match(r"^(#|\* |- )", lines[end]):
                end += 1
            return "\n".join(lines[i:end])
    return None


def judge_limitation(run: GateRun) -> str | None:
    """``None`` if a documented-limitation program got its stated verdict and the page still
    documents it (the anchor exists and its paragraph names the program), else why not."""
    program = run.program
    page_name, _, anchor = program.limitation.partition("#")
    page = REPO / page_name
    if not anchor or not page.is_file():
        return f"'Limitation: {program.limitation}' names no page#anchor of the repository"
    paragraph = _anchor_paragraph(page, anchor)
    if paragraph is None:
        return f"{page_name} has no anchor '{anchor}': the limitation is no longer documented"
    if program.name not in paragraph:
        return f"{page_name}#{anchor} does not name {program.name}: the limitation is no longer documented"
    if run.exit_code is None:
        return "the gate hung"
    if run.has_traceback:
        return "a traceback is not a verdict:\n" + run.stderr[-2000:]
    if run.exit_code != program.verdict:
        return (f"the documented verdict is exit {program.verdict}, the gate gave exit {run.exit_code} "
                f"({run.cause()}): update the program's docstring and {page_name}#{anchor}")
    if run.exit_code == 0 and run.report is None:
        return f"exit 0 without a report is not a judgement ({run.report_error or 'no report written'})"
    return None


def judge_passed(run: GateRun) -> str | None:
    """``None`` if an honest program passed with a complete judgement, else why not."""
    if run.exit_code is None:
        return "the gate hung"
    if run.has_traceback:
        return "a traceback is not a verdict:\n" + run.stderr[-2000:]
    if run.exit_code != 0:
        findings = "\n".join(f"    - {v.get('policy')} on {str(v.get('urn')).rsplit('::', 1)[-1]}: "
                             f"{str(v.get('message')).splitlines()[-1]}" for v in run.mandatory)
        err = f"\n  stderr: {run.stderr.strip()[-1500:]}" if run.exit_code == 2 else ""
        return f"an honest program must pass, got exit {run.exit_code}:\n{findings}{err}"
    if run.report is None:
        return f"exit 0 without a report is not a judgement ({run.report_error or 'no report written'})"
    if run.mandatory:
        return "exit 0 but mandatory violations were reported"
    if int((run.report.get("summary") or {}).get("resources", 0)) < 2:
        return "the gate saw (almost) nothing"
    text = run.text.lower()
    missing = [m for m in run.program.mentions if m.lower() not in text]
    if missing:
        return f"the gate's output never mentions {missing}"
    return None
