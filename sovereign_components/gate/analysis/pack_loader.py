"""Load a CrossGuard policy pack without serving gRPC.

``PolicyPack(...)`` builds the analyzer servicer and then serves it forever (docs/sdk-notes.md, "Policy packs"),
so a pack directory's ``__main__.py`` is executed with ``pulumi_policy.PolicyPack`` replaced by
a recorder that keeps the constructor arguments and returns. The pack's version comes from
its ``PulumiPolicy.yaml`` (the only version source for Python packs; ``PolicyPack`` always
reports 0.0.1). ``path=None`` loads this project's built-in pack from
``sovereign_components.policies`` (``PACK_NAME``, ``build_policies()``, optional
``INITIAL_CONFIG`` / ``ENFORCEMENT_LEVEL``), versioned with the package.
"""

from __future__ import annotations

import importlib
import re
import runpy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ...errors import UsageError
from ..engine.sandbox import user_code_environment

_PACK_NAME_RE = re.compile(r"^[a-zA-Z0-9-_.]{1,100}$")
BUILTIN_MODULE = "sovereign_components.policies"


@dataclass(eq=False)
class LoadedPack:
    name: str
    version: str
    policies: list[Any]
    enforcement_level: Any  # pulumi_policy.EnforcementLevel (pack default)
    initial_config: dict[str, Any] | None = None
    description: str | None = None
    source: str = ""
    #: analyzer cache: resolved-config JSON -> configured servicer (see analyzer.py)
    servicers: dict[str, Any] = field(default_factory=dict, repr=False)

    def policy(self, name: str) -> Any | None:
        return next((p for p in self.policies if p.name == name), None)


class _PackRecorder:
    """Stands in for ``pulumi_policy.PolicyPack``: records the arguments, serves nothing."""

    calls: list[dict[str, Any]] = []

    def __init__(self, name: str, policies: list[Any], enforcement_level: Any = None,
                 initial_config: dict[str, Any] | None = None, description: str | None = None,
                 **extra: Any) -> None:
        _PackRecorder.calls.append(dict(name=name, policies=policies, enforcement_level=enforcement_level,
                                        initial_config=initial_config, description=description, **extra))


def _validate(name: Any, policies: Any, where: str) -> None:
    from pulumi_policy import Policy

    if not isinstance(name, str) or not _PACK_NAME_RE.match(name):
        raise UsageError(f"{where}: invalid policy pack name {name!r} (alphanumerics, '-', '_', '.')")
    if not isinstance(policies, list) or not policies or not all(isinstance(p, Policy) for p in policies):
        raise UsageError(f"{where}: the pack's policies must be a non-empty list of Policy objects")
    names = [p.name for p in policies]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise UsageError(f"{where}: duplicate policy names {dupes}")


def _default_level(level: Any) -> Any:
    from pulumi_policy import EnforcementLevel

    # PolicyPack's own default when none is given (pulumi_policy policy.py): ADVISORY.
    return level if level is not None else EnforcementLevel.ADVISORY


def load_builtin_pack() -> LoadedPack:
    from ..._version import __version__

    try:
        module = importlib.import_module(BUILTIN_MODULE)
    except ImportError as exc:
        raise UsageError(f"the built-in policy pack ({BUILTIN_MODULE}) cannot be imported: {exc}") from exc
    build = getattr(module, "build_policies", None)
    name = getattr(module, "PACK_NAME", None)
    if build is None or name is None:
        raise UsageError(
            f"the built-in policy pack ({BUILTIN_MODULE}) is not available yet "
            "(needs PACK_NAME and build_policies()); pass --policy-pack DIR"
        )
    policies = list(build())
    _validate(name, policies, BUILTIN_MODULE)
    return LoadedPack(
        name=name,
        version=__version__,
        policies=policies,
        enforcement_level=_default_level(getattr(module, "ENFORCEMENT_LEVEL", None)),
        initial_config=getattr(module, "INITIAL_CONFIG", None),
        description=getattr(module, "DESCRIPTION", None),
        source=BUILTIN_MODULE,
    )


def _read_pack_yaml(directory: Path) -> dict[str, Any]:
    path = directory / "PulumiPolicy.yaml"
    if not path.exists():
        raise UsageError(f"{path}: file not found (not a policy pack directory)")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise UsageError(f"{path}: invalid YAML: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, dict):
        raise UsageError(f"{path}: expected a mapping with 'runtime' and 'version'")
    runtime = data.get("runtime")
    runtime_name = runtime.get("name") if isinstance(runtime, dict) else runtime
    if runtime_name != "python":
        raise UsageError(f"{path}: runtime is {runtime_name!r}; only Python policy packs can run offline")
    return data


def load_pack_dir(directory: Path) -> LoadedPack:
    directory = Path(directory).resolve()
    if not directory.is_dir():
        raise UsageError(f"{directory}: policy pack directory not found")
    meta = _read_pack_yaml(directory)
    main = directory / str(meta.get("main") or ".")
    entry = main / "__main__.py" if main.is_dir() else main
    if not entry.exists():
        raise UsageError(f"{entry}: file not found (the policy pack's entry point)")

    import pulumi_policy
    import pulumi_policy.policy as policy_module

    saved = (pulumi_policy.PolicyPack, policy_module.PolicyPack)
    _PackRecorder.calls = []
    pulumi_policy.PolicyPack = policy_module.PolicyPack = _PackRecorder  # type: ignore[misc,assignment]
    try:
        with user_code_environment(directory, [entry.parent, directory]):
            runpy.run_path(str(entry), run_name="__main__")
    except UsageError:
        raise
    except Exception as exc:  # noqa: BLE001 - a broken pack is a usage error naming its file
        raise UsageError(f"{entry}: the policy pack failed to load: {type(exc).__name__}: {exc}") from exc
    finally:
        pulumi_policy.PolicyPack, policy_module.PolicyPack = saved
    if len(_PackRecorder.calls) != 1:
        raise UsageError(f"{entry}: expected exactly one PolicyPack(...) call, found {len(_PackRecorder.calls)}")
    call = _PackRecorder.calls[0]
    _validate(call["name"], call["policies"], str(entry))
    version = meta.get("version")
    return LoadedPack(
        name=call["name"],
        version=str(version) if version not in (None, "") else "0.0.1",
        policies=list(call["policies"]),
        enforcement_level=_default_level(call["enforcement_level"]),
        initial_config=call["initial_config"],
        description=call["description"] or meta.get("description"),
        source=str(directory),
    )


def load_policy_pack(path: Path | None) -> LoadedPack:
    """``None`` -> the built-in pack; a directory -> that Python CrossGuard pack."""
    return load_builtin_pack() if path is None else load_pack_dir(Path(path))
