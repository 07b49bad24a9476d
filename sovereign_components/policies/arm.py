"""ARM resource ids and endpoint URLs, parsed. Pure: no Pulumi.

``/subscriptions/<s>/resourceGroups/<rg>/providers/<Namespace>/<type>/<name>[/<child>/<name>...]``
is how every cross-resource reference (Event Grid destinations, capture accounts, diagnostic
sinks, DR partners) names its target (docs/sdk-notes.md, "References are ids").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

_ID = re.compile(
    r"^/subscriptions/(?P<sub>[^/]+)/resourcegroups/(?P<rg>[^/]+)"
    r"(?:/providers/(?P<ns>[^/]+)/(?P<rest>.+?))?/?$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class ArmId:
    """A parsed ARM id: the top-level resource (type + name) and any child segments."""

    subscription: str
    resource_group: str
    namespace: str | None
    types: tuple[str, ...]
    names: tuple[str, ...]

    @property
    def top_type(self) -> str | None:
        """``Microsoft.Web/sites`` for ``.../Microsoft.Web/sites/app/functions/fn``."""
        return f"{self.namespace}/{self.types[0]}" if self.namespace and self.types else None

    @property
    def top_name(self) -> str | None:
        return self.names[0] if self.names else None

    def type_at(self, depth: int) -> str | None:
        """ARM type of the segment at ``depth`` (0 = top-level resource)."""
        if not self.namespace or depth >= len(self.types):
            return None
        return "/".join([self.namespace, *self.types[: depth + 1]])


def parse_arm_id(value: str) -> ArmId | None:
    """Parse an ARM id (case-insensitive keywords); ``None`` when ``value`` is not one."""
    match = _ID.match(value.strip())
    if not match:
        return None
    segments = match.group("rest").split("/") if match.group("rest") else []
    types = tuple(segments[0::2])
    names = tuple(segments[1::2])
    if len(types) != len(names):
        return None
    return ArmId(match.group("sub"), match.group("rg"), match.group("ns"), types, names)


def url_host(value: str) -> str | None:
    """The lower-case host of an ``http(s)``/``sb``/``amqps`` URL, or ``None``."""
    if "://" not in value:
        return None
    host = urlsplit(value.strip()).hostname
    return host.lower() if host else None


def is_reference(value: str) -> bool:
    """True when a string names something outside its own namespace: an ARM id or a URL."""
    return parse_arm_id(value) is not None or url_host(value) is not None
