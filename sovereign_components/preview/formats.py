"""Report formats: name -> (module under sovereign_components.preview, render function).

A table, so another format (``report_sarif.py`` exposing ``render_sarif(report) -> str``) plugs
in without touching the command. A format whose module is absent is a usage error naming it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from ..errors import UsageError
from .model import PreviewReport

FORMATS: dict[str, tuple[str, str]] = {
    "text": ("report_text", "render_text"),
    "json": ("report_json", "render_json"),
    "sarif": ("report_sarif", "render_sarif"),
}


def renderer(fmt: str) -> Callable[[PreviewReport], str]:
    if fmt not in FORMATS:
        raise UsageError(f"unknown --format '{fmt}'; choose one of {', '.join(FORMATS)}")
    module_name, func_name = FORMATS[fmt]
    qualified = f"{__package__}.{module_name}"
    try:
        module = importlib.import_module(qualified)
    except ModuleNotFoundError as exc:
        if exc.name != qualified:
            raise
        raise UsageError(
            f"--format {fmt} needs sovereign_components/preview/{module_name}.py "
            f"({func_name}(report) -> str), which is not installed"
        ) from None
    return getattr(module, func_name)
