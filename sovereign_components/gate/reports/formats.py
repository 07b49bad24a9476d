"""Report formats and where a report may be written.

``FORMATS``: name -> (module under sovereign_components.gate.reports, render function). A
table, so a format plugs in without touching the commands; each module is imported only when
its format is asked for (SARIF pulls in the pack metadata, text and JSON do not).

``--output`` safety (:func:`check_output_path`, :func:`emit`): a report must never destroy an
input of the run that produced it. ``sovereign preview --output Pulumi.eu.yaml`` used to
overwrite the stack file with the report; ``check-state S.json --output S.json`` the audited
state. So, before any work:

* the output path is resolved (symlinks, ``..``) and refused when it is an input of the run (the
  project and stack files, any ``Pulumi*.yaml`` settings file, the policy config, the state
  file, the program's Python sources, any file of the policy pack or of this package, which is
  the built-in pack) -- compared as resolved paths and, when both exist, as the same file;
* the directory must exist and accept a new file (a read-only directory is exit 2 at once,
  naming it, not after a preview that took seconds);

and the report is written atomically (:func:`sovereign_components.files.write_atomic`): a
temporary file in the same directory renamed into place, so a run killed mid-write leaves the
previous report, never a 0-byte or half file.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ...errors import UsageError
from ...files import check_writable_target, write_atomic
from ..model import PreviewReport

FORMATS: dict[str, tuple[str, str]] = {
    "text": ("text", "render_text"),
    "json": ("json_report", "render_json"),
    "sarif": ("sarif", "render_sarif"),
}

#: Pulumi's own settings files (project, stacks, policy packs, plugins): never a report.
PULUMI_SETTINGS_FILE = re.compile(r"^Pulumi[A-Za-z]*(\.[^/]*)?\.ya?ml$")
#: Suffixes of a program's source files under its ``main`` directory.
SOURCE_SUFFIXES = frozenset({".py", ".pyi"})


def renderer(fmt: str) -> Callable[[PreviewReport], str]:
    if fmt not in FORMATS:
        raise UsageError(f"unknown --format '{fmt}'; choose one of {', '.join(FORMATS)}")
    module_name, func_name = FORMATS[fmt]
    module = importlib.import_module(f"{__package__}.{module_name}")
    return getattr(module, func_name)


def _resolved(path: Path | str) -> Path:
    return Path(os.path.realpath(os.path.expanduser(str(path))))


def _same(a: Path, b: Path) -> bool:
    if a == b:
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _inside(path: Path, directory: Path) -> bool:
    return path == directory or directory in path.parents


@dataclass
class RunInputs:
    """What a run reads, for :func:`check_output_path`.

    ``files``: exact files (stack file, policy config, state file ...). ``trees``: directories
    whose every file is an input (a policy pack, a virtualenv). ``sources``: directories whose
    Python sources are inputs (the program's ``main``; other files there, such as an earlier
    report, may be overwritten).
    """

    files: list[Path] = field(default_factory=list)
    trees: list[Path] = field(default_factory=list)
    sources: list[Path] = field(default_factory=list)

    @classmethod
    def of(cls, files: Iterable[Path | str | None] = (), trees: Iterable[Path | str | None] = (),
           sources: Iterable[Path | str | None] = ()) -> RunInputs:
        def keep(paths: Iterable[Path | str | None]) -> list[Path]:
            return [_resolved(p) for p in paths if p is not None]

        return cls(keep(files), keep(trees), keep(sources))

    def conflict(self, output: Path) -> str | None:
        """Why writing ``output`` (resolved) would destroy an input, or ``None``."""
        if PULUMI_SETTINGS_FILE.match(output.name):
            return "a Pulumi settings file"
        for path in self.files:
            if _same(output, path):
                return f"an input of this run ({path})"
        for tree in [*self.trees, _resolved(Path(__file__).parents[2])]:
            if _inside(output, tree) and output.exists():
                return f"a file of {tree}, which this run reads"
        for tree in self.sources:
            if _inside(output, tree) and output.suffix in SOURCE_SUFFIXES and output.exists():
                return f"a source file of the program in {tree}"
        return None


def check_output_path(output: Path, inputs: RunInputs | None = None, what: str = "report") -> None:
    """Fail before any work (a program run takes seconds) when writing the report to
    ``output`` would destroy an input of the run or could not be done."""
    resolved = _resolved(output)
    if resolved.is_dir():
        raise UsageError(f"{output}: --output is a directory; give a file path")
    reason = (inputs or RunInputs()).conflict(resolved)
    if reason is not None:
        shown = f"{output} (-> {resolved})" if resolved != Path(os.path.abspath(output)) else str(output)
        raise UsageError(f"--output {shown}: refusing to overwrite {reason}; write the {what} elsewhere")
    check_writable_target(output, what)


def emit(report: PreviewReport, text: str, output: Path | None) -> None:
    """The report to ``output`` (written atomically, with its summary line on stderr, so a
    terminal still shows the verdict) or to stdout."""
    from .text import summary_line

    if output is None:
        sys.stdout.write(text)
        return
    write_atomic(output, text, "report")
    print(summary_line(report), file=sys.stderr)
