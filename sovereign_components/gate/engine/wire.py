"""Property values as they travel on the wire, and which of their keys a provider will read.

The SDK sends a resource's inputs as a protobuf ``Struct`` with camelCase keys (the names its
``@pulumi.input_type`` classes declare). Special values are objects tagged under
:data:`SIG_KEY`: secrets, resource references, output values (pulumi ``sdk/go/common/resource/
properties.go``; ``pulumi/runtime/rpc.py``).

**Wire truth** (issue 13 item 7): a plain ``dict`` passed where the SDK declares a *union* of
input types (an Event Grid ``destination``, a Cosmos ``backup_policy``) cannot be translated — the
SDK does not know which member it is — so it goes out with the program's snake_case keys
(``{"endpoint_type": ..., "resource_id": ...}``), which the provider does not read: the
deployed resource has no destination at all. :func:`unreadable_keys` lists every key the SDK's
declared input type does not have, by dotted path (``destination.resource_id``), so the report
can show them and the policy pack can refuse what it cannot read.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ..model import UNKNOWN
from ..sdk import TypeSpec

SIG_KEY = "4dabf18193072939515e22adb298388d"
SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270"
RESOURCE_REF_SIG = "5cf8f73096256a8f31e491e813e4eb8e"
OUTPUT_VALUE_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4"
ASSET_SIGS = frozenset({"c44067f5952c0a294b673a41bacd8c17", "0def7320c3a5731c473e5ecbe6d01bc7"})


def replace_resource_refs(value: Any) -> Any:
    """Resource references -> the referenced resource's id (custom) or urn (component):
    ``pulumi_policy``'s deserializer rejects references (it asserts on unknown signatures)."""
    if isinstance(value, dict):
        if value.get(SIG_KEY) == RESOURCE_REF_SIG:
            ref_id = value.get("id")
            return ref_id if isinstance(ref_id, str) and ref_id else value.get("urn", "")
        return {k: replace_resource_refs(v) for k, v in value.items()}
    if isinstance(value, list):
        return [replace_resource_refs(v) for v in value]
    return value


# -- output values (what the engine hands a resource's own transforms) ----------------------------
def output_value(value: Any, dependencies: list[str]) -> dict[str, Any]:
    """``value`` as an output value carrying ``dependencies`` (secrets and unknowns become the
    output's ``secret`` flag and missing ``value``, as the engine's unmarshalling does)."""
    out: dict[str, Any] = {SIG_KEY: OUTPUT_VALUE_SIG, "dependencies": sorted(set(dependencies))}
    if isinstance(value, dict) and value.get(SIG_KEY) == SECRET_SIG:
        out["secret"] = True
        value = value.get("value")
    if value != UNKNOWN:
        out["value"] = value
    return out


def output_dependencies(value: Any) -> set[str]:
    """Every dependency URN the output values inside ``value`` carry."""
    found: set[str] = set()
    if isinstance(value, dict):
        if value.get(SIG_KEY) == OUTPUT_VALUE_SIG:
            found.update(u for u in value.get("dependencies", []) if isinstance(u, str))
            found |= output_dependencies(value.get("value"))
            return found
        for v in value.values():
            found |= output_dependencies(v)
    elif isinstance(value, list):
        for v in value:
            found |= output_dependencies(v)
    return found


def plain(value: Any) -> Any:
    """Output values replaced by what a provider receives: their value (a secret stays a secret),
    or unknown when the output is not known."""
    if isinstance(value, dict):
        if value.get(SIG_KEY) == OUTPUT_VALUE_SIG:
            if "value" not in value:
                return UNKNOWN
            inner = plain(value["value"])
            return {SIG_KEY: SECRET_SIG, "value": inner} if value.get("secret") else inner
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


# -- which keys a provider reads --------------------------------------------------------------
def _variant_for(value: Mapping[str, Any], spec: TypeSpec) -> list[TypeSpec]:
    """The union members ``value`` may be: those whose discriminator (a one-value enum property)
    it matches, else every object member."""
    members = [v for v in spec.variants if v.kind == "object"]
    matching = []
    for member in members:
        consts = {k: p.enum[0] for k, p in member.properties.items() if p.enum and len(p.enum) == 1}
        if consts and all(value.get(k) == c for k, c in consts.items() if k in value) and any(k in value for k in consts):
            matching.append(member)
    return matching or members


def _walk(value: Any, spec: TypeSpec | None, path: str) -> Iterator[str]:
    if spec is None or value == UNKNOWN:
        return
    if isinstance(value, dict) and SIG_KEY in value:
        if value.get(SIG_KEY) in (SECRET_SIG, OUTPUT_VALUE_SIG) and "value" in value:
            yield from _walk(value["value"], spec, path)
        return
    if spec.kind == "union" and isinstance(value, dict):
        members = _variant_for(value, spec)
        known = set().union(*(m.properties for m in members)) if members else set()
        if not known:
            return
        for key, item in value.items():
            if key not in known:
                yield f"{path}.{key}" if path else key
                continue
            prop = next(m.properties[key] for m in members if key in m.properties)
            yield from _walk(item, prop, f"{path}.{key}" if path else key)
        return
    if spec.kind == "object" and isinstance(value, dict):
        if not spec.properties:  # an object the SDK types without properties reads anything
            return
        for key, item in value.items():
            prop = spec.properties.get(key)
            here = f"{path}.{key}" if path else key
            if prop is None:
                yield here
            else:
                yield from _walk(item, prop, here)
        return
    if spec.kind == "array" and isinstance(value, list):
        for i, item in enumerate(value):
            yield from _walk(item, spec.items, f"{path}[{i}]")
        return
    if spec.kind == "map" and isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, spec.items, f"{path}.{key}" if path else key)


#: Inputs the engine itself adds to a provider resource (``version``, download URL): not the
#: program's keys, so never "unreadable".
ENGINE_PROVIDER_KEYS = frozenset({"version", "pluginDownloadURL", "pluginChecksums"})


def unreadable_keys(inputs: Mapping[str, Any], spec: TypeSpec | None, *, provider: bool = False) -> list[str]:
    """Dotted paths of the keys in ``inputs`` that input type ``spec`` does not declare (so the
    provider does not read them), in input order; empty when the SDK does not know the type."""
    if spec is None or spec.kind != "object" or not spec.properties:
        return []
    value = {k: v for k, v in inputs.items() if not (provider and k in ENGINE_PROVIDER_KEYS)}
    return list(dict.fromkeys(_walk(value, spec, "")))
