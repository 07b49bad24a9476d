"""The SDK facts of one Python interpreter's installed provider SDKs, loaded module by module.

``schema.resource(token)`` finds the SDK module a type token lives in (``azure-native:storage:
StorageAccount`` -> ``pulumi_azure_native.storage``; ``random:index/randomString:RandomString``
-> ``pulumi_random``), reads that module's document (disk cache, else :mod:`.introspect`) and
answers; a token the module does not declare is looked up in the package's alias index (v2 and
versioned spellings) before it is called unknown. Nothing is listed by hand: a provider SDK the
program's environment has installed is known, one it lacks is not.

The interpreter is the *program's*: a program whose ``Pulumi.yaml`` names another virtualenv
has its own SDK versions (and maybe providers the gate's environment lacks), so for another
interpreter the reading runs there (``python -m sovereign_components.gate.sdk.introspect``),
with only this package added to its path; documents are cached by package and version either
way. Thread-safe: the engine's monitor answers RPCs on several threads.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import cache
from .types import FunctionSpec, ResourceSpec, TypeSpec, named_types_from_json, object_from_json, type_from_json

_PROVIDER_PREFIX = "pulumi:providers:"
_CAMEL = re.compile(r"(?<!^)(?=[A-Z])")


class SdkError(RuntimeError):
    """The SDK facts could not be read (the program's interpreter failed to introspect)."""


@dataclass(frozen=True)
class ProviderPackage:
    """A provider SDK installed in the interpreter: ``azure-native`` -> ``pulumi_azure_native``."""

    name: str
    package: str
    version: str


@dataclass
class _Module:
    resources: dict[str, ResourceSpec]
    functions: dict[str, FunctionSpec]


def _module_candidates(package: str, module: str) -> list[str]:
    """Python module names a token's module part may map to (codegen lower-cases or snake-cases)."""
    head = module.split("/", 1)[0]
    if head in ("", "index"):
        return [package]
    names = [head.replace("-", "_"), head.lower().replace("-", "_"), _CAMEL.sub("_", head).lower().replace("-", "_")]
    return [f"{package}.{n}" for n in dict.fromkeys(names)]


class SdkSchema:
    """Facts of the provider SDKs importable by ``python`` (``None`` = this interpreter)."""

    def __init__(self, python: Path | None = None) -> None:
        self.python = None if python is None or _same_interpreter(python) else Path(python)
        self._lock = threading.RLock()
        self._modules: dict[str, _Module | None] = {}
        self._aliases: dict[str, dict[str, str]] = {}
        self._providers: dict[str, ProviderPackage] | None = None

    # -- providers ------------------------------------------------------------------------
    def providers(self) -> dict[str, ProviderPackage]:
        """Provider name -> installed SDK package (``{"azure-native": ...}``)."""
        with self._lock:
            if self._providers is None:
                if self.python is None:
                    from .introspect import installed_providers

                    raw = installed_providers()
                else:
                    raw = json.loads(self._run(["--providers"]))
                self._providers = {n: ProviderPackage(n, d["package"], d["version"]) for n, d in raw.items()}
            return self._providers

    def provider_of(self, token: str) -> ProviderPackage | None:
        """The installed SDK serving ``token`` (a resource, function or provider token)."""
        name = token[len(_PROVIDER_PREFIX):] if token.startswith(_PROVIDER_PREFIX) else token.split(":", 1)[0]
        return self.providers().get(name)

    # -- lookups --------------------------------------------------------------------------
    def resource(self, token: str) -> ResourceSpec | None:
        """The resource type ``token`` names (any alias spelling), or ``None`` when no installed
        SDK declares it."""
        found = self._lookup(token, "resources")
        return found if isinstance(found, ResourceSpec) else None

    def function(self, token: str) -> FunctionSpec | None:
        """The function (invoke) ``token`` names, or ``None``."""
        found = self._lookup(token, "functions")
        return found if isinstance(found, FunctionSpec) else None

    def canonical_token(self, token: str) -> str:
        """The token the SDK declares for any alias spelling of it (unchanged when unknown)."""
        spec = self.resource(token)
        return spec.token if spec is not None else token

    def module(self, name: str) -> tuple[dict[str, ResourceSpec], dict[str, FunctionSpec]]:
        """Every resource and function of SDK module ``name`` (e.g. ``pulumi_azure_native.web``)."""
        provider = next((p for p in self.providers().values() if name == p.package or name.startswith(p.package + ".")),
                        None)
        loaded = self._load(provider, name) if provider is not None else None
        return (dict(loaded.resources), dict(loaded.functions)) if loaded else ({}, {})

    def _provider_named(self, name: str) -> ProviderPackage | None:
        """A provider by its name (``azure-native``) or its Python package (``pulumi_azure_native``)."""
        providers = self.providers()
        return providers.get(name) or next((p for p in providers.values() if p.package == name), None)

    def module_names(self, provider: str) -> list[str]:
        """The SDK modules of ``provider`` (by name or package: its package and every subpackage)."""
        package = self._provider_named(provider)
        if package is None:
            return []
        if self.python is None:
            import importlib.util

            spec = importlib.util.find_spec(package.package)
            roots = list(spec.submodule_search_locations or []) if spec else []
        else:
            roots = json.loads(self._run_code(
                f"import importlib.util,json;s=importlib.util.find_spec({package.package!r});"
                "print(json.dumps(list(s.submodule_search_locations or [])))"))
        names = [package.package]
        for root in roots:
            for child in sorted(Path(root).iterdir()):
                if child.is_dir() and (child / "__init__.py").exists() and not child.name.startswith("_"):
                    names.append(f"{package.package}.{child.name}")
        return names

    def resource_tokens(self, provider: str) -> list[str]:
        """Every resource token ``provider``'s SDK declares (``azure-native`` or
        ``pulumi_azure_native``; reads every module: about a minute the first time, cached)."""
        tokens: list[str] = []
        for name in self.module_names(provider):
            tokens.extend(self.module(name)[0])
        return sorted(tokens)

    # -- internals ------------------------------------------------------------------------
    def _lookup(self, token: str, kind: str) -> ResourceSpec | FunctionSpec | None:
        if token.startswith(_PROVIDER_PREFIX):
            provider = self.provider_of(token)
            if provider is None:
                return None
            loaded = self._load(provider, provider.package)
            return loaded.resources.get(token) if loaded and kind == "resources" else None
        parts = token.split(":")
        if len(parts) != 3:
            return None
        provider = self.provider_of(token)
        if provider is None:
            return None
        for name in _module_candidates(provider.package, parts[1]):
            loaded = self._load(provider, name)
            if loaded is not None:
                found = getattr(loaded, kind).get(token)
                if found is not None:
                    return found
        if kind == "resources":
            target = self._alias_index(provider).get(token)
            if target is not None and target != token:
                return self._lookup(target, kind)
        return None

    def _alias_index(self, provider: ProviderPackage) -> dict[str, str]:
        with self._lock:
            index = self._aliases.get(provider.package)
            if index is None:
                index = cache.read(provider.package, provider.version, "__aliases__")
                if not isinstance(index, dict):
                    if self.python is None:
                        from .introspect import alias_index

                        index = alias_index(provider.package)
                    else:
                        index = json.loads(self._run(["--aliases", provider.package]))
                    cache.write(provider.package, provider.version, "__aliases__", index)
                self._aliases[provider.package] = index
            return index

    def _load(self, provider: ProviderPackage, name: str) -> _Module | None:
        with self._lock:
            if name in self._modules:
                return self._modules[name]
            document = cache.read(provider.package, provider.version, name)
            if not isinstance(document, dict):
                document = self._introspect(name)
                if document is not None:
                    cache.write(provider.package, provider.version, name, document)
            self._modules[name] = _module_from_document(document) if document is not None else None
            return self._modules[name]

    def _introspect(self, name: str) -> dict[str, Any] | None:
        if self.python is None:
            from .introspect import introspect_module

            try:
                return introspect_module(name)
            except ImportError:
                return None
        try:
            return json.loads(self._run([name]))
        except SdkError as exc:
            if "ModuleNotFoundError" in str(exc) or "No module named" in str(exc):
                return None
            raise

    def _run(self, args: list[str]) -> str:
        return self._subprocess([str(self.python), "-m", "sovereign_components.gate.sdk.introspect", *args])

    def _run_code(self, code: str) -> str:
        return self._subprocess([str(self.python), "-c", code])

    def _subprocess(self, cmd: list[str]) -> str:
        package_root = str(Path(__file__).resolve().parents[3])
        env = {k: v for k, v in os.environ.items() if not k.startswith("PULUMI_")}
        # only this package on the path, after the interpreter's own site-packages
        env["PYTHONPATH"] = os.pathsep.join(p for p in [env.get("PYTHONPATH", ""), package_root] if p)
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
        if proc.returncode != 0:
            tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
            raise SdkError(f"{cmd[0]}: reading SDK facts failed (exit {proc.returncode}): {tail}")
        return proc.stdout


def _same_interpreter(python: Path) -> bool:
    """Whether ``python`` runs with this interpreter's ``sys.prefix`` (a virtualenv's python is
    a symlink to the base interpreter, so the executable itself must not be resolved)."""
    try:
        return Path(python).absolute().parent.parent.resolve() == Path(sys.prefix).resolve()
    except OSError:
        return False


def _module_from_document(document: dict[str, Any]) -> _Module:
    named: dict[str, TypeSpec] = named_types_from_json(document.get("types", {}))
    resources = {
        token: ResourceSpec(
            token=token,
            python_class=data.get("pythonClass", ""),
            inputs=object_from_json(data.get("inputs", {}), named),
            outputs={w: type_from_json(t, named) for w, t in data.get("outputs", {}).items()},
            aliases=tuple(data.get("aliases", ())),
            api_version=data.get("apiVersion", ""),
        )
        for token, data in document.get("resources", {}).items()
    }
    functions = {
        token: FunctionSpec(
            token=token,
            python_function=data.get("pythonFunction", ""),
            inputs=object_from_json(data.get("inputs", {}), named),
            result=type_from_json(data.get("result", {"kind": "any"}), named),
        )
        for token, data in document.get("functions", {}).items()
    }
    return _Module(resources, functions)


_SCHEMAS: dict[str, SdkSchema] = {}
_SCHEMAS_LOCK = threading.Lock()


def load_schema(python: Path | str | None = None) -> SdkSchema:
    """The (memoised) :class:`SdkSchema` of interpreter ``python`` (default: this one)."""
    key = str(Path(python).resolve()) if python is not None else ""
    with _SCHEMAS_LOCK:
        schema = _SCHEMAS.get(key)
        if schema is None:
            schema = SdkSchema(Path(python) if python is not None else None)
            _SCHEMAS[key] = schema
        return schema
