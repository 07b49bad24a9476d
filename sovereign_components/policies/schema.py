"""The JSON-schema of each policy's config (``PolicyConfigSchema`` properties). Pure: no Pulumi.

Pulumi validates ``--policy-pack-config`` against these and fills the ``default``s;
``context.context_from_config`` validates again (the offline engine and direct callers may
skip the schema) and names the offending key.
"""

from __future__ import annotations

from typing import Any

from ..geo.boundary import named_boundaries
from ..geo.regions import all_regions
from .table import Rule

#: A region as the config may spell it: the ARM name or the display name. Enumerated, so a typo
#: is a config error before any analysis (exit 2 offline; Pulumi validates the same schema)
#: instead of a policy raising on every resource.
REGION: dict[str, Any] = {
    "type": "string",
    "enum": sorted({r.name for r in all_regions()} | {r.display_name for r in all_regions()}),
}
_CODES = sorted(named_boundaries())

BOUNDARY: dict[str, Any] = {
    "description": f"Sovereignty boundary: a code ({', '.join(_CODES)}) or a list of "
    "Azure region names. Absent: the stack config 'sovereign:boundary'; neither: boundary-aware rules fail closed.",
    "oneOf": [
        {"type": "string", "enum": [*_CODES, *(c.lower() for c in _CODES)]},
        {"type": "array", "items": REGION, "minItems": 1},
    ],
}
EXTRA_ALLOWED_REGIONS: dict[str, Any] = {
    "description": "Regions allowed in addition to the boundary.",
    "type": "array",
    "items": REGION,
    "default": [],
}
ALLOWED_EXTERNAL_ENDPOINTS: dict[str, Any] = {
    "description": "External targets placed in a region by the operator: endpoint = URL host or ARM id prefix.",
    "type": "array",
    "items": {
        "type": "object",
        "properties": {"endpoint": {"type": "string", "minLength": 1}, "region": REGION},
        "required": ["endpoint", "region"],
        "additionalProperties": False,
    },
    "default": [],
}
EXEMPTIONS: dict[str, Any] = {
    "description": "Resources this policy skips, by URN, each with a non-empty reason.",
    "type": "array",
    "items": {
        "type": "object",
        "properties": {
            "urn": {"type": "string", "pattern": "^urn:pulumi:"},
            "reason": {"type": "string", "minLength": 1, "pattern": "\\S"},
        },
        "required": ["urn", "reason"],
        "additionalProperties": False,
    },
    "default": [],
}


def _reasoned(item_key: str, description: str) -> dict[str, Any]:
    return {
        "description": description,
        "type": "array",
        "items": {
            "type": "object",
            "properties": {
                item_key: {"type": "string", "minLength": 1},
                "reason": {"type": "string", "minLength": 1, "pattern": "\\S"},
            },
            "required": [item_key, "reason"],
            "additionalProperties": False,
        },
        "default": [],
    }


ALLOWED_TYPES: dict[str, Any] = _reasoned(
    "type", "Types without a catalogue entry the operator vouches for (any spelling of the token), each with a reason.")
ALLOWED_PROVIDERS: dict[str, Any] = _reasoned(
    "provider", "Providers other than azure-native whose resources the operator vouches for, each with a reason.")


def schema_properties(rule: Rule) -> dict[str, dict[str, Any]]:
    """Config properties of ``rule``: every policy takes exemptions; boundary-aware ones also
    take the boundary, extra regions and the external-endpoint allow-list; the default-deny
    policies take the type / provider allow-lists."""
    props: dict[str, dict[str, Any]] = {"exemptions": EXEMPTIONS}
    if rule.allow_types:
        props["allowedTypes"] = ALLOWED_TYPES
    if rule.allow_providers:
        props["allowedProviders"] = ALLOWED_PROVIDERS
    if rule.needs_boundary:
        props = {
            "boundary": BOUNDARY,
            "extraAllowedRegions": EXTRA_ALLOWED_REGIONS,
            "allowedExternalEndpoints": ALLOWED_EXTERNAL_ENDPOINTS,
            **props,
        }
    return props
