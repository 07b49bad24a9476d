"""Read a Pulumi project (``Pulumi.yaml``) and its stack settings (``Pulumi.<stack>.yaml``) the
way the Pulumi CLI hands them to a Python program.

* The project name, the program entry (``main`` may be a directory holding ``__main__.py`` or a
  ``.py`` file; default the project directory), ``runtime.options.virtualenv`` and
  ``stackConfigDir`` (where the stack files live).
* The config the program sees, ``ns:key -> str`` (structured values as JSON, as
  ``pulumi.Config.require_object`` reads them): the project-level ``config:`` block of
  ``Pulumi.yaml`` merged under the stack file's ``config:`` (the stack file wins), as
  https://www.pulumi.com/docs/iac/concepts/projects/project-file/#config-options describes.
  A project entry is a plain value (a default for a project key, a value for a namespaced one)
  or an object ``{value: ...}`` / ``{type, default, secret, description, items}``; a project
  key without ``default`` or ``value`` that the stack does not set is an error, as in Pulumi
  ("Stack 'x' is missing configuration value 'k'"). A key without a namespace gets the
  project's name, as ``pulumi config`` does
  (https://www.pulumi.com/docs/iac/concepts/config/#configuration-keys).
* Encrypted values (``secure:``, also nested inside a structured value) cannot be decrypted
  offline: they become typed placeholders (:mod:`.secrets`), their keys are secret keys, and
  each substitution is listed in :attr:`Project.emulated`.
* ``environment:`` of the stack file: the Pulumi ESC environments it imports
  (:attr:`Project.esc_environments`), whose values cannot be read offline.
* Keys Pulumi would file where nothing reads them are refused (:mod:`.namespaces`).

Both files go through the one bounded YAML reader (:mod:`.yaml_reader`). Every problem is
exit 2 naming the file. Pure: no pulumi import.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ConfigError, UsageError
from .models import NAMESPACE
from .namespaces import check_config_keys
from .secrets import SECRET_PLACEHOLDER, placeholder_for
from .yaml_reader import read_yaml_file

__all__ = ["SECRET_PLACEHOLDER", "Project", "flatten_config", "load_project", "stack_names"]

#: Pulumi stack names: letters, digits, ``-``, ``_``, ``.`` (``pulumi stack init`` refuses
#: others); it also keeps ``--stack ../x`` from naming a file outside the project.
STACK_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,100}$")
#: Fields of a project config declaration (``Pulumi.yaml`` ``config:`` entries that are objects).
DECLARATION_FIELDS = frozenset({"type", "description", "items", "default", "value", "secret"})
#: Project config types (``type:``) Pulumi validates stack values against.
CONFIG_TYPES = frozenset({"string", "integer", "boolean", "array", "object"})


@dataclass
class Project:
    name: str
    directory: Path
    main: Path  # a directory containing __main__.py, or a .py file
    stack: str
    #: Project config merged under the stack file's config (``ns:key -> str``).
    config: dict[str, str] = field(default_factory=dict)
    #: Keys whose value is (or contains) an encrypted ``secure:`` value.
    secret_keys: list[str] = field(default_factory=list)
    virtualenv: Path | None = None
    emulated: list[str] = field(default_factory=list)
    #: ESC environments the stack file imports (``environment:``); their values, which can
    #: set config and provider credentials, cannot be read offline.
    esc_environments: list[str] = field(default_factory=list)
    #: The project file actually read (``Pulumi.yaml`` or ``Pulumi.yml``).
    project_file: Path | None = None
    #: Where the stack files live (``stackConfigDir``, default the project directory).
    stack_config_dir: Path | None = None

    @property
    def stack_file(self) -> Path:
        directory = self.stack_config_dir or self.directory
        suffix = self.project_file.suffix if self.project_file is not None else ".yaml"
        return directory / f"Pulumi.{self.stack}{suffix}"

    @property
    def input_files(self) -> list[Path]:
        """The files this run reads as configuration (for ``--output`` checks)."""
        files = [self.stack_file]
        if self.project_file is not None:
            files.insert(0, self.project_file)
        return files


# -- values ---------------------------------------------------------------------------------
def _jsonable(value: Any) -> Any:
    """A YAML value as Pulumi's Go code would JSON-encode it: integral floats as integers
    (``7.0`` -> ``7``, Go's encoding of float64), everything else as is."""
    if isinstance(value, float) and math.isfinite(value) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


def _config_value(value: Any) -> str:
    """Pulumi passes every config value to the program as a string; objects/lists as JSON,
    ``null`` as the empty string."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(_jsonable(value))


def config_key(key: str, project: str, file_name: str) -> str:
    """A config key as Pulumi files it (``config.ParseKey`` in pulumi/pulumi
    sdk/go/common/resource/config/key.go): ``ns:name``; a bare ``name`` belongs to the project;
    the legacy ``ns:config:name`` is ``ns:name``; anything else Pulumi refuses."""
    colons = key.count(":")
    if colons == 0:
        return f"{project}:{key}"
    if colons == 1:
        return key
    namespace, module, name = key.split(":", 2) if colons == 2 else ("", "", "")
    if module == "config" and namespace and name:
        return f"{namespace}:{name}"
    raise UsageError(f"{file_name}: '{key}' is not a configuration key (Pulumi takes '<namespace>:<name>')")


def _is_secure(value: Any) -> bool:
    """Pulumi's encrypted-value shape: exactly ``{secure: <string>}``."""
    return isinstance(value, dict) and len(value) == 1 and isinstance(value.get("secure"), str)


def _replace_secrets(full_key: str, value: Any, path: tuple[str | int, ...], found: list[str]) -> Any:
    """``value`` with every nested ``{secure: ...}`` replaced by its placeholder (a new value:
    YAML aliases may share objects, which must not be mutated)."""
    if _is_secure(value):
        found.append(full_key + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path))
        return placeholder_for(full_key, path)
    if isinstance(value, list):
        return [_replace_secrets(full_key, v, (*path, i), found) for i, v in enumerate(value)]
    if isinstance(value, dict):
        return {k: _replace_secrets(full_key, v, (*path, k), found) for k, v in value.items()}
    return value


