"""Read deployed or previewed Pulumi state into the engine's ``CapturedResource`` list.

Three inputs, two of them documented Pulumi CLI formats:

* ``pulumi stack export`` — ``{"version": 3, "deployment": {"manifest", "resources": [...]}}``
  with each resource's ``urn, custom, id, type, inputs, outputs, parent, dependencies,
  propertyDependencies, protect, provider``. Audit of what is deployed (pulumi-policy#253:
  run a pack against existing state without a preview).
* ``pulumi preview --json`` — ``{"steps": [{"op", "urn", "newState": {...}}], ...}``: the
  planned state of each resource (``newState``; for deletes only ``oldState`` exists and the
  resource is dropped, it will not be there after the update).
* the ``sovereign preview --format json`` report -- ``{"project", "stack", "policyPack",
  "resources": [...], "violations", "summary", "config"}`` -- whose resources carry every field
  the analysis read, so auditing a preview's own report gives the preview's verdicts. Secret
  values appear there masked (``"[secret]"``), as the report printed them.

Pure (no pulumi import): the CLI imports it when ``check-state`` runs, and tests parse
fixtures without paying for the SDK.

Values are rewritten to what ``pulumi_policy`` can deserialize:
* secrets in an export are ``{sig: secret, "ciphertext": ...}`` (encrypted, the default) or
  ``{sig: secret, "plaintext": "<JSON text>"}`` (``--show-secrets``); the analyzer's
  deserializer only accepts ``{sig: secret, "value": ...}``. Plaintext becomes its decoded
  value; ciphertext cannot be read offline, so its value becomes *unknown* and a policy that
  reads it is reported as undecided rather than guessed (fail visibly, never silently pass).
* resource references (``sig: 5cf8f7...``) become the referenced id (or urn), as the engine's
  capture does for live programs.
Tokens are kept verbatim (azure-native v2 ``documentdb``/``insights`` stay as deployed): the
pack canonicalises tokens itself, exactly as it must for a real ``pulumi preview`` of v2 state.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..files import read_text
from .model import UNKNOWN, CapturedResource

#: Pulumi's special-signature key and the signatures that appear in state files
#: (pulumi sdk/go/common/resource/properties.go; pulumi_policy/deserialize.py).
SIG_KEY = "4dabf18193072939515e22adb298388d"
SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270"
RESOURCE_REF_SIG = "5cf8f73096256a8f31e491e813e4eb8e"

#: Deployment versions ``pulumi stack import`` accepts today (apitype.DeploymentSchemaVersion*).
SUPPORTED_DEPLOYMENT_VERSIONS = frozenset({3})

#: Preview ``op``s whose resource no longer exists after the update (their newState is absent).
_GONE_OPS = frozenset({"delete", "discard", "delete-replaced", "remove-pending-replace"})


@dataclass
class StateFile:
    """What a state file holds, in the engine's vocabulary."""

    project: str
    stack: str
    resources: list[CapturedResource]
    kind: str  # "export" | "preview" | "report"
    #: Lines for the report's notes (e.g. "3 secrets could not be decrypted offline").
    notes: list[str] = field(default_factory=list)
    #: Stack config (``ns:key`` -> str) when the file carries it (``pulumi preview --json``
    #: prints the stack's config; exports do not), handed to policies as the engine would.
    config: dict[str, str] = field(default_factory=dict)


@dataclass
class _Counters:
    encrypted_secrets: int = 0


# -- reading JSON within bounds -------------------------------------------------------------
#: Nesting of a state document. Real exports nest a few levels per input object (an inlined
#: ARM template reaches ~20); the analyzer and pulumi_policy walk values recursively, so a
#: bound far below the interpreter's recursion limit keeps every later step safe.
MAX_DEPTH = 100
#: Digits of a JSON integer. Pulumi's property values are 64-bit floats (17 significant
#: digits); 100 is generous, and far below the 4,300 digits where Python's int() refuses.
MAX_INT_DIGITS = 100


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _bounded_int(text: str) -> int:
    digits = len(text.lstrip("-"))
    if digits > MAX_INT_DIGITS:
        raise ValueError(f"an integer with {digits:,} digits (Pulumi values are 64-bit numbers)")
    return int(text)


