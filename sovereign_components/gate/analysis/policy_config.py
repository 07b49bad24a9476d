"""Resolve a pack's policy configuration the way the Pulumi engine does before ``Configure``.

Steps (docs/sdk-notes.md, "Policy analyzer"; Pulumi docs "policy configuration"): start from each policy's
own enforcement level (else the pack's) and its config-schema ``default``s; apply the pack's
``initial_config``; apply the user's ``--policy-pack-config`` file. In both, ``"all"`` sets
the level of every policy first and named entries override it; a value may be the string
shorthand (``"mandatory"``) or an object with ``enforcementLevel`` and properties. The result
has an explicit level for EVERY policy, because ``Configure`` treats an unset level as
ADVISORY — a silent downgrade of a mandatory sovereignty rule.

Validation is strict (exit 2 naming the policy and property): unknown policy names, unknown
levels, properties the schema does not declare (a typo would otherwise fall back to a
default boundary silently), and JSON-schema violations.
"""

from __future__ import annotations

import copy
import difflib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...errors import ConfigError, UsageError
from ...files import read_text

LEVELS = ("advisory", "mandatory", "remediate", "disabled")
ALL = "all"


@dataclass
class PolicySettings:
    enforcement_level: str
    properties: dict[str, Any] = field(default_factory=dict)


def _level_name(value: Any) -> str | None:
    """EnforcementLevel enum or its string -> lower-case name; None if not a level."""
    raw = getattr(value, "value", value)
    return raw if isinstance(raw, str) and raw in LEVELS else None


def _schema_of(policy: Any) -> dict[str, Any] | None:
    schema = getattr(policy, "config_schema", None)
    if schema is None:
        return None
    return {
        "type": "object",
        "properties": dict(schema.properties or {}),
        "required": list(schema.required or []),
        "additionalProperties": False,
    }


def _apply(result: dict[str, PolicySettings], config: Mapping[str, Any], source: str) -> None:
    def level_or_error(key: str, value: Any) -> str:
        level = _level_name(value)
        if level is None:
            raise ConfigError(key, f"enforcement level {value!r} is not one of {', '.join(LEVELS)}", source=source)
        return level

    if ALL in config:
        value = config[ALL]
        if isinstance(value, Mapping):
            extra = sorted(set(value) - {"enforcementLevel"})
            if extra:
                raise ConfigError(ALL, f"'all' sets only an enforcementLevel, not {extra}", source=source)
            value = value.get("enforcementLevel")
        level = level_or_error(ALL, value)
        for settings in result.values():
            settings.enforcement_level = level
    for key, value in config.items():
        if key == ALL:
            continue
        if key not in result:
            raise ConfigError(key, f"no policy named '{key}' in this pack; known: {', '.join(sorted(result))}",
                              source=source)
        if isinstance(value, Mapping):
            props = dict(value)
            if "enforcementLevel" in props:
                result[key].enforcement_level = level_or_error(f"{key}.enforcementLevel", props.pop("enforcementLevel"))
            result[key].properties.update(copy.deepcopy(props))
        else:
            result[key].enforcement_level = level_or_error(key, value)


def _validate(result: dict[str, PolicySettings], schemas: dict[str, dict[str, Any] | None], source: str) -> None:
    from jsonschema import Draft7Validator
    from jsonschema.exceptions import best_match

    for name, settings in result.items():
        schema = schemas[name]
        if settings.enforcement_level == "disabled":
            continue
        if schema is None:
            if settings.properties:
                raise ConfigError(f"{name}.{sorted(settings.properties)[0]}",
                                  "this policy takes no configuration properties", source=source)
            continue
        errors = sorted(Draft7Validator(schema).iter_errors(settings.properties), key=lambda e: list(e.path))
        if errors:
            # best_match descends into oneOf/anyOf, so "'MARS' is not one of ['AU', ...]" is
            # reported instead of "is not valid under any of the given schemas".
            err = best_match(errors)
            if err.validator == "additionalProperties":
                prop = sorted(set(settings.properties) - set(schema["properties"]))[0]
                raise ConfigError(f"{name}.{prop}", f"unknown property; the policy accepts "
                                  f"{', '.join(sorted(schema['properties'])) or 'none'}", source=source)
            path = ".".join(str(p) for p in err.absolute_path)
            key = f"{name}.{path}" if path else name
            raise ConfigError(key, _message(err), source=source)


def _message(err: Any) -> str:
    """jsonschema's message, except that an enum miss names the closest allowed values instead
    of listing all of them (a region enum has over a hundred)."""
    if err.validator != "enum" or not isinstance(err.instance, str):
        return err.message
    allowed = [str(v) for v in err.validator_value]
    close = difflib.get_close_matches(err.instance, allowed, n=3, cutoff=0.6)
    if close:
        hint = f"; did you mean {', '.join(repr(c) for c in close)}?"
    else:
        hint = f"; allowed: {', '.join(allowed)}" if len(allowed) <= 30 else f" ({len(allowed)} allowed values)"
    return f"{err.instance!r} is not an allowed value{hint}"


def read_config_file(path: Path) -> dict[str, Any]:
    text = read_text(path, "policy pack config file")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageError(f"{Path(path).name}: invalid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}") from None
    if not isinstance(data, dict):
        raise UsageError(f"{Path(path).name}: expected a JSON object of policy name -> config")
    return data


def resolve_policy_config(pack: Any, config: Mapping[str, Any] | Path | str | None) -> dict[str, PolicySettings]:
    """Every policy of ``pack`` -> its explicit level and validated, defaulted properties."""
    source = "policy config"
    if isinstance(config, (str, Path)):
        source = Path(config).name
        config = read_config_file(Path(config))
    schemas = {p.name: _schema_of(p) for p in pack.policies}
    result: dict[str, PolicySettings] = {}
    pack_level = _level_name(pack.enforcement_level) or "advisory"
    for policy in pack.policies:
        level = _level_name(policy.enforcement_level) or pack_level
        defaults = {
            k: copy.deepcopy(v["default"])
            for k, v in (schemas[policy.name] or {}).get("properties", {}).items()
            if isinstance(v, Mapping) and "default" in v
        }
        result[policy.name] = PolicySettings(level, defaults)
    if pack.initial_config:
        _apply(result, pack.initial_config, f"{pack.name} initial config")
    if config:
        _apply(result, config, source)
    _validate(result, schemas, source)
    return result


def cache_key(resolved: Mapping[str, PolicySettings]) -> str:
    return json.dumps({k: [v.enforcement_level, v.properties] for k, v in sorted(resolved.items())},
                      sort_keys=True, default=str)