def flatten_config(raw: Any, project: str, file_name: str) -> tuple[dict[str, str], list[str], list[str]]:
    """``config:`` of a stack file -> (``ns:key -> str``, secret keys, emulated notes)."""
    if raw is None:
        return {}, [], []
    if not isinstance(raw, dict):
        raise UsageError(f"{file_name}: 'config' must be a mapping of 'namespace:key' to values")
    config: dict[str, str] = {}
    secrets: list[str] = []
    notes: list[str] = []
    written: dict[str, str] = {}
    for key, value in raw.items():
        full = config_key(key, project, file_name)
        if full in written:
            raise UsageError(f"{file_name}: config key '{full}' is given twice (as '{written[full]}' and as '{key}')")
        written[full] = key
        found: list[str] = []
        try:
            plain = _replace_secrets(full, value, (), found)
        except ConfigError as exc:
            raise ConfigError(exc.key, exc.detail, source=file_name) from None
        if found:
            secrets.append(full)
            shown = plain if not isinstance(plain, (dict, list)) else "a structured value with placeholders"
            notes.append(
                f"secret config '{', '.join(found)}': encrypted values cannot be decrypted offline; "
                f"the program saw the placeholder {shown!r}"
            )
        config[full] = _config_value(plain)
    return config, secrets, notes


# -- project-level config ---------------------------------------------------------------------
def _matches_type(type_name: str, items: Any, value: Any) -> bool:
    """Pulumi's ``ValidateConfigValue``: a typed project key's value (YAML or the string
    Pulumi stores) has the declared type."""
    if type_name == "string":
        return isinstance(value, str)
    if type_name == "integer":
        if isinstance(value, bool):
            return False
        if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
            return True
        return isinstance(value, str) and re.fullmatch(r"[-+]?[0-9]+", value) is not None
    if type_name == "boolean":
        return isinstance(value, bool) or value in ("true", "false")
    if type_name == "object":
        return isinstance(value, dict)
    if type_name == "array" and isinstance(value, list) and isinstance(items, dict):
        return all(_matches_type(str(items.get("type")), items.get("items"), v) for v in value)
    return False


def _declaration(project: str, key: str, entry: Any, file_name: str) -> dict[str, Any]:
    """A ``Pulumi.yaml`` config entry as a declaration ``{type?, default?, value?, secret?}``.

    Plain values and lists are shorthand: a default for a project key, a value for a key of
    another namespace (Pulumi's ``RewriteShorthandConfigValues``); an object must be a
    declaration, so a structured value is written ``{value: {...}}``.
    """
    own = ":" not in key or key.startswith(project + ":")
    if not isinstance(entry, dict):
        return {"default": entry} if own else {"value": entry}
    unknown = sorted(set(entry) - DECLARATION_FIELDS)
    if unknown:
        raise UsageError(
            f"{file_name}: config '{key}': unknown field(s) {', '.join(unknown)} (a project config entry is a "
            f"plain value or an object with {', '.join(sorted(DECLARATION_FIELDS))}; write a structured value "
            "as {value: ...})"
        )
    if "default" in entry and "value" in entry:
        raise UsageError(f"{file_name}: config '{key}' cannot have both a 'default' and a 'value'")
    type_name = entry.get("type")
    if own:
        if type_name is not None and type_name not in CONFIG_TYPES:
            raise UsageError(f"{file_name}: config '{key}': unknown type {type_name!r} "
                             f"(one of {', '.join(sorted(CONFIG_TYPES))})")
        if type_name == "array" and not isinstance(entry.get("items"), dict):
            raise UsageError(f"{file_name}: config '{key}' declares an array without 'items'")
        if type_name is not None and entry.get("default") is not None and not _matches_type(
                type_name, entry.get("items"), entry["default"]):
            raise UsageError(f"{file_name}: config '{key}': the default is not of type '{type_name}'")
    else:
        if type_name is not None:
            raise UsageError(f"{file_name}: config '{key}' is not in the project's namespace and cannot declare a type")
        if "default" in entry:
            raise UsageError(f"{file_name}: config '{key}' is not in the project's namespace and cannot have a "
                             "default; did you mean 'value'?")
        if "value" not in entry:
            raise UsageError(f"{file_name}: config '{key}' is not in the project's namespace and needs a 'value'")
    return entry


