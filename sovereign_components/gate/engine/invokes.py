"""Offline answers for provider invokes (data in data/invokes.toml; pure).

Real programs call ``authorization.get_client_config``, ``list_storage_account_keys``,
``list_namespace_keys`` … which reach Azure even during ``pulumi preview``. Offline we answer
with placeholders shaped like the real result and record each call so the report can say the
value was emulated. An unknown token is an error, never a silent ``{}``: a program reading a
missing field would fail somewhere far less clear (design.md "The offline engine").
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources
from typing import Any, Mapping

from .arm import SUBSCRIPTION_ID, TENANT_ID

_PLACEHOLDER = re.compile(r"\{(sub|tenant|arg:[A-Za-z0-9_]+)\}")


class UnemulatedInvokeError(Exception):
    """An invoke token the table does not shape."""

    def __init__(self, token: str) -> None:
        self.token = token
        super().__init__(
            f"cannot emulate invoke '{token}' offline; known invokes: {', '.join(known_invokes())}"
        )


@cache
def _table() -> dict[str, Any]:
    with resources.files(__package__).joinpath("data/invokes.toml").open("rb") as fh:
        return tomllib.load(fh)


def known_invokes() -> list[str]:
    """The invoke tokens the placeholder table answers."""
    return sorted(_table())


def _render(node: Any, args: Mapping[str, Any]) -> Any:
    if isinstance(node, dict):
        return {k: _render(v, args) for k, v in node.items()}
    if isinstance(node, list):
        return [_render(v, args) for v in node]
    if isinstance(node, str):

        def sub(match: re.Match[str]) -> str:
            key = match.group(1)
            if key == "sub":
                return SUBSCRIPTION_ID
            if key == "tenant":
                return TENANT_ID
            value = args.get(key[4:])
            return str(value) if value not in (None, "") else "unknown"

        return _PLACEHOLDER.sub(sub, node)
    return node


def answer(token: str, args: Mapping[str, Any]) -> dict[str, Any]:
    """The placeholder result for ``token`` called with ``args``; raises for unknown tokens."""
    shape = _table().get(token)
    if shape is None:
        raise UnemulatedInvokeError(token)
    return _render(shape, args)


def describe(token: str, args: Mapping[str, Any]) -> str:
    """One line for the report's "emulated" list."""
    shown = ", ".join(f"{k}={v}" for k, v in sorted(args.items()) if isinstance(v, (str, int, float, bool)))
    return f"invoke {token}({shown}) answered with placeholder values"
