"""Read one provider SDK module's facts from its Python classes (run in the SDK's interpreter).

A Pulumi Python SDK module is a folder of generated files: one per resource (``<Class>Args``
plus the resource class whose getters are its outputs), one per function (``get_x``/``list_x``
calling ``pulumi.runtime.invoke('<token>', ..., typ=<Result>)``), and ``_inputs.py`` /
``outputs.py`` / ``_enums.py`` with the nested types. The *types* come from the classes
themselves (``typing.get_type_hints`` on the getters, ``pulumi._types`` wire names); only what
Python does not expose — a resource's type token, its alias tokens and the invoke token — is
read from the generated source, where the generator writes it verbatim.

``python -m sovereign_components.gate.sdk.introspect MODULE`` prints the module document as
JSON (used when the program's interpreter is not the gate's, see :mod:`.schema`).
"""

from __future__ import annotations

import enum
import importlib
import inspect
import json
import re
import sys
import typing
from collections.abc import Awaitable, Mapping, Sequence
from pathlib import Path
from typing import Any

#: Files of an SDK module that hold shared types, not a resource or function.
_SUPPORT_FILES = frozenset({"__init__.py", "_inputs.py", "outputs.py", "_enums.py", "_utilities.py"})
_RESOURCE_TOKEN = re.compile(r"super\((\w+), __self__\)\.__init__\(\s*'([^']+)'")
_ALIAS = re.compile(r'Alias\(type_="([^"]+)"\)')
_API_VERSION = re.compile(r"Uses Azure REST API version ([0-9][\w\-]*)")
_INVOKE = re.compile(r"pulumi\.runtime\.invoke\(\s*'([^']+)',\s*__args__,\s*opts=opts,\s*typ=(\w+)\)")
_INVOKE_ARG = re.compile(r"__args__\['(\w+)'\] = (\w+)")
#: Longest description kept per property (the first sentence is what a reader needs).
_DESCRIPTION_CHARS = 240


def _first_sentence(doc: str | None) -> str:
    text = " ".join((doc or "").split())
    cut = text.find(". ")
    text = text[: cut + 1] if 0 < cut < _DESCRIPTION_CHARS else text
    return text[:_DESCRIPTION_CHARS]


class _Converter:
    """Python annotations -> type documents; named object types collected in ``types``."""

    def __init__(self) -> None:
        import pulumi

        self.pulumi = pulumi
        self.types: dict[str, dict[str, Any]] = {}

    # -- classification -------------------------------------------------------------------
    def _is_object_class(self, tp: Any) -> bool:
        from pulumi import _types

        return inspect.isclass(tp) and (_types.is_input_type(tp) or _types.is_output_type(tp))

    def _strip(self, members: Sequence[Any]) -> list[Any]:
        """Union members that carry a value shape: no None, Awaitable or Output wrappers, and no
        ``*ArgsDict`` TypedDict twin when its ``*Args`` class is there too."""
        out = []
        for member in members:
            if member is type(None):
                continue
            origin = typing.get_origin(member)
            if origin is self.pulumi.Output or origin is Awaitable or origin is typing.Awaitable:
                continue
            if member is self.pulumi.Output:
                continue
            out.append(member)
        classes = {m.__name__ for m in out if inspect.isclass(m)}
        return [m for m in out if not (typing.is_typeddict(m) and m.__name__.removesuffix("Dict") in classes)]

    # -- conversion -----------------------------------------------------------------------
    def convert(self, tp: Any) -> dict[str, Any]:
        origin = typing.get_origin(tp)
        args = typing.get_args(tp)
        if origin is typing.Union or (sys.version_info >= (3, 10) and origin is __import__("types").UnionType):
            members = self._strip(args)
            if not members:
                return {"kind": "any"}
            if len(members) == 1:
                return self.convert(members[0])
            enums = [m for m in members if inspect.isclass(m) and issubclass(m, enum.Enum)]
            if enums and all(m is str or m in enums for m in members):  # Union[str, SomeEnum]
                return {**self.convert(enums[0]), "openEnum": str in members}
            converted = [self.convert(m) for m in members]
            if all(c.get("kind") == converted[0].get("kind") and "ref" not in c for c in converted):
                return converted[0]
            return {"kind": "union", "variants": converted}
        if origin is self.pulumi.Output or (inspect.isclass(origin) and issubclass(origin, Awaitable)):
            return self.convert(args[0]) if args else {"kind": "any"}
        if origin in (list, Sequence, typing.Sequence, tuple) or (inspect.isclass(origin) and origin is not str
                                                                 and issubclass(origin, Sequence)):
            return {"kind": "array", "items": self.convert(args[0]) if args else {"kind": "any"}}
        if origin in (dict, Mapping, typing.Mapping) or (inspect.isclass(origin) and issubclass(origin, Mapping)):
            return {"kind": "map", "items": self.convert(args[1]) if len(args) > 1 else {"kind": "any"}}
        if tp is str:
            return {"kind": "string"}
        if tp is bool:
            return {"kind": "boolean"}
        if tp is int:
            return {"kind": "integer"}
        if tp is float:
            return {"kind": "number"}
        if inspect.isclass(tp):
            if issubclass(tp, enum.Enum):
                values = [m.value for m in tp]
                kind = "number" if values and all(isinstance(v, (int, float)) for v in values) else "string"
                return {"kind": kind, "enum": values}
            if issubclass(tp, self.pulumi.Archive):
                return {"kind": "archive"}
            if issubclass(tp, self.pulumi.Asset):
                return {"kind": "asset"}
            if self._is_object_class(tp):
                return {"ref": self.named(tp)}
            if issubclass(tp, (list, tuple)):
                return {"kind": "array", "items": {"kind": "any"}}
            if issubclass(tp, dict):
                return {"kind": "map", "items": {"kind": "any"}}
        return {"kind": "any"}

    def named(self, cls: type) -> str:
        name = f"{cls.__module__}.{cls.__qualname__}"
        if name not in self.types:
            self.types[name] = {}  # placeholder first: self-referencing types end here
            self.types[name] = self.object_doc(cls)
        return name

    def object_doc(self, cls: type) -> dict[str, Any]:
        """An input/output class -> {properties, required, pythonNames, descriptions}."""
        properties: dict[str, Any] = {}
        python_names: dict[str, str] = {}
        descriptions: dict[str, str] = {}
        for py_name, wire, prop in _getters(cls):
            properties[wire] = self.convert(_return_type(prop.fget))
            python_names[wire] = py_name
            text = _first_sentence(prop.fget.__doc__)
            if text:
                descriptions[wire] = text
        required = sorted(w for w, p in python_names.items() if p in _required_init_params(cls))
        return {"properties": properties, "required": required, "pythonNames": python_names,
                "descriptions": descriptions}


