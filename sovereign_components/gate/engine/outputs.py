"""What the monitor answers a resource registration with: its id and its outputs.

Two views of the same answer:

* **the program's** (``program``): every output property the resource type declares in its SDK
  (azure-native or any other installed provider SDK, e.g. pulumi-random's ``result``) has a
  value, so the program's own code never reads ``None``. An input echoes where the output has
  the input's shape, nested objects are completed from the output type, and what Azure computes
  is a typed placeholder (:mod:`.placeholders`) — except the values that must look real
  (:mod:`.arm`: ids, endpoint URLs, identity GUIDs). Under ``--unknowns`` (the preview-faithful
  mode) only the inputs echo, as ``pulumi preview`` does for a resource about to be created;
  computed outputs stay unknown (the SDK resolves an output the monitor does not return as
  unknown in a dry run), never ``None``.
* **the policies'** (``policy``): the inputs plus the realistic values, never a placeholder. In a
  real preview, stack policies see a new resource's checked inputs echoed as its outputs; a made-up
  ``publicNetworkAccess`` or region must not reach a rule.

Components answer with their inputs; providers with a stable GUID id (unknown under
``--unknowns``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..model import PROVIDER_TYPE_PREFIX, UNKNOWN
from ..sdk import ResourceSpec, TypeSpec
from . import arm
from .identity import DEFAULT, Identity
from .placeholders import fits, placeholder
from .wire import SIG_KEY


@dataclass
class Answer:
    """The id and outputs a registration is answered with."""

    id: str
    program: dict[str, Any]
    policy: dict[str, Any]
    #: whether any output is a placeholder (for the report's "emulated" list)
    placeholders: bool = False


def complete(value: Any, spec: TypeSpec | None, key: str, depth: int = 1, identity: Identity = DEFAULT) -> Any:
    """``value`` (an input) shaped as output type ``spec``: objects get the declared properties
    they lack (``depth`` levels down), lists their items completed; a value of another shape is
    replaced by a placeholder (an SDK output class would reject it)."""
    if spec is None or value == UNKNOWN or depth < 0:
        return value
    if isinstance(value, dict) and SIG_KEY in value:  # a secret or other special value: keep
        return value
    if not fits(value, spec):
        return placeholder(spec, key, identity=identity)
    if spec.kind == "object" and isinstance(value, dict):
        out = {k: complete(v, spec.properties.get(k), k, depth - 1, identity) for k, v in value.items()}
        for wire, prop in spec.properties.items():
            if wire not in out:
                out[wire] = placeholder(prop, wire, depth=1, identity=identity,
                                        description=spec.descriptions.get(wire, ""))
        return out
    if spec.kind == "array" and isinstance(value, list):
        return [complete(v, spec.items, key, depth, identity) for v in value]
    if spec.kind == "map" and isinstance(value, dict):
        return {k: complete(v, spec.items, k, depth, identity) for k, v in value.items()}
    return value


def answer(token: str, logical_name: str, inputs: Mapping[str, Any], spec: ResourceSpec | None, *,
           custom: bool, unknowns: bool, identity: Identity = DEFAULT) -> Answer:
    """The answer to registering ``token``/``logical_name`` with (checked) ``inputs``."""
    echo = dict(inputs)
    if not custom:
        return Answer("", echo, echo)
    if token.startswith(PROVIDER_TYPE_PREFIX):
        return Answer("" if unknowns else arm.stable_guid(token, logical_name), echo, echo)
    if unknowns:
        shaped = {**echo, **arm.preview_outputs(token, logical_name, inputs)}  # computed ids unknown
        return Answer("", shaped, shaped)
    declared = set(spec.inputs.properties) if spec is not None and spec.inputs is not None else None
    real = arm.computed_outputs(token, logical_name, inputs, identity, declared)
    policy = {**echo, **real}
    program = dict(echo)
    used = False
    if spec is not None:
        for wire, out_spec in spec.outputs.items():
            if wire in real:
                continue
            if wire in echo:
                program[wire] = complete(echo[wire], out_spec, wire, identity=identity)
            else:
                program[wire] = placeholder(out_spec, wire, identity=identity)
                used = True
        if spec.api_version and "azureApiVersion" in spec.outputs:
            program["azureApiVersion"] = spec.api_version
    program.update(real)
    resource_id = arm.arm_id(token, logical_name, inputs, identity, declared)
    if resource_id and token.startswith("azure-native:"):
        # the ARM response azure-native records as outputs carries the resource's `id` (a
        # `pulumi stack export` shows it): stack policies place a reference to this resource by it
        policy["id"] = resource_id
    return Answer(resource_id, program, policy, used)


def read_answer(token: str, resource_id: str, properties: Mapping[str, Any],
                spec: ResourceSpec | None, identity: Identity = DEFAULT) -> Answer:
    """The answer to reading an existing resource (``Resource.get``): the program gets typed
    placeholders (its real state is in Azure); policies get every declared output as unknown,
    so a rule that reads it is undecided instead of judging a made-up value."""
    program: dict[str, Any] = dict(properties)
    policy: dict[str, Any] = dict(properties)
    if resource_id:
        policy["id"] = resource_id  # the id the program read it by: known, as in its state
    if spec is not None:
        for wire, out_spec in spec.outputs.items():
            program.setdefault(wire, placeholder(out_spec, wire, identity=identity))
            policy.setdefault(wire, UNKNOWN)
    return Answer(resource_id, program, policy, spec is not None)
