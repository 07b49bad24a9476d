"""The regional stack's configuration, read from ``pulumi.Config("sovereign")``.

Validation lives in :mod:`sovereign_components.stack_config.models` (pure); this module only
gathers the values Pulumi gives the program. Every ``sovereign:*`` key present is read, not
just the known ones, so a misspelt key (``sovereign:regoin``) is an error naming it instead of
a setting silently ignored; so are keys Pulumi filed where ``pulumi.Config("sovereign")`` never
looks (``soverign:dlq``, or a bare ``region``, which Pulumi files under the project's name: see
:mod:`.namespaces`). This runs inside the program, so it holds under ``pulumi up`` as well as
under the offline gate.
"""

from __future__ import annotations

from typing import Any

from .models import AZURE_LOCATION_KEY, NAMESPACE, TOP_LEVEL_KEYS, StackConfig, parse_stack_config
from .namespaces import check_config_keys

__all__ = ["StackConfig", "load_stack_config", "parse_stack_config", "present_keys"]


def present_keys() -> list[str]:
    """Every config key the program was given (``ns:key``).

    Pulumi passes config to a Python program in the runtime's config map (set by the language
    host, or by ``set_all_config`` under mocks) and/or the ``PULUMI_CONFIG`` environment
    variable; :func:`pulumi.runtime.config.get_config` reads both, so both are listed here.
    """
    from pulumi.runtime import config as runtime_config

    keys = set(runtime_config.CONFIG.get())
    keys.update(runtime_config.get_config_env())
    return sorted(keys)


def load_stack_config() -> StackConfig:
    """Read and validate this stack's ``sovereign:*`` config (plus ``azure-native:location``).

    Raises :class:`~sovereign_components.errors.ConfigError` naming the key before the program
    creates any resource.
    """
    import pulumi

    config = pulumi.Config(NAMESPACE)
    keys = present_keys()
    check_config_keys(keys, pulumi.get_project(), sovereign_in_use=True)
    raw: dict[str, Any] = {}
    for full_key in keys:
        namespace, _, key = full_key.partition(":")
        if namespace == NAMESPACE:
            # values of unknown keys come along too, so parse_stack_config can name them
            raw[full_key] = config.get(key)
    for key in TOP_LEVEL_KEYS:
        if f"{NAMESPACE}:{key}" not in raw:
            value = config.get(key)  # PULUMI_CONFIG_<KEY> environment overrides
            if value is not None:
                raw[f"{NAMESPACE}:{key}"] = value
    location = pulumi.Config("azure-native").get("location")
    if location is not None:
        raw[AZURE_LOCATION_KEY] = location
    return parse_stack_config(raw)
