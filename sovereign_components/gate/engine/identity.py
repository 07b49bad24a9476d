"""The Azure identity a run is answered in: subscription, tenant, client and object ids.

Why not all-zero GUIDs: a program reads them (``authorization.get_client_config()``, the ids of
its resources, role-assignment scopes) and an all-zero subscription tells it that it is not
under a real deployment, so it could take a benign branch only then (red-team program
``detect-placeholder-subscription``). The run therefore uses the stack's own identity where the
stack states it — the azure-native provider's ``subscriptionId``, ``tenantId`` and ``clientId``
config keys (https://www.pulumi.com/registry/packages/azure-native/installation-configuration/)
— and otherwise GUIDs derived from the project and stack names. A derived GUID is a uuid5 of
those names stamped as a version-4 GUID, the form Azure issues subscription and tenant ids in,
so it is not recognisable by its shape; it is the same on every run of the same stack, so
reports stay deterministic. A program that knows this derivation can still compute it and tell
(``docs/engine.md``, "What the engine cannot see").

One :class:`Identity` per run, used everywhere the run needs one: ARM ids, client config,
identity tenant ids, role-definition ids — so every id the program builds from the client
config names the same subscription as the ids the engine gives its resources.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import cache

#: azure-native provider config keys the stack may state (wire name -> Identity field).
CONFIG_KEYS: Mapping[str, str] = {
    "azure-native:subscriptionId": "subscription_id",
    "azure-native:tenantId": "tenant_id",
    "azure-native:clientId": "client_id",
}
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/sovereign-events/offline-identity")


def looks_real(*parts: str) -> str:
    """A GUID derived from ``parts`` (uuid5), stamped as version 4 (random) like Azure's own."""
    derived = uuid.uuid5(_NAMESPACE, "/".join(parts))
    return str(uuid.UUID(bytes=derived.bytes, version=4))


def _guid(value: object) -> str | None:
    """``value`` as a canonical lower-case GUID, or None when it is not one."""
    if not isinstance(value, str):
        return None
    try:
        return str(uuid.UUID(value.strip()))
    except ValueError:
        return None


@dataclass(frozen=True)
class Identity:
    """Who the run deploys as, and where each value came from (for the report's notes)."""

    subscription_id: str
    tenant_id: str
    client_id: str
    object_id: str
    #: field -> "stack config azure-native:<key>" or "derived from project/stack"
    sources: tuple[tuple[str, str], ...] = ()

    def note(self) -> str:
        """One line for the report's "emulated" list."""
        origin = dict(self.sources)
        parts = [f"{field.replace('_id', '')} {getattr(self, field)} ({origin.get(field, 'derived')})"
                 for field in ("subscription_id", "tenant_id", "client_id", "object_id")]
        return ("identity: the run is answered as " + ", ".join(parts) + "; ids, client config and identity "
                "tenants use these values (no Azure is asked)")


@cache
def _derived(project: str, stack: str) -> dict[str, str]:
    return {field: looks_real(field, project, stack) for field in ("subscription_id", "tenant_id", "client_id",
                                                                   "object_id")}


def stack_identity(project: str, stack: str, config: Mapping[str, str] | None = None,
                   secret_keys: Collection[str] = ()) -> Identity:
    """The identity of ``project``/``stack``: a GUID the stack config states for a field (not a
    secret, which cannot be read offline), else the derived one."""
    values = dict(_derived(project, stack))
    sources = {field: "derived from project and stack" for field in values}
    for key, field in CONFIG_KEYS.items():
        if key in secret_keys:
            continue
        stated = _guid((config or {}).get(key))
        if stated is not None:
            values[field] = stated
            sources[field] = f"stack config {key}"
    return Identity(**values, sources=tuple(sorted(sources.items())))


#: The identity of calls that name no stack (unit tests calling the pure functions directly).
DEFAULT = stack_identity("offline", "offline")
