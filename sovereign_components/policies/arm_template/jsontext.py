"""Templates and parameters given as JSON text. Pure."""

from __future__ import annotations

import json
import re
from typing import Any

from .model import Limits, Unevaluable
from .unknown import from_input

_COMMENT = re.compile(r'"(?:[^"\\]|\\.)*"|//[^\n]*|/\*.*?\*/', re.DOTALL)


def parse_json_text(text: str, limits: Limits, path: str) -> Any:
    """A template or parameters object given as a JSON string (the SDK accepts "a JObject or a
    well-formed JSON string"); ARM also accepts ``//`` and ``/* */`` comments in templates
    (https://learn.microsoft.com/azure/azure-resource-manager/templates/syntax#comments)."""
    if len(text) > limits.max_template_chars:
        raise Unevaluable(f"the JSON text is longer than {limits.max_template_chars} characters (ARM's 4 MB limit)",
                          path)
    try:
        try:
            value = json.loads(text)
        except ValueError:
            stripped = _COMMENT.sub(lambda m: m.group(0) if m.group(0).startswith('"') else " ", text)
            value = json.loads(stripped)
    except (ValueError, RecursionError) as exc:
        raise Unevaluable(f"the JSON text cannot be parsed ({type(exc).__name__}: {str(exc)[:80]})", path) from None
    return from_input(value, limits, path, secret_ok=False)
