"""Derive what the installed azure-native SDK says about every vetted type into the data file the
policy pack reads (``sovereign_components/policies/data/sdk_facts.json``).

    .venv/bin/python tools/policy_facts.py --write     # regenerate
    .venv/bin/python tools/policy_facts.py --check     # exit 1 when the committed file is stale

The pack never imports ``pulumi_azure_native`` (design: policies match token strings and camelCase
keys), so what it needs from the SDK is generated ahead, from the coordinator's SDK introspection
(:mod:`sovereign_components.gate.sdk`), for every type of the catalogue
(``policies/data/catalogue.toml``):

- ``location``: whether the type's inputs take a ``location`` (the provider defaults it);
- ``switches``: inputs that look like public-network or local-auth switches (by wire name), with
  their kind and enum values. A test fails when a vetted type has a switch its catalogue entry
  neither checks nor waives with a reason;
- ``refs``: inputs typed as ids or URLs (by wire name): an *unknown* value there must be placed
  through property dependencies, never assumed harmless;
- ``shape``: the wire-key tree of the inputs (``[]`` array items, ``{}`` map values, ``*``
  anything, ``0`` a scalar; a union's variants merged and marked ``"|": 1``), so a key the provider will not read (snake_case from a dict passed
  for a union-typed argument) is found;
- ``outputOnly``: output paths that are not inputs (a resource's own endpoints and state, which
  ``check-state`` sees in deployed outputs): not data flows, so the value scan skips them;
- ``aliases``: the SDK's alias tokens that the pack's spelling rules (version suffix dropped,
  v2 module renamed) do not already map to the type (``azure-native:network:PrivateZone`` ->
  ``privatedns:PrivateZone``).

The SDK introspection reads ``<Class>InitArgs`` where the SDK's generator used that name (because
``<Class>Args`` is a nested input type of the same module: network ``SubnetArgs(id=...)``), so
every vetted type's inputs are its own and every type gets a shape.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

OUTPUT = ROOT / "sovereign_components" / "policies" / "data" / "sdk_facts.json"

#: Names of switches that expose a resource to public networks (``publicNetworkAccess``,
#: ``allowBlobPublicAccess``, ``anonymousPullEnabled`` ...), and names that only describe a public
#: address (its version, allocation, id, key) rather than switch exposure.
PUBLIC = re.compile(r"(?i)public|anonymous")
NOT_A_SWITCH = re.compile(r"(Id|ID|Ids|IDs|Key|Keys|Name|Version|AllocationMethod|Type|Prefixes|Prefix)$")
#: Names of switches that enable key, SAS, password or basic authentication, or debugging ports.
AUTH = re.compile(
    r"(?i)(localauth|sharedkey|adminuserenabled|basicauth|keybased|anonymouspull|accesskeyauthentication"
    r"|azureadonlyauthentication|authenticationmode|remotedebuggingenabled|^allow$)")
#: Names of inputs that hold ARM ids or URLs.
REF = re.compile(r"(Id|ID|Ids|IDs|ResourceId|Uri|URI|Url|URL|Urls|Uris|Endpoint|Endpoints)$|^id$")
#: Deepest input path kept in a shape (cycles are cut earlier; real inputs are shallower).
MAX_DEPTH = 12

_VERSION = re.compile(r"^(azure-native:[^/:]+)/v[0-9]{8}[a-z0-9]*(:.*)$")
_MODULE_ALIASES = {"documentdb": "cosmosdb", "insights": "monitor"}


def derive(token: str) -> str:
    """The pack's spelling rule, mirrored here: drop ``/vYYYYMMDD``, map v2 module names."""
    match = _VERSION.match(token)
    if match:
        token = match.group(1) + match.group(2)
    parts = token.split(":")
    if len(parts) == 3 and parts[1] in _MODULE_ALIASES:
        parts[1] = _MODULE_ALIASES[parts[1]]
    return ":".join(parts)


def _last(path: str) -> str:
    return path.rsplit(".", 1)[-1].replace("[]", "").replace("{}", "")


def _insert(tree: dict[str, Any], path: str, kind: str) -> None:
    """Add the dotted ``path`` (``a.b[].c``, ``tags{}``) to ``tree``."""
    node = tree
    steps: list[str] = []
    for part in path.split("."):
        name, suffix = part, []
        while name.endswith("[]") or name.endswith("{}"):
            suffix.insert(0, name[-2:])
            name = name[:-2]
        steps.append(name)
        steps.extend(suffix)
    for i, step in enumerate(steps):
        last = i == len(steps) - 1
        child = node.get(step)
        if last:
            if child is None or child == 0:
                child = "*" if kind == "any" else ({} if kind in ("object", "union") else 0)
                node[step] = child
            if kind == "union" and isinstance(child, dict):
                child["|"] = 1  # a union: its keys are every variant's; any other key is unreadable
            return
        if not isinstance(child, dict):
            child = {}
            node[step] = child
        node = child


