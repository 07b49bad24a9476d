"""Customer-managed key helpers (controls S4, S5, T9, T10). Pure: no Pulumi."""

from __future__ import annotations

from typing import NamedTuple
from urllib.parse import urlsplit


class KeyReference(NamedTuple):
    vault_uri: str
    key_name: str
    key_version: str | None


def split_key_uri(uri: str) -> KeyReference:
    """``https://<vault>.vault.azure.net/keys/<name>[/<version>]`` -> vault URI, name, version.

    Service Bus and Storage take the parts separately; a versionless URI lets the service follow
    key rotation."""
    parts = urlsplit(uri)
    segments = [s for s in parts.path.split("/") if s]
    if parts.scheme != "https" or len(segments) < 2 or segments[0] != "keys":
        raise ValueError(f"not a Key Vault key URI: {uri!r}")
    version = segments[2] if len(segments) > 2 else None
    return KeyReference(f"https://{parts.netloc}", segments[1], version)