def _getters(cls: type) -> list[tuple[str, str, property]]:
    """(python name, wire name, property) of every getter ``pulumi.getter`` named, MRO order."""
    out: dict[str, tuple[str, str, property]] = {}
    for klass in reversed(cls.__mro__):
        for py_name, attr in vars(klass).items():
            if isinstance(attr, property) and attr.fget is not None:
                wire = getattr(attr.fget, "_pulumi_name", None)
                if isinstance(wire, str):
                    out[py_name] = (py_name, wire, attr)
    return list(out.values())


def _hint_names() -> dict[str, Any]:
    """Names ``pulumi.Input[T]`` leaves as forward references (``Union[T, Awaitable[T],
    'Output[T]']``): resolved here so the hints of generated getters evaluate."""
    import pulumi

    return {"Output": pulumi.Output, "T": Any}


def _hints(fn: Any) -> dict[str, Any]:
    try:
        return typing.get_type_hints(fn, localns=_hint_names())
    except Exception:  # noqa: BLE001 - an unresolvable forward reference is "any", not a crash
        return {}


def _return_type(fn: Any) -> Any:
    return _hints(fn).get("return", Any)


def _required_init_params(cls: type) -> set[str]:
    try:
        sig = inspect.signature(cls.__init__)
    except (TypeError, ValueError):
        return set()
    return {
        name for name, p in sig.parameters.items()
        if name not in ("self", "__self__") and p.default is inspect.Parameter.empty
        and p.kind not in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
    }


def _files(module: Any) -> list[Path]:
    path = getattr(module, "__file__", None)
    if not path or not path.endswith("__init__.py"):
        return []
    return sorted(p for p in Path(path).parent.glob("*.py") if p.name not in _SUPPORT_FILES)


def _resource_doc(conv: _Converter, mod: Any, source: str) -> tuple[str, dict[str, Any]] | None:
    match = _RESOURCE_TOKEN.search(source)
    if match is None:
        return None
    class_name, token = match.groups()
    cls = getattr(mod, class_name, None)
    if cls is None:
        return None
    if ":" not in token:  # a ProviderResource registers with its package name
        token = f"pulumi:providers:{token}"
    # ``<Class>InitArgs`` first: the generator uses that name when ``<Class>Args`` is already a
    # nested input type (network ``SubnetArgs(id=...)``), which the module also re-exports.
    args_cls = next((getattr(mod, class_name + s) for s in ("InitArgs", "Args") if hasattr(mod, class_name + s)), None)
    inputs: dict[str, Any] = {"properties": {}, "required": [], "pythonNames": {}, "descriptions": {}}
    args_name = f"{mod.__name__}.{class_name}Args"
    if args_cls is not None and conv._is_object_class(args_cls):
        inputs = conv.object_doc(args_cls)
        args_name = f"{mod.__name__}.{args_cls.__name__}"
    outputs = {}
    for _, wire, prop in _getters(cls):
        outputs[wire] = conv.convert(_return_type(prop.fget))
    api = _API_VERSION.search(source)
    return token, {
        "pythonClass": f"{mod.__name__}.{class_name}",
        "inputs": {**inputs, "name": args_name},
        "outputs": outputs,
        "aliases": sorted(set(_ALIAS.findall(source))),
        "apiVersion": api.group(1) if api else "",
    }


