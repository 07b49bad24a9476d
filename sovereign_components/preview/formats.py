"""Report formats: name -> (module under sovereign_components.preview, render function).

A table, so a format plugs in without touching the commands; each module is imported only when
its format is asked for (SARIF pulls in the pack metadata, text and JSON do not).
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
    module = importlib.import_module(f"{__package__}.{module_name}")
    return getattr(module, func_name)
