"""What the SDK facts look like: types, resources and functions as plain data.

A Pulumi provider SDK for Python declares, for every resource, an input type (``<Class>Args``)
and output properties (getters typed ``pulumi.Output[T]``), and for every function a result
type; nested object types are ``@pulumi.input_type`` / ``@pulumi.output_type`` classes whose
getters carry the *wire* (camelCase) name. These classes are the facts the engine needs (which
types take a ``location``, what an output or an invoke result looks like) and the policy facts
generator reads (which inputs are switches, ids or URLs). They are turned into the JSON-able
shapes below once per SDK module (:mod:`.introspect`) and cached on disk (:mod:`.cache`).

Pure: no Pulumi import; this module only (de)serialises.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Final, Literal

Kind = Literal[
    "string", "integer", "number", "boolean", "array", "map", "object", "union", "any", "asset", "archive",
]
KINDS: Final[frozenset[str]] = frozenset(
    {"string", "integer", "number", "boolean", "array", "map", "object", "union", "any", "asset", "archive"}
)


@dataclass(eq=False)
class TypeSpec:
    """One SDK type.

    ``items``: the element type of an ``array`` or the value type of a ``map``. ``properties``:
    an ``object``'s properties by wire name; ``required`` the wire names the SDK requires;
    ``python_names`` wire -> Python name; ``descriptions`` wire -> first sentence of the
    property's docstring. ``enum``: the values of an enum (a ``string`` that may also be free
    text when ``open_enum`` — azure-native types many enums as ``Union[str, Enum]``).
    ``variants``: the members of a ``union`` (discriminated unions such as Event Grid
    destinations). ``name``: the SDK class an ``object`` came from (``pulumi_azure_native.
    eventgrid.outputs.StorageBlobDeadLetterDestinationResponse``), shared by every use of it, so
    object types form a graph (possibly cyclic), never copies.
    """

    kind: Kind
    items: TypeSpec | None = None
    properties: dict[str, TypeSpec] = field(default_factory=dict)
    required: frozenset[str] = frozenset()
    python_names: dict[str, str] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)
    enum: tuple[Any, ...] | None = None
    open_enum: bool = False
    variants: tuple[TypeSpec, ...] = ()
    name: str = ""

    def __repr__(self) -> str:  # cyclic graphs: never recurse
        detail = self.name or (f"items={self.items.kind}" if self.items else "")
        return f"TypeSpec({self.kind}{', ' + detail if detail else ''})"

    def walk(self, path: str = "") -> Iterator[tuple[str, TypeSpec]]:
        """(dotted wire path, type) of this type and every nested one, each object once per
        path (``[]`` for array items, ``{}`` for map values); cycles are cut."""
        yield from _walk(self, path, frozenset())


def _walk(spec: TypeSpec, path: str, seen: frozenset[int]) -> Iterator[tuple[str, TypeSpec]]:
    yield path, spec
    if id(spec) in seen:
        return
    seen = seen | {id(spec)}
    if spec.kind == "object":
        for wire, prop in spec.properties.items():
            yield from _walk(prop, f"{path}.{wire}" if path else wire, seen)
    elif spec.kind in ("array", "map") and spec.items is not None:
        yield from _walk(spec.items, f"{path}[]" if spec.kind == "array" else f"{path}{{}}", seen)
    elif spec.kind == "union":
        for variant in spec.variants:
            yield from _walk(variant, path, seen)


@dataclass(frozen=True)
class ResourceSpec:
    """A resource type of a provider SDK.

    ``inputs``: the ``<Class>Args`` type (an ``object``; empty when the SDK declares none).
    ``outputs``: every output property the resource class declares, by wire name.
    ``aliases``: the alias type tokens the class registers with (azure-native v2 and versioned
    tokens), so a state file or a program written against another spelling maps to this type.
    ``api_version``: the REST API version azure-native pins the class to (from its docstring).
    """

    token: str
    python_class: str
    inputs: TypeSpec
    outputs: dict[str, TypeSpec]
    aliases: tuple[str, ...] = ()
    api_version: str = ""

    @property
    def takes_location(self) -> bool:
        """Whether the resource's inputs have a ``location`` (so the provider defaults it)."""
        return "location" in self.inputs.properties


@dataclass(frozen=True)
class FunctionSpec:
    """A function (invoke) of a provider SDK: its arguments and its result type."""

    token: str
    python_function: str
    inputs: TypeSpec
    result: TypeSpec


# -- JSON --------------------------------------------------------------------------------
# A module document: {"types": {name: <type json>}, "resources": {token: ...}, "functions": {...}}.
# A type json is {"kind": ...} with "ref": name for a named object (looked up in "types").


def type_from_json(data: Mapping[str, Any], named: Mapping[str, TypeSpec]) -> TypeSpec:
    """A type document -> :class:`TypeSpec`; ``{"ref": name}`` resolves through ``named``."""
    ref = data.get("ref")
    if ref is not None:
        found = named.get(ref)
        return found if found is not None else TypeSpec("any", name=str(ref))
    kind = data.get("kind", "any")
    if kind not in KINDS:
        kind = "any"
    items = data.get("items")
    return TypeSpec(
        kind=kind,
        items=type_from_json(items, named) if isinstance(items, Mapping) else None,
        enum=tuple(data["enum"]) if isinstance(data.get("enum"), list) else None,
        open_enum=bool(data.get("openEnum", False)),
        variants=tuple(type_from_json(v, named) for v in data.get("variants", ())),
    )


def named_types_from_json(types: Mapping[str, Mapping[str, Any]]) -> dict[str, TypeSpec]:
    """The module's named object types, built in two passes so references (and cycles) resolve."""
    named = {name: TypeSpec("object", name=name) for name in types}
    for name, data in types.items():
        spec = named[name]
        props = data.get("properties", {})
        spec.properties = {wire: type_from_json(p, named) for wire, p in props.items()}
        spec.required = frozenset(data.get("required", ()))
        spec.python_names = dict(data.get("pythonNames", {}))
        spec.descriptions = dict(data.get("descriptions", {}))
    return named


def object_from_json(data: Mapping[str, Any], named: Mapping[str, TypeSpec]) -> TypeSpec:
    """An inline object document (a resource's inputs, a function's arguments)."""
    spec = TypeSpec("object", name=str(data.get("name", "")))
    spec.properties = {wire: type_from_json(p, named) for wire, p in data.get("properties", {}).items()}
    spec.required = frozenset(data.get("required", ()))
    spec.python_names = dict(data.get("pythonNames", {}))
    spec.descriptions = dict(data.get("descriptions", {}))
    return spec
