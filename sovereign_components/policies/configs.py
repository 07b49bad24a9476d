"""Write a boundary's policy-pack config (``policy/config.<boundary>.json``) from the rule table
and the allow-listed external endpoints (a small TOML data file).

    python -m sovereign_components.policies.configs EU --endpoints stacks/external_endpoints.toml \\
        > policy/config.eu.json

Pulumi's ``"all"`` key sets only an enforcement level, so the boundary is repeated on every
boundary-aware policy; the other policies take only ``exemptions`` and are left out.

The endpoints file lists, per boundary code, the external targets the operator vouches for
(``allowedExternalEndpoints``: the only way a target outside the stack is placed in a region,
G8/G9). Each entry names the one policy it is allowed for, the endpoint (URL host or ARM id
prefix), its region, and ``why`` (required: an allow-list entry is an audited decision; the
reason stays in the data file, the generated JSON carries only what the pack's schema takes)::

    [[EU]]
    policy = "eventgrid-destinations-in-boundary"
    endpoint = "/subscriptions/.../topics/inventory-metadata"
    region = "eastus"
    why = "declared metadata channel inventory-metadata (Pulumi.eu.yaml)"

The allow-list is policy config, kept apart from the stack config on purpose: a stack must not
be able to vouch for its own external targets (design.md: allow-listed in policy config). Pure.
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ConfigError, UnknownRegionError
from ..geo.regions import canonical_region
from .table import RULES

__all__ = ["AllowedEndpointEntry", "load_endpoints", "main", "policy_config", "render"]

_ENTRY_KEYS = ("policy", "endpoint", "region", "why")


@dataclass(frozen=True, slots=True)
class AllowedEndpointEntry:
    """One ``allowedExternalEndpoints`` entry of one policy, with the reason it is allowed."""

    policy: str
    endpoint: str
    region: str
    why: str


def _boundary_policies() -> list[str]:
    return [rule.name for rule in RULES if rule.needs_boundary]


def _entry(item: Any, where: str, source: str) -> AllowedEndpointEntry:
    if not isinstance(item, Mapping):
        raise ConfigError(where, "expected a table with policy, endpoint, region and why", source=source)
    unknown = sorted(set(item) - set(_ENTRY_KEYS))
    if unknown:
        raise ConfigError(f"{where}.{unknown[0]}", f"unknown key (allowed: {', '.join(_ENTRY_KEYS)})", source=source)
    for key in _ENTRY_KEYS:
        value = item.get(key)
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(f"{where}.{key}", "a non-empty string is required", source=source)
    policies = _boundary_policies()
    if item["policy"] not in policies:
        raise ConfigError(f"{where}.policy", f"{item['policy']!r} is not a boundary-aware policy "
                                             f"(allowed: {', '.join(policies)})", source=source)
    try:
        region = canonical_region(item["region"])
    except UnknownRegionError as exc:
        raise ConfigError(f"{where}.region", str(exc), source=source) from None
    return AllowedEndpointEntry(item["policy"], item["endpoint"].strip(), region, item["why"].strip())


def load_endpoints(path: Path) -> dict[str, list[AllowedEndpointEntry]]:
    """The endpoints file: boundary code (upper-case) -> its entries, in file order. Raises
    :class:`ConfigError` naming the file and the key for anything malformed."""
    source = str(path)
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError("--endpoints", f"no such file: {path}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError("(file)", f"not valid TOML: {exc}", source=source) from None
    out: dict[str, list[AllowedEndpointEntry]] = {}
    for code, items in document.items():
        if not isinstance(items, list):
            raise ConfigError(code, "expected an array of tables ([[<BOUNDARY>]])", source=source)
        out[code.upper()] = [_entry(item, f"{code}[{i}]", source) for i, item in enumerate(items)]
    return out


def policy_config(boundary: str | list[str],
                  endpoints: Sequence[AllowedEndpointEntry] = ()) -> dict[str, Any]:
    """``{policy: {"boundary": ..., ["allowedExternalEndpoints": [...]]}}`` for every
    boundary-aware policy, in table order; ``endpoints`` are added to the policy each names."""
    config: dict[str, Any] = {name: {"boundary": boundary} for name in _boundary_policies()}
    for entry in endpoints:
        config[entry.policy].setdefault("allowedExternalEndpoints", []).append(
            {"endpoint": entry.endpoint, "region": entry.region})
    return config


def render(boundary: str | list[str], endpoints: Sequence[AllowedEndpointEntry] = ()) -> str:
    return json.dumps(policy_config(boundary, endpoints), indent=2) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sovereign_components.policies.configs",
                                     description="print policy/config.<boundary>.json")
    parser.add_argument("boundary", metavar="BOUNDARY", help="boundary code, e.g. EU")
    parser.add_argument("--endpoints", type=Path, metavar="FILE",
                        help="TOML file of allow-listed external endpoints per boundary")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    code = args.boundary.upper()
    try:
        entries = load_endpoints(args.endpoints).get(code, []) if args.endpoints else []
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    sys.stdout.write(render(code, entries))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