def _finite_float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise ValueError(f"the number {text[:40]} is too large for a 64-bit float")
    return value


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r} in one object (readers disagree on which one counts)")
        result[key] = value
    return result


def _depth_exceeds(doc: Any, limit: int) -> bool:
    """Whether ``doc`` nests deeper than ``limit`` (iterative: no recursion on hostile input)."""
    stack: list[tuple[Any, int]] = [(doc, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, (dict, list)):
            if depth > limit:
                return True
            children = value.values() if isinstance(value, dict) else value
            stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return False


def loads_bounded(text: str, source: str) -> Any:
    """``json.loads`` that refuses what Pulumi would not have written: NaN/Infinity, integers
    beyond :data:`MAX_INT_DIGITS`, duplicate keys, nesting beyond :data:`MAX_DEPTH`. Every
    refusal is a :class:`UsageError` naming ``source``."""
    try:
        doc = json.loads(text, parse_constant=_refuse_constant, parse_int=_bounded_int,
                         parse_float=_finite_float, object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as exc:
        raise UsageError(f"{source}: not JSON (line {exc.lineno}: {exc.msg})") from None
    except RecursionError:
        raise UsageError(f"{source}: JSON nested deeper than {MAX_DEPTH} levels") from None
    except ValueError as exc:
        raise UsageError(f"{source}: {exc}") from None
    if _depth_exceeds(doc, MAX_DEPTH):
        raise UsageError(f"{source}: JSON nested deeper than {MAX_DEPTH} levels")
    return doc


# -- urns ----------------------------------------------------------------------------------
def parse_urn(urn: str) -> tuple[str, str, str, str]:
    """``urn:pulumi:<stack>::<project>::<type chain>::<name>`` -> (stack, project, type, name).

    The type chain is ``parent$child`` types; the resource's own type is its last element.
    Names may contain ``::`` (pulumi allows it), so split from the left three times only.
    Every part must be non-empty.
    """
    if not isinstance(urn, str) or not urn.startswith("urn:pulumi:"):
        raise ValueError(f"not a Pulumi URN: {urn!r}")
    parts = urn[len("urn:pulumi:"):].split("::", 3)
    if len(parts) != 4 or not all(parts):
        raise ValueError(f"not a Pulumi URN: {urn!r}")
    stack, project, chain, name = parts
    token = chain.rsplit("$", 1)[-1]
    if not token:
        raise ValueError(f"not a Pulumi URN: {urn!r}")
    return stack, project, token, name


# -- values --------------------------------------------------------------------------------
def _normalize(value: Any, counters: _Counters, where: str) -> Any:
    if isinstance(value, list):
        return [_normalize(v, counters, where) for v in value]
    if not isinstance(value, dict):
        return value
    sig = value.get(SIG_KEY)
    if sig == SECRET_SIG:
        if "value" in value:
            inner = _normalize(value["value"], counters, where)
        elif isinstance(value.get("plaintext"), str):
            # plaintext is JSON text inside the file: read with the same bounds as the file
            inner = _normalize(loads_bounded(value["plaintext"], f"{where}: a secret's plaintext"), counters, where)
        elif "plaintext" in value:
            raise UsageError(f"{where}: a secret's 'plaintext' must be JSON text, got {value['plaintext']!r}")
        else:  # "ciphertext": encrypted by the stack's secrets provider; unreadable offline
            counters.encrypted_secrets += 1
            inner = UNKNOWN
        return {SIG_KEY: SECRET_SIG, "value": inner}
    if sig == RESOURCE_REF_SIG:
        ref_id, ref_urn = value.get("id"), value.get("urn")
        if isinstance(ref_id, str) and ref_id:
            return ref_id
        if isinstance(ref_urn, str):
            return ref_urn
        raise UsageError(f"{where}: a resource reference needs a string 'urn' or 'id'")
    return {k: _normalize(v, counters, where) for k, v in value.items()}


# -- fields --------------------------------------------------------------------------------
def _is_bool(value: Any) -> bool:
    return isinstance(value, bool)


def _is_object(value: Any) -> bool:
    return isinstance(value, dict)


def _is_urn(value: Any) -> bool:
    try:
        parse_urn(value)
    except ValueError:
        return False
    return True


def _is_urn_list(value: Any) -> bool:
    return isinstance(value, list) and all(_is_urn(v) for v in value)


def _is_string_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _is_urn_map(value: Any) -> bool:
    return isinstance(value, dict) and all(_is_urn_list(v) for v in value.values())


def _is_provider_ref(value: Any) -> bool:
    """``<provider urn>::<provider id>`` naming a ``pulumi:providers:*`` resource."""
    if not isinstance(value, str) or "::" not in value:
        return False
    urn, _, _ = value.rpartition("::")
    try:
        return parse_urn(urn)[2].startswith("pulumi:providers:")
    except ValueError:
        return False


#: The resource fields of a state file this reader uses or vouches for: field -> (check, what
#: the message says it must be, whether JSON ``null`` means "absent"). Fields not listed are
#: ignored (newer CLIs add fields). ``custom`` and ``type`` are never null: a null ``custom``
#: reads as false in Pulumi's Go code, which would turn a resource into an unanalysed component.
RESOURCE_FIELDS: dict[str, tuple[Callable[[Any], bool], str, bool]] = {
    "type": (lambda v: isinstance(v, str) and bool(v), "a non-empty type token", False),
    "custom": (_is_bool, "true or false", False),
    "delete": (_is_bool, "true or false", True),
    "protect": (_is_bool, "true or false", True),
    "external": (_is_bool, "true or false", True),
    "pendingReplacement": (_is_bool, "true or false", True),
    "retainOnDelete": (_is_bool, "true or false", True),
    "taint": (_is_bool, "true or false", True),
    "id": (lambda v: isinstance(v, str), "a string", True),
    "inputs": (_is_object, "an object", True),
    "outputs": (_is_object, "an object", True),
    "parent": (lambda v: v == "" or _is_urn(v), "a URN", True),
    "dependencies": (_is_urn_list, "a list of URNs", True),
    "propertyDependencies": (_is_urn_map, "an object mapping property names to lists of URNs", True),
    "provider": (lambda v: v == "" or _is_provider_ref(v), "'<provider URN>::<provider id>'", True),
    "aliases": (_is_urn_list, "a list of URNs", True),
    "deletedWith": (lambda v: v == "" or _is_urn(v), "a URN", True),
    "additionalSecretOutputs": (_is_string_list, "a list of strings", True),
    "initErrors": (_is_string_list, "a list of strings", True),
    "name": (lambda v: isinstance(v, str) and bool(v), "the resource's name", True),
    "unreadableKeys": (_is_string_list, "a list of strings", True),
}


def _check_fields(data: dict[str, Any], where: str) -> None:
    for name, (check, expected, nullable) in RESOURCE_FIELDS.items():
        if name not in data or (nullable and data[name] is None):
            continue
        value = data[name]
        if not check(value):
            shown = json.dumps(value)[:80] if not isinstance(value, str) else repr(value[:80])
            raise UsageError(f"{where}: field '{name}' must be {expected}, got {shown}")


def _provider_ref(ref: Any) -> str:
    """State keeps ``<provider urn>::<provider id>``; the capture keeps the same string."""
    return ref if isinstance(ref, str) else ""


def _is_custom(data: dict[str, Any], token: str) -> bool:
    """``custom`` as recorded; a file without the key (hand-made, or another tool's) is audited
    fail-closed: everything but Pulumi's own types (stack, providers) counts as a custom
    resource, so resource policies see it instead of skipping it as a component."""
    if "custom" in data:
        return bool(data["custom"])
    return not token.startswith("pulumi:")


def _resource(data: dict[str, Any], counters: _Counters, where: str) -> CapturedResource:
    urn = data.get("urn")
    try:
        _, _, urn_type, name = parse_urn(urn)  # type: ignore[arg-type]
    except ValueError as exc:
        raise UsageError(f"{where}: field 'urn': {exc}") from None
    where = f"{where} ({urn})"
    _check_fields(data, where)
    token = data.get("type") or urn_type
    if token != urn_type:
        raise UsageError(f"{where}: field 'type' is {token!r} but the URN names the type {urn_type!r}")
    if data.get("name") not in (None, name):
        raise UsageError(f"{where}: field 'name' is {data['name']!r} but the URN names {name!r}")
    inputs = _normalize(data.get("inputs") or {}, counters, where)
    outputs = _normalize(data.get("outputs") or {}, counters, where)
    return CapturedResource(
        urn=urn,  # type: ignore[arg-type]
        type=token,
        name=name,
        parent=data.get("parent") or "",
        custom=_is_custom(data, token),
        inputs=inputs,
        outputs=outputs,
        protect=bool(data.get("protect") or False),
        dependencies=list(data.get("dependencies") or []),
        property_dependencies={k: list(v) for k, v in (data.get("propertyDependencies") or {}).items()},
        provider=_provider_ref(data.get("provider")),
        id=data.get("id") or "",
        aliases=list(data.get("aliases") or []),
        unreadable_keys=list(data.get("unreadableKeys") or []),
        external=bool(data.get("external") or False),
    )


# -- formats -------------------------------------------------------------------------------
def _from_export(doc: dict[str, Any], source: str, counters: _Counters) -> list[CapturedResource]:
    version = doc.get("version")
    if isinstance(version, bool) or version not in SUPPORTED_DEPLOYMENT_VERSIONS:
        raise UsageError(
            f"{source}: deployment version {version!r} is not supported "
            f"(expected {sorted(SUPPORTED_DEPLOYMENT_VERSIONS)}; re-export with a current `pulumi stack export`)"
        )
    deployment = doc.get("deployment")
    if not isinstance(deployment, dict):
        raise UsageError(f"{source}: 'deployment' must be an object")
    raw = deployment.get("resources")
    if raw is None:
        raw = []
    if not isinstance(raw, list):
        raise UsageError(f"{source}: 'deployment.resources' must be a list")
    resources = []
    for i, item in enumerate(raw):
        where = f"{source}: deployment.resources[{i}]"
        if not isinstance(item, dict):
            raise UsageError(f"{where} must be an object")
        resource = _resource(item, counters, where)
        if item.get("delete"):  # pending deletion of a replaced resource: not part of the stack
            continue
        resources.append(resource)
    return resources


def _from_preview(doc: dict[str, Any], source: str, counters: _Counters) -> list[CapturedResource]:
    steps = doc.get("steps")
    if steps is None:
        steps = []
    if not isinstance(steps, list):
        raise UsageError(f"{source}: 'steps' must be a list")
    resources: dict[str, CapturedResource] = {}
    for i, step in enumerate(steps):
        where = f"{source}: steps[{i}]"
        if not isinstance(step, dict):
            raise UsageError(f"{where} must be an object")
        op, urn, state = step.get("op"), step.get("urn"), step.get("newState")
        if not isinstance(op, str):
            raise UsageError(f"{where}: field 'op' must be a string, got {json.dumps(op)[:80]}")
        if op in _GONE_OPS:
            continue
        if not isinstance(state, dict):
            # a step that keeps or creates a resource without its planned state would let the
            # resource skip the audit: fail closed
            raise UsageError(f"{where} ({urn}): op '{op}' needs a 'newState' object")
        if urn is not None and state.get("urn") not in (None, urn):
            raise UsageError(f"{where}: field 'urn' is {urn!r} but newState.urn is {state.get('urn')!r}")
        r = _resource({"urn": urn, **state}, counters, where)
        resources[r.urn] = r  # a replace emits create-replacement + replace: keep the last
    return list(resources.values())


def _from_report(doc: dict[str, Any], source: str, counters: _Counters) -> list[CapturedResource]:
    raw = doc.get("resources")
    if not isinstance(raw, list):
        raise UsageError(f"{source}: 'resources' must be a list")
    resources = []
    for i, item in enumerate(raw):
        where = f"{source}: resources[{i}]"
        if not isinstance(item, dict):
            raise UsageError(f"{where} must be an object")
        resources.append(_resource(item, counters, where))
    return resources


#: Top-level keys that tell the three formats apart: format -> (its key, its reader).
FORMATS: dict[str, tuple[str, Callable[[dict[str, Any], str, _Counters], list[CapturedResource]]]] = {
    "export": ("deployment", _from_export),
    "preview": ("steps", _from_preview),
    "report": ("policyPack", _from_report),
}


def _identity(resources: list[CapturedResource], source: str) -> tuple[str, str]:
    """The one (project, stack) of the file; resources of several stacks, or one URN twice,
    are refused: a state file is one stack, and the audit could not say which copy it judged."""
    if not resources:
        raise UsageError(f"{source}: the file holds no resources")
    stack, project, _, _ = parse_urn(resources[0].urn)
    seen: set[str] = set()
    for r in resources:
        other_stack, other_project, _, _ = parse_urn(r.urn)
        if (other_stack, other_project) != (stack, project):
            raise UsageError(f"{source}: resource {r.urn} belongs to stack '{other_stack}' of project "
                             f"'{other_project}', the file's first resource to '{stack}' of '{project}'")
        if r.urn in seen:
            raise UsageError(f"{source}: resource {r.urn} appears twice")
        seen.add(r.urn)
    return project, stack


def load_state(path: Path | str) -> StateFile:
    """Parse a ``pulumi stack export`` or ``pulumi preview --json`` file (raises UsageError)."""
    path = Path(path)
    source = str(path)
    text = read_text(path, "state file")
    return parse_state(loads_bounded(text, source), source)


def _config(raw: Any, source: str) -> dict[str, str]:
    """``pulumi preview --json``'s ``config`` (``ns:key`` -> value) as Pulumi hands it to policies."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise UsageError(f"{source}: 'config' must be an object")
    return {str(k): v if isinstance(v, str) else json.dumps(v) for k, v in raw.items()}


def parse_state(doc: Any, source: str = "<state>") -> StateFile:
    """Parse an already-decoded state document (see :func:`load_state`): every malformed field
    is a :class:`UsageError` naming the resource (index and URN) and the field."""
    if not isinstance(doc, dict):
        raise UsageError(f"{source}: expected a JSON object")
    if _depth_exceeds(doc, MAX_DEPTH):
        raise UsageError(f"{source}: JSON nested deeper than {MAX_DEPTH} levels")
    counters = _Counters()
    found = [kind for kind, (key, _) in FORMATS.items() if key in doc]
    if not found:
        raise UsageError(
            f"{source}: neither a `pulumi stack export` file (no 'deployment'), nor `pulumi preview --json` "
            "output (no 'steps'), nor a `sovereign preview --format json` report (no 'policyPack')"
        )
    if len(found) > 1:
        raise UsageError(f"{source}: holds the keys of several formats ({', '.join(FORMATS[k][0] for k in found)}); "
                         "which one to audit is ambiguous")
    kind = found[0]
    resources = FORMATS[kind][1](doc, source, counters)
    project, stack = _identity(resources, source)
    for key, value in (("project", project), ("stack", stack)):
        if kind == "report" and doc.get(key) not in (None, value):
            raise UsageError(f"{source}: '{key}' is {doc.get(key)!r} but the resources belong to {value!r}")
    notes = []
    if counters.encrypted_secrets:
        notes.append(
            f"{counters.encrypted_secrets} encrypted secret value(s) cannot be read offline and are "
            "treated as unknown (export with --show-secrets to let policies read them)"
        )
    config = _config(doc.get("config"), source) if kind in ("preview", "report") else {}
    return StateFile(project=project, stack=stack, resources=resources, kind=kind, notes=notes, config=config)
