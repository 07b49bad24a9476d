"""Read a Pulumi project (``Pulumi.yaml``) and its stack settings (``Pulumi.<stack>.yaml``).

Mirrors what the Pulumi CLI hands a Python program: the project name, the program entry
(``main`` may be a directory holding ``__main__.py`` or a ``.py`` file; default the project
dir), the optional ``runtime.options.virtualenv``, and the stack ``config:`` map flattened to
``ns:key -> str`` (structured values as JSON strings, keys without a namespace get the project
name, as ``pulumi config`` does). Secrets (``secure:``) cannot be decrypted offline: they
become a placeholder value and are listed as emulated. Pure: no pulumi import.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import UsageError
from ..files import read_text

#: What a ``secure:`` config value becomes offline (no secrets provider, no passphrase).
SECRET_PLACEHOLDER = "offline-placeholder-secret"


@dataclass
class Project:
    name: str
    directory: Path
    main: Path  # a directory containing __main__.py, or a .py file
    stack: str
    config: dict[str, str] = field(default_factory=dict)
    secret_keys: list[str] = field(default_factory=list)
    virtualenv: Path | None = None
    emulated: list[str] = field(default_factory=list)

    @property
    def stack_file(self) -> Path:
        return self.directory / f"Pulumi.{self.stack}.yaml"


def _load_yaml(path: Path) -> Any:
    text = read_text(path, "file")
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise UsageError(f"{path.name}: invalid YAML{where}: {problem}") from None


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


def _config_value(value: Any) -> str:
    """Pulumi passes every config value to the program as a string; objects/lists as JSON."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value)


def flatten_config(raw: Any, project: str, file_name: str) -> tuple[dict[str, str], list[str], list[str]]:
    """``config:`` of a stack file -> (``ns:key -> str``, secret keys, emulated notes)."""
    if raw is None:
        return {}, [], []
    if not isinstance(raw, dict):
        raise UsageError(f"{file_name}: 'config' must be a mapping of 'namespace:key' to values")
    config: dict[str, str] = {}
    secrets: list[str] = []
    notes: list[str] = []
    for key, value in raw.items():
        key = str(key)
        full = key if ":" in key else f"{project}:{key}"
        if isinstance(value, dict) and set(value) == {"secure"}:
            config[full] = SECRET_PLACEHOLDER
            secrets.append(full)
            notes.append(
                f"secret config '{full}': secret values cannot be decrypted offline; "
                "the program saw a placeholder secret"
            )
            continue
        config[full] = _config_value(value)
    return config, secrets, notes


def load_project(cwd: Path, stack: str) -> Project:
    """Read ``cwd/Pulumi.yaml`` and ``cwd/Pulumi.<stack>.yaml``; every problem -> exit 2 naming the file."""
    directory = Path(cwd).resolve()
    if not directory.is_dir():
        raise UsageError(f"{cwd}: not a directory")
    project_file = directory / "Pulumi.yaml"
    if not project_file.exists() and (directory / "Pulumi.yml").exists():
        project_file = directory / "Pulumi.yml"
    if not project_file.exists():
        raise UsageError(f"{project_file}: file not found (not a Pulumi project directory)")
    data = _load_yaml(project_file)
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
    main = directory / str(main_value) if main_value else directory
    if not main.exists():
        raise UsageError(f"{project_file.name}: main '{main_value}' does not exist")
    if main.is_dir() and not (main / "__main__.py").exists():
        raise UsageError(f"{project_file.name}: main '{main_value or '.'}' has no __main__.py")
    venv = _runtime_virtualenv(runtime, directory, project_file.name)

    stack_file = directory / f"Pulumi.{stack}.yaml"
    if not stack_file.exists():
        raise UsageError(
            f"{stack_file}: file not found (no settings for stack '{stack}'; "
            f"create Pulumi.{stack}.yaml with a 'config:' block)"
        )
    stack_data = _load_yaml(stack_file) or {}
    if not isinstance(stack_data, dict):
        raise UsageError(f"{stack_file.name}: expected a mapping with a 'config:' block")
    config, secrets, notes = flatten_config(stack_data.get("config"), name, stack_file.name)
    return Project(
        name=name,
        directory=directory,
        main=main,
        stack=stack,
        config=config,
        secret_keys=secrets,
        virtualenv=venv,
        emulated=notes,
    )
