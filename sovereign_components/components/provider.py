"""The multi-language component provider: serves RegionalEventPlane, SovereignEventStore and
ComplianceDLQ to TypeScript, Go, C#, Java and YAML programs (``pulumi package add``).

Pulumi runs the repository-root ``__main__.py`` (next to ``PulumiPlugin.yaml``), which calls
:func:`main`. The package schema is inferred from the components' type annotations by
``pulumi.provider.experimental`` (pinned pulumi 3.272; the golden file
``tests/packaging/golden/schema.json`` catches any drift). Two gaps of that analyzer are closed
here, in one place, instead of in every component module:

- postponed annotations (``from __future__ import annotations``, used across this package)
  reach the analyzer as strings / ``ForwardRef``\\ s, which it cannot follow
  (``inspect.get_annotations`` without ``eval_str``); they are evaluated first;
- member docstrings are looked up only on the leaf class, so every ``CommonArgs`` member
  inherited by a component's args would lose its description; they are looked up along the
  MRO, and dedented so generated SDK docs do not carry source indentation.

Everything else (type mapping, ``construct``, input name mapping) is the SDK's.
"""

from __future__ import annotations

import ast
import inspect
import json
import sys
import textwrap
import typing
from collections.abc import Sequence
from importlib import import_module
from typing import Any, ForwardRef

from .._version import __version__

#: Package name: the first segment of the component tokens (``sovereign:index:<Type>``).
PACKAGE_NAME = "sovereign"
#: Package namespace: the npm scope / Java and .NET package prefix of generated SDKs.
NAMESPACE = "sovereign-events"
#: The components the package serves: (submodule, class). Data, so docs and tests enumerate
#: the same list the provider hosts.
COMPONENTS: tuple[tuple[str, str], ...] = (
    ("event_plane", "RegionalEventPlane"),
    ("event_store", "SovereignEventStore"),
    ("dlq", "ComplianceDLQ"),
)


def component_classes() -> list[type[Any]]:
    """The hosted component classes, imported on demand (they import pulumi and azure-native)."""
    return [getattr(import_module(f".{module}", __package__), name) for module, name in COMPONENTS]


def token(class_name: str) -> str:
    """The resource token of a hosted component, e.g. ``sovereign:index:ComplianceDLQ``."""
    return f"{PACKAGE_NAME}:index:{class_name}"


def _own_annotations(cls: type) -> dict[str, Any]:
    """``cls``'s own annotations in declaration order (a TypedDict's include its bases'), with
    postponed ones (strings, and the ``ForwardRef``\\ s a TypedDict turns them into) evaluated
    in the module that declared them.

    Evaluated with ``eval`` one level deep, as the interpreter would without the future
    import: ``typing.get_type_hints`` would also try to resolve the ``"Output[T]"`` forward
    reference inside ``pulumi.Input`` in the wrong module and fail.
    """
    evaluated: dict[str, Any] = {}
    for key, value in inspect.get_annotations(cls).items():
        module = cls.__module__
        if isinstance(value, ForwardRef):
            module = value.__forward_module__ or module
            value = value.__forward_arg__
        evaluated[key] = eval(value, vars(sys.modules[module])) if isinstance(value, str) else value  # noqa: S307
    return evaluated


def _declaring_classes(cls: type) -> list[type]:
    """``cls`` and the classes its members may be declared on, nearest first.

    A TypedDict's ``__mro__`` is ``(cls, dict, object)`` whatever it extends (Python 3.11), so
    its bases are read from its source: ``class ComplianceDLQArgs(CommonArgs)`` yields
    ``CommonArgs``, where ``location``'s docstring is written.
    """
    if not typing.is_typeddict(cls):
        return list(getattr(cls, "__mro__", (cls,)))
    found = [cls]
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    except (OSError, TypeError, SyntaxError):
        return found
    namespace = vars(sys.modules[cls.__module__])
    for node in tree.body[0].bases if tree.body and isinstance(tree.body[0], ast.ClassDef) else []:
        base = namespace.get(node.id) if isinstance(node, ast.Name) else None
        if isinstance(base, type) and typing.is_typeddict(base):
            found += [c for c in _declaring_classes(base) if c not in found]
    return found