def _function_doc(conv: _Converter, mod: Any, source: str, stem: str) -> tuple[str, dict[str, Any]] | None:
    match = _INVOKE.search(source)
    fn = getattr(mod, stem, None)
    if match is None or fn is None:
        return None
    token, result_name = match.groups()
    result_cls = getattr(mod, result_name, None)
    result = conv.convert(result_cls) if result_cls is not None else {"kind": "any"}
    hints = _hints(fn)
    sig = inspect.signature(fn)
    properties, python_names, required = {}, {}, []
    for wire, py_name in _INVOKE_ARG.findall(source):
        if py_name in python_names.values():
            continue
        properties[wire] = conv.convert(hints.get(py_name, Any))
        python_names[wire] = py_name
        param = sig.parameters.get(py_name)
        if param is not None and param.default is inspect.Parameter.empty:
            required.append(wire)
    return token, {
        "pythonFunction": f"{mod.__name__}.{stem}",
        "inputs": {"properties": properties, "required": required, "pythonNames": python_names,
                   "descriptions": {}, "name": f"{mod.__name__}.{stem}"},
        "result": result,
    }


def introspect_module(name: str) -> dict[str, Any]:
    """The document of SDK module ``name`` (``pulumi_azure_native.storage``, ``pulumi_random``):
    ``{"module", "resources": {token: ...}, "functions": {token: ...}, "types": {name: ...}}``."""
    module = importlib.import_module(name)
    conv = _Converter()
    resources: dict[str, Any] = {}
    functions: dict[str, Any] = {}
    for path in _files(module):
        try:
            source = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if "__init__(" not in source and "runtime.invoke(" not in source:
            continue
        mod = importlib.import_module(f"{name}.{path.stem}")
        found = _resource_doc(conv, mod, source)
        if found is not None:
            resources[found[0]] = found[1]
            continue
        found = _function_doc(conv, mod, source, path.stem)
        if found is not None:
            functions[found[0]] = found[1]
    return {"module": name, "resources": resources, "functions": functions, "types": conv.types}


def alias_index(package: str) -> dict[str, str]:
    """Alias type token -> the resource token that declares it, for a whole SDK package, read
    from the generated sources without importing them (2,000+ files of azure-native in well
    under a second): v2 tokens such as ``azure-native:documentdb:DatabaseAccount`` and versioned
    ones such as ``azure-native:cosmosdb/v20240515:DatabaseAccount``."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return {}
    root = Path(next(iter(spec.submodule_search_locations)))
    index: dict[str, str] = {}
    for path in sorted(root.rglob("*.py")):
        if path.name in _SUPPORT_FILES or "__pycache__" in path.parts:
            continue
        try:
            source = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if "alias_opts" not in source:
            continue
        match = _RESOURCE_TOKEN.search(source)
        if match is None:
            continue
        for alias in _ALIAS.findall(source):
            index.setdefault(alias, match.group(2))
    return index


def installed_providers() -> dict[str, dict[str, str]]:
    """Provider name -> {"package", "version"} for every Pulumi provider SDK importable here.

    A provider SDK ships ``pulumi-plugin.json`` (``{"resource": true, "name": "azure-native",
    "version": ...}``) in its package folder; that file, not the distribution name, says which
    provider a package serves (``pulumi_azure_native`` -> ``azure-native``)."""
    found: dict[str, dict[str, str]] = {}
    for entry in sys.path:
        base = Path(entry or ".")
        if not base.is_dir():
            continue
        for manifest in sorted(base.glob("pulumi_*/pulumi-plugin.json")):
            try:
                data = json.loads(manifest.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            name = data.get("name") if isinstance(data, dict) else None
            if isinstance(name, str) and data.get("resource", True) and name not in found:
                found[name] = {"package": manifest.parent.name, "version": str(data.get("version", "0"))}
    return found


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args == ["--providers"]:
        json.dump(installed_providers(), sys.stdout)
        return 0
    if len(args) == 2 and args[0] == "--aliases":
        json.dump(alias_index(args[1]), sys.stdout)
        return 0
    if len(args) != 1:
        print("usage: python -m sovereign_components.gate.sdk.introspect MODULE | --aliases PACKAGE | --providers", file=sys.stderr)
        return 2
    json.dump(introspect_module(args[0]), sys.stdout)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