def shape_of(spec: Any) -> dict[str, Any]:
    tree: dict[str, Any] = {}
    for path, typ in spec.inputs.walk():
        if not path or path.count(".") >= MAX_DEPTH:
            continue
        _insert(tree, path, typ.kind)
    return tree


def switches_of(spec: Any) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for path, typ in spec.inputs.walk():
        if not path or typ.kind not in ("boolean", "string"):
            continue
        name = _last(path)
        if NOT_A_SWITCH.search(name):
            continue
        klass = "public" if PUBLIC.search(name) else "auth" if AUTH.search(name) else None
        if klass is None:
            continue
        out.setdefault(path, {"class": klass, "kind": typ.kind, "enum": list(typ.enum) if typ.enum else None})
    return out


def refs_of(spec: Any) -> list[str]:
    out = []
    for path, typ in spec.inputs.walk():
        if not path:
            continue
        leaf = typ.items if typ.kind == "array" and typ.items is not None else typ
        if leaf.kind == "string" and REF.search(_last(path)):
            out.append(path)
    return sorted(set(out))


def output_only_of(spec: Any) -> list[str]:
    """Output paths that are not inputs (the deployed resource's own endpoints and state, such
    as a Cosmos region's ``documentEndpoint``): ``check-state`` sees them, and they are not where
    the resource sends data. Only the shortest such prefix is kept."""
    inputs = {path for path, _ in spec.inputs.walk() if path}
    found: set[str] = set()
    for wire, typ in spec.outputs.items():
        for path, _ in typ.walk(wire):
            if path and path not in inputs and path.count(".") < MAX_DEPTH:
                found.add(path)
    keep = []
    for path in sorted(found, key=len):
        if not any(path.startswith(k + ".") or path.startswith(k + "[") or path.startswith(k + "{") for k in keep):
            keep.append(path)
    return sorted(keep)


def facts(tokens: list[str]) -> dict[str, Any]:
    from sovereign_components.gate.sdk import load_schema

    schema = load_schema()
    provider = schema.providers()["azure-native"]
    types: dict[str, Any] = {}
    aliases: dict[str, str] = {}
    missing = []
    for token in sorted(tokens):
        spec = schema.resource(token)
        if spec is None or spec.token != token:
            missing.append(token)
            continue
        entry: dict[str, Any] = {"api": spec.api_version, "location": spec.takes_location}
        entry["switches"] = switches_of(spec)
        entry["refs"] = refs_of(spec)
        entry["shape"] = shape_of(spec)
        entry["outputOnly"] = output_only_of(spec)
        types[token] = entry
        for alias in spec.aliases:
            spelled = derive(alias)
            if spelled == token:
                continue
            other = schema.resource(spelled)
            if other is not None and other.token == spelled:
                continue  # the spelling names another v3 type (a discriminated sibling): not ours
            aliases.setdefault(alias, token)
    if missing:
        raise SystemExit(f"catalogue types the installed SDK does not declare: {', '.join(missing)}")
    return {
        "generatedBy": "tools/policy_facts.py",
        "sdk": {"package": provider.package, "version": provider.version},
        "types": types,
        "aliases": dict(sorted(aliases.items())),
    }


def render() -> str:
    from sovereign_components.policies.catalogue import catalogue

    return json.dumps(facts(list(catalogue().types)), indent=1, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tools/policy_facts.py", description=__doc__.split("\n\n")[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", action="store_true", help=f"write {OUTPUT.relative_to(ROOT)}")
    group.add_argument("--check", action="store_true", help="exit 1 when the committed file differs")
    group.add_argument("--print", action="store_true", help="print to stdout")
    args = parser.parse_args(argv)
    text = render()
    if args.write:
        OUTPUT.write_text(text, encoding="utf-8")
        print(f"wrote {OUTPUT.relative_to(ROOT)} ({len(text):,} bytes)")
        return 0
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            print(f"{OUTPUT.relative_to(ROOT)} is stale: run .venv/bin/python tools/policy_facts.py --write",
                  file=sys.stderr)
            return 1
        return 0
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
