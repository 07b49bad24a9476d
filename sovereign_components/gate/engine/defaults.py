"""The azure-native provider's ``location`` default, by the provider's own rules.

The provider's ``Check`` fills a missing ``location`` for every resource whose request body has
one (pulumi/pulumi-azure-native ``provider/pkg/provider/provider.go``: ``applyDefaults`` ->
``getDefaultLocation``), in this order:

1. the provider's configuration ``location``: for the **default** provider that is the stack's
   ``azure-native:location`` config (stack file, or the project-level ``config:`` block of
   ``Pulumi.yaml``); for an **explicit** provider resource (``azure_native.Provider("p",
   location=...)`` used through ``provider=``/``providers=`` or inherited from a parent) it is
   that resource's ``location`` input — an explicit provider does not read stack config;
2. else the location of the resource group named by ``resourceGroupName``: unknown when the
   name is unknown (a group created in the same preview), otherwise read from Azure.

Which types have a ``location`` comes from the installed SDK (``ResourceSpec.takes_location``),
resource groups included (a group has no ``resourceGroupName`` to fall back on).

Offline, what Azure or an unreadable source would say becomes *undecided with a reason*, never
silently absent: a group this program does not create (the provider would read it from Azure),
an ``azure-native:location`` that is a secret (cannot be decrypted offline) or may come from an
ESC ``environment:`` import of the stack file. The value is :data:`~..model.UNKNOWN`, so a
location policy reports "can't decide" and the report's "emulated" list says why.

Thread-safe: registrations arrive on several RPC threads. A resource registered before the
group it names (a literal group name instead of ``rg.name``) is resolved again when the run ends.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..model import UNKNOWN
from .wire import SECRET_SIG, SIG_KEY

LOCATION_CONFIG = "azure-native:location"
PROVIDER_TOKEN = "pulumi:providers:azure-native"
RESOURCE_GROUP = "azure-native:resources:ResourceGroup"


@dataclass(frozen=True)
class Default:
    """A location filled in for a resource: its value (possibly :data:`UNKNOWN`) and why."""

    value: str
    source: str
    #: why the value is unknown (``""`` when it is known)
    reason: str = ""


def _secret_free(value: Any) -> tuple[Any, bool]:
    """(value without a secret envelope, whether it was secret)."""
    if isinstance(value, dict) and value.get(SIG_KEY) == SECRET_SIG:
        return value.get("value"), True
    return value, False


class LocationDefaults:
    """Resolves the provider's location default for one run."""

    def __init__(self, config: Mapping[str, str], *, secret_keys: Sequence[str] = (),
                 esc_environments: Sequence[str] = (), secret_values: Sequence[str] = (),
                 config_source: str = "stack config") -> None:
        self._config = config
        self._secret_keys = set(secret_keys)
        self._esc = list(esc_environments)
        self._secret_values = {v for v in secret_values if v}
        self._config_source = config_source
        self._providers: dict[str, tuple[str, dict[str, Any]]] = {}
        self._groups: dict[str, str] = {}
        self._lock = threading.Lock()

    # -- what the run has registered ------------------------------------------------------------
    def add_provider(self, urn: str, token: str, name: str, inputs: Mapping[str, Any]) -> None:
        with self._lock:
            self._providers[urn] = (token, dict(inputs) | {"__name__": name})

    def add_resource_group(self, name: str, location: Any) -> None:
        if isinstance(name, str) and name != UNKNOWN:
            with self._lock:
                self._groups.setdefault(name, location)

    # -- the default ------------------------------------------------------------------------------
    def _from_config(self) -> Default | None:
        value = self._config.get(LOCATION_CONFIG)
        if LOCATION_CONFIG in self._secret_keys:
            return Default(UNKNOWN, f"config {LOCATION_CONFIG}",
                           f"{LOCATION_CONFIG} is a secret (secure:) value, which cannot be decrypted offline")
        if value:
            return Default(value, f"config {LOCATION_CONFIG} ({self._config_source})")
        if self._esc:
            return Default(UNKNOWN, f"config {LOCATION_CONFIG}",
                           f"{LOCATION_CONFIG} may be set by the stack's ESC environment(s) "
                           f"{', '.join(self._esc)}, which cannot be opened offline")
        return None

    def _from_provider(self, urn: str) -> Default | None | bool:
        """The explicit provider's ``location`` input; ``False`` when it sets none (then no config)."""
        with self._lock:
            entry = self._providers.get(urn)
        if entry is None:
            return None
        _, inputs = entry
        name = inputs["__name__"]
        if "location" not in inputs:
            return False
        value, secret = _secret_free(inputs["location"])
        where = f"explicit provider '{name}' (its location input)"
        if value == UNKNOWN or not isinstance(value, str):
            return Default(UNKNOWN, where, f"provider '{name}' has an unknown location")
        if secret and value in self._secret_values:
            return Default(UNKNOWN, where, f"provider '{name}' takes its location from a secret config value")
        return Default(value, where)

    def _from_group(self, props: Mapping[str, Any]) -> Default | None:
        group = props.get("resourceGroupName")
        group, _ = _secret_free(group)
        if group is None:
            return None
        if group == UNKNOWN or not isinstance(group, str):
            return Default(UNKNOWN, "the resource group", "the resource group's name is unknown in this preview")
        with self._lock:
            location = self._groups.get(group)
        if location is None:
            return Default(UNKNOWN, f"resource group '{group}'",
                           f"resource group '{group}' is not created by this program; the provider reads "
                           "its location from Azure")
        location, _ = _secret_free(location)
        if location == UNKNOWN or not isinstance(location, str):
            return Default(UNKNOWN, f"resource group '{group}'", f"resource group '{group}' has an unknown location")
        return Default(location, f"resource group '{group}'")

    def resolve(self, token: str, props: Mapping[str, Any], provider_ref: str) -> Default | None:
        """The location the provider would fill into ``props`` of a ``token`` resource that uses
        ``provider_ref`` (``"<urn>::<id>"``, ``""`` = the default provider); ``None`` = no default
        (the provider's ``Check`` would fail: "missing required property 'location'")."""
        provider_urn = provider_ref.rsplit("::", 1)[0] if provider_ref else ""
        found: Default | None | bool = self._from_provider(provider_urn) if provider_urn else None
        if found is None and not provider_urn:
            found = self._from_config()
        if isinstance(found, Default):
            return found
        if token == RESOURCE_GROUP:  # a group's resourceGroupName is itself: nothing to read
            return None
        return self._from_group(props)

    def group_known(self, props: Mapping[str, Any]) -> bool:
        """Whether the group a resource names has registered (else resolve again at the end)."""
        group, _ = _secret_free(props.get("resourceGroupName"))
        with self._lock:
            return not isinstance(group, str) or group == UNKNOWN or group in self._groups