def _make_provider_class() -> type[Any]:
    """Build the provider class on first use, so importing this module stays free of pulumi
    (``docgen`` and the tests import it for the constants above)."""
    from pulumi.provider.experimental.analyzer import Analyzer, ComponentDefinition
    from pulumi.provider.experimental.component import ComponentProvider
    from pulumi.provider.experimental.schema import generate_schema
    from pulumi.provider.provider import Provider
    from pulumi.resource import ComponentResource, Resource

    class SovereignAnalyzer(Analyzer):
        """The SDK analyzer with evaluated annotations and inherited member docstrings."""

        def analyze_component(self, component: type[ComponentResource]) -> ComponentDefinition:
            args = inspect.get_annotations(component.__init__, eval_str=True).get("args")
            if args is None:
                raise TypeError(f"{component.__name__}.__init__ needs a parameter 'args' with a type annotation")
            inputs, inputs_mapping = self.analyze_type(args, is_component_output=False)
            outputs, outputs_mapping = self.analyze_type(component, is_component_output=True)
            return ComponentDefinition(
                name=component.__name__,
                description=inspect.cleandoc(component.__doc__) if component.__doc__ else None,
                inputs=inputs,
                inputs_mapping=inputs_mapping,
                outputs=outputs,
                outputs_mapping=outputs_mapping,
                module=component.__module__,
            )

        def analyze_type(self, typ: type, *, is_component_output: bool) -> tuple[dict[str, Any], dict[str, str]]:
            # Same walk as Analyzer.analyze_type, over evaluated annotations.
            from pulumi.provider.experimental.util import camel_case

            annotations: dict[str, Any] = {}
            optional_keys: set[str] = set()
            for cls in reversed(typ.__mro__):
                if cls in (object, dict, Resource, ComponentResource):
                    continue
                annotations.update(_own_annotations(cls))
                if typing.is_typeddict(cls):
                    optional_keys.update(getattr(cls, "__optional_keys__", ()))
            annotations = {k: v for k, v in annotations.items() if not k.startswith("_")}
            properties = {
                camel_case(k): self.analyze_property(
                    v,
                    typ,
                    k,
                    can_be_plain=not is_component_output,
                    is_component_output=is_component_output,
                    # NotRequired is recognised from the evaluated annotation itself;
                    # __optional_keys__ misses it when annotations were postponed (3.11).
                    optional=True if k in optional_keys else None,
                )
                for k, v in annotations.items()
            }
            return properties, {camel_case(k): k for k in annotations}

        def get_docstring(self, typ: type, name: str) -> str | None:
            for cls in _declaring_classes(typ):
                if name in cls.__dict__.get("__annotations__", {}):
                    doc = super().get_docstring(cls, name)
                    if doc:
                        return inspect.cleandoc(doc)
            return None

    class SovereignComponentProvider(ComponentProvider):
        """``ComponentProvider`` (construct, input mapping, state) over :class:`SovereignAnalyzer`."""

        def __init__(self, components: Sequence[type[ComponentResource]], name: str,
                     namespace: str | None = None, version: str = "0.0.0") -> None:
            self._name = name
            self.analyzer = SovereignAnalyzer(name)
            result = self.analyzer.analyze(list(components))
            self._components = {component.__name__: component for component in components}
            self._component_defs = result["component_definitions"]
            self._type_defs = result["type_definitions"]
            self._external_enum_types = result["external_enum_types"]
            self._dependencies = sorted(result["dependencies"], key=lambda d: f"{d.name}{d.version}")
            schema = generate_schema(name, version, namespace, self._component_defs, self._type_defs,
                                     self._dependencies)
            Provider.__init__(self, version, json.dumps(schema.to_json()))

    return SovereignComponentProvider


_PROVIDER_CLASS: type[Any] | None = None


def build_provider() -> Any:
    """The provider instance that serves this package (schema inferred on construction)."""
    global _PROVIDER_CLASS  # noqa: PLW0603 - built once per process, see _make_provider_class
    if _PROVIDER_CLASS is None:
        _PROVIDER_CLASS = _make_provider_class()
    return _PROVIDER_CLASS(component_classes(), PACKAGE_NAME, NAMESPACE, __version__)


def schema() -> dict[str, Any]:
    """The package schema as a dict (what ``pulumi package get-schema`` would print)."""
    return json.loads(build_provider().schema)


def main(argv: Sequence[str] | None = None) -> None:
    """Serve the provider over gRPC (the Pulumi engine passes its address as the argument).

    Equivalent to ``pulumi.provider.experimental.component_provider_host(components,
    name="sovereign", namespace=..., version=__version__)``, with this module's analyzer.
    """
    from pulumi.provider import main as serve

    serve(build_provider(), list(sys.argv[1:] if argv is None else argv))