def _merge_project_config(
    project: str, stack: str, block: Any, stack_raw: dict[str, Any], file_name: str, stack_file_name: str,
) -> dict[str, Any]:
    """The stack file's raw config with the project file's defaults and values added under it."""
    if block is None:
        return dict(stack_raw)
    if not isinstance(block, dict):
        raise UsageError(f"{file_name}: 'config' must be a mapping of config keys")
    stack_full = {config_key(k, project, stack_file_name): v for k, v in stack_raw.items()}
    merged = dict(stack_raw)
    missing: list[str] = []
    for key, entry in block.items():
        declaration = _declaration(project, key, entry, file_name)
        full = config_key(key, project, file_name)
        if full in stack_full:
            stack_value = stack_full[full]
            type_name = declaration.get("type")
            if declaration.get("secret") and not _is_secure(stack_value):
                raise UsageError(f"{stack_file_name}: config '{key}' must be encrypted (secure:): {file_name} "
                                 "declares it secret")
            if type_name is not None and not _is_secure(stack_value) and not _matches_type(
                    type_name, declaration.get("items"), stack_value):
                raise UsageError(f"{stack_file_name}: config '{key}' must be of type '{type_name}' "
                                 f"(declared in {file_name})")
            continue
        if declaration.get("default") is not None:
            merged[full] = declaration["default"]
        elif declaration.get("value") is not None:
            merged[full] = declaration["value"]
        elif full.startswith(project + ":"):
            missing.append(key)
    if missing:
        raise UsageError(f"{stack_file_name}: stack '{stack}' is missing configuration value(s) "
                         f"{', '.join(repr(k) for k in sorted(missing))} that {file_name} requires")
    return merged


def _esc_environments(raw: Any, file_name: str) -> list[str]:
    """``environment:`` of a stack file: a list of environment names, or an inline definition
    whose ``imports`` list names them (entries may be ``name`` or ``{name: {merge: ...}}``)."""
    if raw is None:
        return []
    if isinstance(raw, list):
        imports: Any = raw
        inline_values = False
    elif isinstance(raw, dict):
        imports = raw.get("imports") or []
        inline_values = raw.get("values") is not None
    else:
        raise UsageError(f"{file_name}: 'environment' must be a list of ESC environment names or a definition")
    if not isinstance(imports, list):
        raise UsageError(f"{file_name}: 'environment.imports' must be a list")
    names: list[str] = []
    for entry in imports:
        if isinstance(entry, str):
            names.append(entry)
        elif isinstance(entry, dict) and len(entry) == 1:
            names.append(str(next(iter(entry))))
        else:
            raise UsageError(f"{file_name}: 'environment' entries must be environment names, got {entry!r}")
    if inline_values:
        names.append(f"(inline values in {file_name})")
    return names


# -- files ----------------------------------------------------------------------------------
def _runtime_virtualenv(runtime: Any, directory: Path, file_name: str) -> Path | None:
    if not isinstance(runtime, dict):
        return None
    options = runtime.get("options") or {}
    if not isinstance(options, dict):
        raise UsageError(f"{file_name}: runtime.options must be a mapping")
    venv = options.get("virtualenv")
    if venv in (None, ""):
        return None
    if not isinstance(venv, str):
        raise UsageError(f"{file_name}: runtime.options.virtualenv must be a string")
    path = Path(venv)
    return path if path.is_absolute() else directory / path


def _runtime_name(runtime: Any) -> str | None:
    if isinstance(runtime, str):
        return runtime
    if isinstance(runtime, dict):
        name = runtime.get("name")
        return name if isinstance(name, str) else None
    return None


def _project_file(directory: Path) -> Path:
    for name in ("Pulumi.yaml", "Pulumi.yml"):
        if (directory / name).is_file():
            return directory / name
    raise UsageError(f"{directory / 'Pulumi.yaml'}: file not found (not a Pulumi project directory)")


