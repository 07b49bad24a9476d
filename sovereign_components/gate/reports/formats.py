"""Report formats: name -> (module under sovereign_components.gate.reports, render function).

A table, so a format plugs in without touching the commands; each module is imported only when
its format is asked for (SARIF pulls in the pack metadata, text and JSON do not).
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from pathlib import Path

from ...errors import UsageError
from ..model import PreviewReport

FORMATS: dict[str, tuple[str, str]] = {
    "text": ("text", "render_text"),
    "json": ("json_report", "render_json"),
    "sarif": ("sarif", "render_sarif"),
}


def renderer(fmt: str) -> Callable[[PreviewReport], str]:
    if fmt not in FORMATS:
        raise UsageError(f"unknown --format '{fmt}'; choose one of {', '.join(FORMATS)}")
    module_name, func_name = FORMATS[fmt]
    module = importlib.import_module(f"{__package__}.{module_name}")
    return getattr(module, func_name)


def check_output_path(output: Path) -> None:
    """Fail before any work (a program run takes seconds) when the report could not be written."""
    if output.is_dir():
        raise UsageError(f"{output}: --output is a directory; give a file path")
    parent = output.parent
    if not parent.is_dir():
        raise UsageError(f"{output}: cannot write the report: directory '{parent}' does not exist")


def emit(report: PreviewReport, text: str, output: Path | None) -> None:
    """The report to ``output`` (with its summary line on stderr, so a terminal still shows the
    verdict) or to stdout."""
    from .text import summary_line

    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"{output}: cannot write the report: {exc.strerror}") from None
    print(summary_line(report), file=sys.stderr)
