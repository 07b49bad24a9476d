"""Read deployed or previewed Pulumi state into the engine's ``CapturedResource`` list.

Two inputs, both documented Pulumi CLI formats:

* ``pulumi stack export`` — ``{"version": 3, "deployment": {"manifest", "resources": [...]}}``
  with each resource's ``urn, custom, id, type, inputs, outputs, parent, dependencies,
  propertyDependencies, protect, provider``. Audit of what is deployed (pulumi-policy#253:
  run a pack against existing state without a preview).
* ``pulumi preview --json`` — ``{"steps": [{"op", "urn", "newState": {...}}], ...}``: the
  planned state of each resource (``newState``; for deletes only ``oldState`` exists and the
  resource is dropped, it will not be there after the update).

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
    kind: str  # "export" | "preview"
    #: Lines for the report's notes (e.g. "3 secrets could not be decrypted offline").
    notes: list[str] = field(default_factory=list)
    #: Stack config (``ns:key`` -> str) when the file carries it (``pulumi preview --json``
    #: prints the stack's config; exports do not), handed to policies as the engine would.
    config: dict[str, str] = field(default_factory=dict)


@dataclass
class _Counters:
    encrypted_secrets: int = 0


# -- urns ----------------------------------------------------------------------------------
def parse_urn(urn: str) -> tuple[str, str, str, str]:
    """``urn:pulumi:<stack>::<project>::<type chain>::<name>`` -> (stack, project, type, name).

    The type chain is ``parent$child`` types; the resource's own type is its last element.
    Names may contain ``::`` (pulumi allows it), so split from the left three times only.
    """
    if not isinstance(urn, str) or not urn.startswith("urn:pulumi:"):
        raise ValueError(f"not a Pulumi URN: {urn!r}")
    parts = urn[len("urn:pulumi:"):].split("::", 3)
    if len(parts) != 4:
        raise ValueError(f"not a Pulumi URN: {urn!r}")
    stack, project, chain, name = parts
    return stack, project, chain.rsplit("$", 1)[-1], name


# -- values --------------------------------------------------------------------------------
def _normalize(value: Any, counters: _Counters) -> Any:
    if isinstance(value, list):
        return [_normalize(v, counters) for v in value]
    if not isinstance(value, dict):
        return value
    sig = value.get(SIG_KEY)
    if sig == SECRET_SIG:
        if "value" in value:
            inner = _normalize(value["value"], counters)
        elif "plaintext" in value:
            try:
                inner = _normalize(json.loads(value["plaintext"]), counters)
            except (TypeError, json.JSONDecodeError):
                inner = value["plaintext"]
        else:  # "ciphertext": encrypted by the stack's secrets provider; unreadable offline
            counters.encrypted_secrets += 1
            inner = UNKNOWN
        return {SIG_KEY: SECRET_SIG, "value": inner}
    if sig == RESOURCE_REF_SIG:
        ref_id = value.get("id")
        return ref_id if isinstance(ref_id, str) and ref_id else value.get("urn", "")
    return {k: _normalize(v, counters) for k, v in value.items()}


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
        raise UsageError(f"{where}: {exc}") from None
    token = data.get("type") or urn_type
    inputs = _normalize(data.get("inputs") or {}, counters)
    outputs = _normalize(data.get("outputs") or {}, counters)
    prop_deps = data.get("propertyDependencies") or {}
    return CapturedResource(
        urn=urn,  # type: ignore[arg-type]
        type=token,
        name=name,
        parent=data.get("parent") or "",
        custom=_is_custom(data, token),
        inputs=inputs if isinstance(inputs, dict) else {},
        outputs=outputs if isinstance(outputs, dict) else {},
        protect=bool(data.get("protect", False)),
        dependencies=[d for d in data.get("dependencies") or [] if isinstance(d, str)],
        property_dependencies={k: [u for u in (v or []) if isinstance(u, str)] for k, v in prop_deps.items()},
        provider=_provider_ref(data.get("provider")),
        id=str(data.get("id") or ""),
    )


# -- formats -------------------------------------------------------------------------------
def _from_export(doc: dict[str, Any], source: str, counters: _Counters) -> list[CapturedResource]:
    version = doc.get("version")
    if version not in SUPPORTED_DEPLOYMENT_VERSIONS:
        raise UsageError(
            f"{source}: deployment version {version!r} is not supported "
            f"(expected {sorted(SUPPORTED_DEPLOYMENT_VERSIONS)}; re-export with a current `pulumi stack export`)"
        )
    deployment = doc.get("deployment")
    if not isinstance(deployment, dict):
        raise UsageError(f"{source}: 'deployment' must be an object")
    raw = deployment.get("resources") or []
    if not isinstance(raw, list):
        raise UsageError(f"{source}: 'deployment.resources' must be a list")
    resources = []
    for i, item in enumerate(raw):
        if not isinstance(item, dict):
            raise UsageError(f"{source}: deployment.resources[{i}] must be an object")
        if item.get("delete"):  # pending deletion of a replaced resource: not part of the stack
            continue
        resources.append(_resource(item, counters, f"{source}: deployment.resources[{i}]"))
    return resources


def _from_preview(doc: dict[str, Any], source: str, counters: _Counters) -> list[CapturedResource]:
    steps = doc.get("steps") or []
    if not isinstance(steps, list):
        raise UsageError(f"{source}: 'steps' must be a list")
    resources: dict[str, CapturedResource] = {}
    for i, step in enumerate(steps):
        if not isinstance(step, dict):
            raise UsageError(f"{source}: steps[{i}] must be an object")
        state = step.get("newState")
        if step.get("op") in _GONE_OPS or not isinstance(state, dict):
            continue
        merged = {"urn": step.get("urn"), **state}
        r = _resource(merged, counters, f"{source}: steps[{i}]")
        resources[r.urn] = r  # a replace emits create-replacement + replace: keep the last
    return list(resources.values())


def _identity(resources: list[CapturedResource], source: str) -> tuple[str, str]:
    for r in resources:
        stack, project, _, _ = parse_urn(r.urn)
        return project, stack
    raise UsageError(f"{source}: the file holds no resources")


def load_state(path: Path | str) -> StateFile:
    """Parse a ``pulumi stack export`` or ``pulumi preview --json`` file (raises UsageError)."""
    path = Path(path)
    source = str(path)
    text = read_text(path, "state file")
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageError(f"{source}: not JSON (line {exc.lineno}: {exc.msg})") from None
    return parse_state(doc, source)


def parse_state(doc: Any, source: str = "<state>") -> StateFile:
    """Parse an already-decoded state document (see :func:`load_state`)."""
    if not isinstance(doc, dict):
        raise UsageError(f"{source}: expected a JSON object")
    counters = _Counters()
    if "deployment" in doc:
        kind, resources = "export", _from_export(doc, source, counters)
    elif "steps" in doc:
        kind, resources = "preview", _from_preview(doc, source, counters)
    else:
        raise UsageError(
            f"{source}: neither a `pulumi stack export` file (no 'deployment') "
            "nor `pulumi preview --json` output (no 'steps')"
        )
    project, stack = _identity(resources, source)
    notes = []
    if counters.encrypted_secrets:
        notes.append(
            f"{counters.encrypted_secrets} encrypted secret value(s) cannot be read offline and are "
            "treated as unknown (export with --show-secrets to let policies read them)"
        )
    raw_config = doc.get("config") if kind == "preview" else None
    config = {
        str(k): v if isinstance(v, str) else json.dumps(v)
        for k, v in (raw_config.items() if isinstance(raw_config, dict) else [])
    }
    return StateFile(project=project, stack=stack, resources=resources, kind=kind, notes=notes, config=config)