def _stack_config_dir(data: dict[str, Any], directory: Path, file_name: str) -> Path:
    """``stackConfigDir`` (or the legacy string form of ``config``), inside the project."""
    legacy = data.get("config") if isinstance(data.get("config"), str) else None
    value = data.get("stackConfigDir")
    if legacy is not None and value is not None:
        raise UsageError(f"{file_name}: use only 'stackConfigDir' (not also a string 'config') for the stack directory")
    value = value if value is not None else legacy
    if value is None:
        return directory
    if not isinstance(value, str) or not value:
        raise UsageError(f"{file_name}: 'stackConfigDir' must be a directory path")
    return directory / value


def stack_names(cwd: Path | str) -> list[str]:
    """The stacks of the project in ``cwd`` (its ``Pulumi.<stack>.yaml`` files, in
    ``stackConfigDir`` when set)."""
    directory = Path(cwd).resolve()
    project_file = _project_file(directory)
    data = read_yaml_file(project_file, "project file")
    where = _stack_config_dir(data, directory, project_file.name) if isinstance(data, dict) else directory
    suffix = project_file.suffix
    return sorted(
        p.name[len("Pulumi."):-len(suffix)]
        for p in where.glob(f"Pulumi.*{suffix}")
        if p.is_file() and STACK_NAME.match(p.name[len("Pulumi."):-len(suffix)] or "-")
    )


def load_project(cwd: Path, stack: str) -> Project:
    """Read ``cwd/Pulumi.yaml`` and its ``Pulumi.<stack>.yaml``; every problem -> exit 2 naming the file."""
    directory = Path(cwd).resolve()
    if not directory.is_dir():
        raise UsageError(f"{cwd}: not a directory")
    if not STACK_NAME.match(stack):
        raise UsageError(f"--stack {stack!r}: a stack name has only letters, digits, '-', '_' and '.'")
    project_file = _project_file(directory)
    data = read_yaml_file(project_file, "project file")
    if not isinstance(data, dict):
        raise UsageError(f"{project_file.name}: expected a mapping with 'name' and 'runtime'")
    name = data.get("name")
    if not isinstance(name, str) or not name:
        raise UsageError(f"{project_file.name}: missing project 'name'")
    runtime = data.get("runtime")
    if _runtime_name(runtime) != "python":
        raise UsageError(
            f"{project_file.name}: runtime is {_runtime_name(runtime)!r}; "
            "the offline engine runs Python programs only"
        )
    main_value = data.get("main")
    if main_value is not None and not isinstance(main_value, str):
        raise UsageError(f"{project_file.name}: 'main' must be a path")
    main = directory / main_value if main_value else directory
    if not main.exists():
        raise UsageError(f"{project_file.name}: main '{main_value}' does not exist")
    if main.is_dir() and not (main / "__main__.py").exists():
        raise UsageError(f"{project_file.name}: main '{main_value or '.'}' has no __main__.py")
    venv = _runtime_virtualenv(runtime, directory, project_file.name)
    config_dir = _stack_config_dir(data, directory, project_file.name)

    stack_file = config_dir / f"Pulumi.{stack}{project_file.suffix}"
    if not stack_file.is_file():
        raise UsageError(
            f"{stack_file}: file not found (no settings for stack '{stack}'; "
            f"create {stack_file.name} with a 'config:' block)"
        )
    stack_data = read_yaml_file(stack_file, "stack settings file")
    if stack_data is None:
        stack_data = {}
    if not isinstance(stack_data, dict):
        raise UsageError(f"{stack_file.name}: expected a mapping with a 'config:' block")
    stack_raw = stack_data.get("config")
    if stack_raw is not None and not isinstance(stack_raw, dict):
        raise UsageError(f"{stack_file.name}: 'config' must be a mapping of 'namespace:key' to values")
    project_block = data.get("config") if not isinstance(data.get("config"), str) else None
    merged = _merge_project_config(name, stack, project_block, stack_raw or {}, project_file.name, stack_file.name)
    # keys meant for the program: the project's namespace spelt out, or declared in Pulumi.yaml
    declared = {config_key(k, name, project_file.name) for k in (project_block or {})}
    deliberate = {k for k in merged if k.startswith(name + ":")} | declared | \
        {k.removeprefix(name + ":") for k in declared}
    check_config_keys(merged, name, sovereign_in_use=any(k.startswith(NAMESPACE + ":") for k in merged),
                      source=stack_file.name, deliberate=deliberate)
    config, secrets, notes = flatten_config(merged, name, stack_file.name)
    return Project(
        name=name,
        directory=directory,
        main=main,
        stack=stack,
        config=config,
        secret_keys=secrets,
        virtualenv=venv,
        emulated=notes,
        esc_environments=_esc_environments(stack_data.get("environment"), stack_file.name),
        project_file=project_file,
        stack_config_dir=config_dir,
    )
