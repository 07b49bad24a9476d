"""Offline answers for provider functions (invokes), shaped from the SDK that declares them.

Real programs call ``authorization.get_client_config``, ``servicebus.list_queue_keys``,
``authorization.get_role_definition`` … which reach Azure even during ``pulumi preview``. Offline,
any function of any provider SDK installed in the program's environment is answered with a
placeholder of its declared result type (:mod:`.placeholders`: strings, ids, one-element lists,
nested objects), then the few values that must look real are laid over it from a hand table
(``data/invokes.toml``: tenant and subscription ids, connection strings carrying the namespace's
host, built-in role names from ``data/builtin_roles.toml``). A ``location`` in a result is
unknown: where an existing resource lives cannot be known offline.

Every call is recorded for the report's "emulated" list (token, scalar arguments, and the SDK
type its shape came from). A token no installed SDK declares and the table does not know is an
error naming the token — never a silent ``{}``, which the program would read as ``None`` far from
the cause.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

from ..sdk import SdkSchema
from .identity import DEFAULT, Identity
from .placeholders import MAX_DEPTH, placeholder

_PLACEHOLDER = re.compile(
    r"\{(sub|tenant|client|object|arg:[A-Za-z0-9_]+|role_name:[A-Za-z0-9_]+|role_type:[A-Za-z0-9_]+)\}")


class UnemulatedInvokeError(Exception):
    """An invoke token that neither an installed SDK nor the hand table can shape."""

    def __init__(self, token: str) -> None:
        self.token = token
        super().__init__(
            f"cannot emulate invoke '{token}' offline: no provider SDK installed in the program's "
            "environment declares it (install the provider's Python SDK, as `pulumi preview` needs too)"
        )


@cache
def _table() -> dict[str, Any]:
    with resources.files(__package__).joinpath("data/invokes.toml").open("rb") as fh:
        return tomllib.load(fh)


@cache
def builtin_roles() -> dict[str, str]:
    """Built-in role definition id (GUID) -> role name."""
    with resources.files(__package__).joinpath("data/builtin_roles.toml").open("rb") as fh:
        return {k.lower(): v for k, v in tomllib.load(fh)["roles"].items()}


def known_invokes() -> list[str]:
    """The tokens the hand table overrides fields of (every SDK function is answered too)."""
    return sorted(_table())


def _role_guid(value: Any) -> str:
    return str(value).rstrip("/").rsplit("/", 1)[-1].lower() if value else ""


def _render(node: Any, args: Mapping[str, Any], identity: Identity) -> Any:
    if isinstance(node, dict):
        return {k: _render(v, args, identity) for k, v in node.items()}
    if isinstance(node, list):
        return [_render(v, args, identity) for v in node]
    if not isinstance(node, str):
        return node

    def sub(match: re.Match[str]) -> str:
        key = match.group(1)
        ident = {"sub": identity.subscription_id, "tenant": identity.tenant_id, "client": identity.client_id,
                 "object": identity.object_id}
        if key in ident:
            return ident[key]
        kind, _, name = key.partition(":")
        value = args.get(name)
        if kind == "role_name":
            return builtin_roles().get(_role_guid(value), "offline-placeholder custom role")
        if kind == "role_type":
            return "BuiltInRole" if _role_guid(value) in builtin_roles() else "CustomRole"
        return str(value).rstrip("/") if value not in (None, "") else "unknown"

    return _PLACEHOLDER.sub(sub, node)


def answer(token: str, args: Mapping[str, Any], schema: SdkSchema | None,
           identity: Identity = DEFAULT) -> tuple[dict[str, Any], str]:
    """(result, where its shape came from) for ``token`` called with ``args`` (wire names) in
    the run's ``identity``; raises :class:`UnemulatedInvokeError` when nothing can shape it."""
    function = schema.function(token) if schema is not None else None
    table = _table().get(token)
    if function is None and table is None:
        raise UnemulatedInvokeError(token)
    result: dict[str, Any] = {}
    source = []
    if function is not None:
        shaped = placeholder(function.result, "", depth=MAX_DEPTH + 1, identity=identity)  # result: a level
        result = shaped if isinstance(shaped, dict) else {}
        source.append(f"shaped from {function.result.name or function.python_function}")
    if table is not None:
        result.update(_render(table, args, identity))
        source.append("hand table data/invokes.toml for the values that must look real")
    return result, "; ".join(source)


def describe(token: str, args: Mapping[str, Any], source: str) -> str:
    """One line for the report's "emulated" list."""
    shown = ", ".join(f"{k}={v}" for k, v in sorted(args.items()) if isinstance(v, (str, int, float, bool)))
    return f"invoke {token}({shown}) answered with placeholder values ({source})"
