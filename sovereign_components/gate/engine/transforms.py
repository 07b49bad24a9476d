"""Resource transforms applied as the Pulumi engine applies them (``pkg/resource/deploy/source_eval.go``).

New-style transforms (``ResourceOptions(transforms=[...])``, ``pulumi.runtime.
register_resource_transform``) do not run in the program: the SDK registers each function with its
own callback server and sends a ``Callback{token, target}``; the *engine* calls it back
(``Callbacks.Invoke`` with a ``TransformRequest``) while registering the resource, and registers
what it returns. Under plain mocks they never run (the capture would hold the pre-transform
inputs, issue 13), so the monitor does exactly what the engine does:

* order: the resource's own transforms, then each ancestor's (nearest first), then the stack
  transforms registered so far (``RegisterStackTransform``; a transform registered later does
  not apply to resources registered earlier);
* each gets the properties and ``TransformResourceOptions`` the previous one returned; a response
  without properties/options keeps the previous ones;
* when the resource has transforms of its own, its properties are first upgraded to output
  values carrying their dependencies, and afterwards its property dependencies and dependencies
  are rebuilt from what came back (``depends_on`` of the options plus the outputs' dependencies);
  otherwise they stay as the SDK sent them.

Legacy ``transformations=`` run inside the program (the SDK applies them before it sends the
request), so the request already carries their result.

Thread-safe: registrations arrive on several RPC threads.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from google.protobuf import json_format, struct_pb2

from .wire import output_dependencies, output_value, plain


class TransformError(Exception):
    """A transform failed in the program (its message is the program's error)."""


def to_struct(value: Mapping[str, Any]) -> struct_pb2.Struct:
    struct = struct_pb2.Struct()
    struct.update(value)
    return struct


def from_struct(struct: struct_pb2.Struct) -> dict[str, Any]:
    return json_format.MessageToDict(struct)


@dataclass
class Transformed:
    """The result of the transforms for one registration."""

    props: dict[str, Any]
    options: Any  # resource_pb2.TransformResourceOptions
    property_dependencies: dict[str, list[str]]
    dependencies: list[str]
    applied: int = 0


@dataclass
class TransformTable:
    """Which transforms apply to which resource (the engine's ``resourceTransforms``, ``parents``
    and ``stackTransforms``)."""

    stack: list[Any] = field(default_factory=list)
    own: dict[str, list[Any]] = field(default_factory=dict)
    parents: dict[str, str] = field(default_factory=dict)
    stack_invoke: list[Any] = field(default_factory=list)
    _stubs: dict[str, Any] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def register_stack(self, callback: Any) -> None:
        with self._lock:
            self.stack.append(callback)

    def register_stack_invoke(self, callback: Any) -> None:
        with self._lock:
            self.stack_invoke.append(callback)

    def remember(self, urn: str, parent: str, own: list[Any]) -> None:
        """After a registration: its parent and own transforms apply to its children."""
        with self._lock:
            self.parents[urn] = parent
            self.own[urn] = list(own)

    def chain(self, own: list[Any], parent: str) -> list[Any]:
        """Own transforms, then each ancestor's, then the stack's (engine order)."""
        with self._lock:
            out = list(own)
            current, seen = parent, set()
            while current and current not in seen:
                seen.add(current)
                out.extend(self.own.get(current, ()))
                current = self.parents.get(current, "")
            out.extend(self.stack)
            return out

    def stub(self, target: str) -> Any:
        import grpc
        from pulumi.runtime.proto import callback_pb2_grpc

        with self._lock:
            stub = self._stubs.get(target)
            if stub is None:
                stub = callback_pb2_grpc.CallbacksStub(grpc.insecure_channel(target))
                self._stubs[target] = stub
            return stub

    def close(self) -> None:
        with self._lock:
            self._stubs.clear()


def _call(table: TransformTable, callback: Any, request: Any, response_type: Any) -> Any:
    import grpc
    from pulumi.runtime.proto import callback_pb2

    try:
        reply = table.stub(callback.target).Invoke(
            callback_pb2.CallbackInvokeRequest(token=callback.token, request=request.SerializeToString()))
    except grpc.RpcError as exc:
        details = exc.details() if hasattr(exc, "details") else str(exc)
        raise TransformError(details or str(exc)) from None
    return response_type.FromString(reply.response)


def apply_resource_transforms(table: TransformTable, request: Any, options: Any) -> Transformed:
    """Run the transforms that apply to ``request`` (a ``RegisterResourceRequest``) starting from
    ``options`` (its ``TransformResourceOptions``)."""
    from pulumi.runtime.proto import resource_pb2

    props = from_struct(request.object)
    prop_deps = {k: sorted(v.urns) for k, v in request.propertyDependencies.items()}
    deps = sorted(request.dependencies)
    callbacks = table.chain(list(request.transforms), request.parent)
    if not callbacks:
        return Transformed(props, options, prop_deps, deps)
    own = len(request.transforms) > 0
    if own:
        props = {k: output_value(v, prop_deps[k]) if prop_deps.get(k) else v for k, v in props.items()}
    for callback in callbacks:
        response = _call(table, callback, resource_pb2.TransformRequest(
            type=request.type, name=request.name, custom=request.custom, parent=request.parent,
            properties=to_struct(props), options=options), resource_pb2.TransformResponse)
        if response.HasField("properties"):
            props = from_struct(response.properties)
        if response.HasField("options"):
            options = response.options
    if own:
        prop_deps = {k: sorted(output_dependencies(v)) for k, v in props.items()}
        deps = sorted(set(options.depends_on).union(*prop_deps.values()))
    return Transformed(plain(props), options, prop_deps, deps, applied=len(callbacks))


def apply_invoke_transforms(table: TransformTable, token: str, args: dict[str, Any]) -> dict[str, Any]:
    """Run the stack invoke transforms (``register_invoke_transform``) over an invoke's args."""
    from pulumi.runtime.proto import resource_pb2

    with table._lock:
        callbacks = list(table.stack_invoke)
    for callback in callbacks:
        response = _call(table, callback, resource_pb2.TransformInvokeRequest(
            token=token, args=to_struct(args), options=resource_pb2.TransformInvokeOptions()),
            resource_pb2.TransformInvokeResponse)
        if response.HasField("args"):
            args = from_struct(response.args)
    return plain(args)
