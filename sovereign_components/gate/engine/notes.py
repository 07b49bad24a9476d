"""The report's "emulated" list: exactly what the offline engine stood in for, and from which source.

One line per fact a reader needs to weigh the verdict: each provider ``location`` default (from
which provider, config key or resource group — or why it stayed undecided), each invoke (and the
SDK type its shape came from), each read of an existing resource or stack reference, which
resources' computed outputs were typed placeholders (and from which SDK), which inputs came from
secret config values (unknown to policies), and the stack's secrets. ``docs/engine.md`` explains
the sources.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..model import UNKNOWN
from .defaults import Default
from .emulation import Notes

_CHECK = "the azure-native provider's Check fills a missing location; no provider runs offline"


def location_lines(defaults: Iterable[tuple[str, Default]]) -> list[str]:
    grouped: dict[tuple[str, str, str], list[str]] = {}
    for urn, found in defaults:
        grouped.setdefault((found.source, found.value, found.reason), []).append(urn.rsplit("::", 1)[-1])
    lines = []
    for (source, value, reason), names in sorted(grouped.items()):
        who = ", ".join(sorted(set(names)))
        if value == UNKNOWN:
            lines.append(f"provider default: location undecided for {who}: {reason} "
                         f"(policies that read it cannot decide; {_CHECK})")
        else:
            lines.append(f"provider default: location={value} from {source} for {who} ({_CHECK})")
    return lines


def placeholder_line(types: Iterable[str], sdk_versions: Sequence[str]) -> list[str]:
    types = sorted(set(types))
    if not types:
        return []
    sdks = ", ".join(sdk_versions) or "the installed provider SDKs"
    shown = ", ".join(types[:8]) + (f" and {len(types) - 8} more types" if len(types) > 8 else "")
    return [f"outputs: computed outputs of {shown} were answered with typed placeholders shaped from {sdks} "
            "(the program read them; policies see only the inputs and the ids, endpoints and identity "
            "GUIDs of data/arm_types.toml)"]


def id_line(unknowns: bool) -> str:
    if unknowns:
        return ("ids and computed outputs: unknown (--unknowns), as in `pulumi preview` for resources about to be "
                "created; policies that read them cannot decide")
    return ("ids: ARM-shaped and deterministic in the run's subscription (/subscriptions/<subscription>/"
            "resourceGroups/<group>/providers/...), from data/arm_types.toml or the "
            "Microsoft.<Module>/<types> fallback; no resource exists")


def lines(notes: Notes, *, project_notes: Sequence[str] = (), sdk_versions: Sequence[str] = (),
          unknowns: bool | None = None, identity: str = "") -> list[str]:
    out = [*project_notes, *location_lines(notes.locations), *notes.invokes, *notes.external]
    if unknowns is not None:
        out.append(id_line(unknowns))
    if identity and (unknowns is not None or notes.invokes):
        out.append(identity)
    out += placeholder_line(notes.placeholder_types, sdk_versions)
    if notes.transforms:
        out.append(f"transforms: {notes.transforms} transform call(s) run by the engine, as `pulumi preview` runs them "
                   "(each resource's own, then its ancestors', then the stack's); inputs and options are recorded "
                   "as transformed")
    if notes.secrets:
        shown = ", ".join(sorted(set(notes.secrets))[:10])
        out.append(f"secret config values: inputs made from them are unknown to policies ({shown}): "
                   "secrets cannot be decrypted offline")
    if notes.made_up:
        shown = ", ".join(sorted(set(notes.made_up))[:10])
        more = f" and {len(set(notes.made_up)) - 10} more" if len(set(notes.made_up)) > 10 else ""
        out.append(f"inputs made from placeholder values are unknown to policies ({shown}{more}): the program "
                   "passed on a value only Azure knows (a computed output, an invoke result, an existing resource)")
    return out
