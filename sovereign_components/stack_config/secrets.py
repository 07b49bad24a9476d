"""What an encrypted (``secure:``) stack config value becomes when the gate runs a program
offline, where no secrets provider or passphrase can decrypt it.

A single generic placeholder string would fail the program's own validation for any field that
has a shape (an encrypted ``sovereign:alertEmail`` "is not a valid e-mail address"), so a
stack keeping its alert address secret could not be previewed at all. Instead:

* a ``sovereign:`` field that declares ``examples`` (see ``models.py``) gets its first example:
  a value of the right shape that decides nothing the policies judge;
* a ``sovereign:`` field without examples (``region``, ``boundary``, ``allowedRegions``,
  ``eventStore.additionalLocations`` ... every value that places data) is refused: a verdict
  about placement cannot rest on a value the gate cannot read, so the error says to store it
  in plain text (default-deny: a field becomes secret-capable only by declaring an example);
* the keys of :data:`PLACEMENT_KEYS` outside the ``sovereign`` namespace are refused for the
  same reason;
* any other key (other namespaces, unknown ``sovereign`` keys, which the model rejects anyway)
  gets :data:`SECRET_PLACEHOLDER`.

Every substitution is listed in the report's "emulated" notes by the project reader. Pure: no
Pulumi.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..errors import ConfigError
from .models import AZURE_LOCATION_KEY, NAMESPACE, TOP_LEVEL_KEYS, field_at

__all__ = ["PLACEMENT_KEYS", "SECRET_PLACEHOLDER", "placeholder_for"]

#: What a ``secure:`` value of a shapeless key becomes offline.
SECRET_PLACEHOLDER = "offline-placeholder-secret"
#: Keys outside the ``sovereign`` namespace that decide where resources go: the provider's
#: default location for every resource without one.
PLACEMENT_KEYS = frozenset({AZURE_LOCATION_KEY})


def _dotted(full_key: str, path: Sequence[str | int]) -> str:
    out = full_key
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def placeholder_for(full_key: str, path: Sequence[str | int] = ()) -> Any:
    """The offline stand-in for the encrypted value at ``full_key`` (``ns:name``) and ``path``
    inside it (for a ``secure:`` value nested in a structured value); raises
    :class:`ConfigError` for a value that decides placement."""
    namespace, _, name = full_key.partition(":")
    key = _dotted(full_key, path)
    if full_key in PLACEMENT_KEYS:
        raise ConfigError(key, "is encrypted (secure:), and the gate cannot decrypt it offline; it decides where "
                               "resources are placed, so no placeholder can stand in for it: store it in plain text")
    if namespace != NAMESPACE or name not in TOP_LEVEL_KEYS:
        return SECRET_PLACEHOLDER
    field = field_at([name, *path])
    if field is None and path:
        return SECRET_PLACEHOLDER  # a key no model declares: validation names it
    examples = field.examples if field is not None else None
    if not examples:
        raise ConfigError(
            key,
            "is encrypted (secure:), and the gate cannot decrypt it offline; this setting decides what the "
            "policies judge, so no placeholder can stand in for it: store it in plain text "
            f"(only settings with a harmless stand-in may be secret offline, e.g. {NAMESPACE}:alertEmail)",
        )
    return examples[0]
