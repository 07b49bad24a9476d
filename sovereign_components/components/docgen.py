"""Generate the component reference pages (``docs/components/*.md``) from the package schema.

The schema the component provider infers (:func:`sovereign_components.components.provider.schema`) is the
source of truth: it is what every language's SDK is generated from, its descriptions are the
args' docstrings (where each default and the control it satisfies are written), and its types
and required inputs come from the TypedDict annotations. Rendering from it means the pages,
the SDKs and the code cannot disagree; ``tests/packaging/test_docs.py`` fails when a committed
page is stale. Regenerate with::

    python -m sovereign_components.components.docgen            # write docs/components/
    python -m sovereign_components.components.docgen --check    # exit 1 when a page is stale

Rendering is pure (schema dict in, Markdown out); only :func:`main` touches pulumi and files.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

#: Control ids of docs/controls.md (families L, E, S, H, C, T, F, G,
#: plus PL and D1), as they appear in docstrings ("control L1", "(G3, T8)").
CONTROL_ID = re.compile(r"\b(?:L[1-3]|E[1-5]|S[1-6]|H[1-6]|C[1-6]|T(?:10|[1-9])|F[1-6]|G(?:1[0-3]|[1-9])|PL|D1)\b")

#: Example values for required inputs in the generated snippets, by schema (camelCase) name.
#: Anything not listed gets a ``<name>`` placeholder.
EXAMPLE_VALUES: Mapping[str, str] = {
    "location": "germanywestcentral",
    "resourceGroupName": "rg-orders-eu",
    "boundary": "EU",
    "alertEmail": "security-team@contoso.example",
    "serviceBusNamespaceName": "sb-orders-eu",
    "serviceBusNamespaceId": "/subscriptions/<subscription>/resourceGroups/rg-orders-eu/providers/Microsoft.ServiceBus/namespaces/sb-orders-eu",
}

#: Where the pages go, relative to the repository root.
DOCS_DIR = Path("docs/components")

_REF_PREFIX = "#/types/"


def _snake(name: str) -> str:
    """``serviceBusNamespaceId`` -> ``service_bus_namespace_id``, ``ComplianceDLQ`` ->
    ``compliance_dlq`` (the inverse of the schema's camelCase mapping)."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", name).lower()


def _type_of(prop: Mapping[str, Any]) -> str:
    """A readable type: ``string``, ``integer``, ``list[ProcessorArgs]``, ``map[string]``."""
    ref = prop.get("$ref")
    if ref:
        if ref.startswith(_REF_PREFIX):
            name = ref[len(_REF_PREFIX):].rsplit(":", 1)[-1]
            return f"[{name}](#{name.lower()})"
        return ref.rsplit("/", 1)[-1]  # pulumi.json#/Archive -> Archive
    kind = prop.get("type", "any")
    if kind == "array":
        return f"list[{_type_of(prop.get('items', {}))}]"
    if kind == "object" and "additionalProperties" in prop:
        return f"map[{_type_of(prop['additionalProperties'])}]"
    return str(kind)


def _cell(text: str | None) -> str:
    """Markdown table cell: one line, pipes escaped, RST double backticks as code."""
    flat = " ".join((text or "").split())
    return flat.replace("``", "`").replace("|", "\\|") or "—"


def controls_in(text: str | None) -> list[str]:
    """The control ids a description names, in order of first mention."""
    seen: list[str] = []
    for match in CONTROL_ID.findall(text or ""):
        if match not in seen:
            seen.append(match)
    return seen


def _property_table(properties: Mapping[str, Any], required: Sequence[str], *, inputs: bool) -> list[str]:
    if inputs:
        lines = ["| Input (Python) | Type | Required | Description: default and why | Controls |", "|---|---|---|---|---|"]
    else:
        lines = ["| Output (Python) | Type | Description |", "|---|---|---|"]
    for name, prop in properties.items():
        label = f"`{name}` (`{_snake(name)}`)"
        description = prop.get("description")
        if inputs:
            needed = "yes" if name in required else "no"
            lines.append(
                f"| {label} | {_type_of(prop)} | {needed} | {_cell(description)} | {', '.join(controls_in(description)) or '—'} |"
            )
        else:
            lines.append(f"| {label} | {_type_of(prop)} | {_cell(description)} |")
    return lines


def _referenced_types(resource: Mapping[str, Any], types: Mapping[str, Any]) -> list[str]:
    """Tokens of the object types an input uses, nested ones included, in first-use order."""
    found: list[str] = []

    def visit(prop: Mapping[str, Any]) -> None:
        ref = prop.get("$ref", "")
        if ref.startswith(_REF_PREFIX):
            token = ref[len(_REF_PREFIX):]
            if token not in found:
                found.append(token)
                for nested in types.get(token, {}).get("properties", {}).values():
                    visit(nested)
        for key in ("items", "additionalProperties"):
            if key in prop:
                visit(prop[key])

    for prop in resource.get("inputProperties", {}).values():
        visit(prop)
    return found


def _example(token: str, resource: Mapping[str, Any]) -> list[str]:
    class_name = token.rsplit(":", 1)[-1]
    required = sorted(resource.get("requiredInputs", []), key=list(resource["inputProperties"]).index)
    values = {name: EXAMPLE_VALUES.get(name, f"<{name}>") for name in required}
    python_args = "\n".join(f'        "{_snake(name)}": "{value}",' for name, value in values.items())
    yaml_props = "\n".join(f"      {name}: {value}" for name, value in values.items())
    return [
        "Python (`pip install sovereign-components`):",
        "",
        "```python",
        f"from sovereign_components import {class_name}",
        "",
        f"{_snake(class_name)} = {class_name}(",
        '    "orders",',
        "    {",
        python_args,
        "    },",
        ")",
        "```",
        "",
        "Pulumi YAML (after `pulumi package add`; TypeScript, Go, C# and Java use the generated SDK):",
        "",
        "```yaml",
        "resources:",
        "  orders:",
        f"    type: {token}",
        "    properties:",
        yaml_props,
        "```",
    ]


def render_component(token: str, resource: Mapping[str, Any], types: Mapping[str, Any]) -> str:
    """One component's reference page."""
    class_name = token.rsplit(":", 1)[-1]
    required = list(resource.get("requiredInputs", []))
    lines = [
        f"# {class_name}",
        "",
        "<!-- Generated by `python -m sovereign_components.components.docgen` from the package schema; do not edit. -->",
        "",
        f"Token: `{token}`",
        "",
        resource.get("description", "").strip(),
        "",
        "Defaults and the controls they satisfy are written in each input's description; control",
        "ids refer to the sovereignty controls table (L = location, E = Event Grid, S = Service",
        "Bus, H = Event Hubs, C = Cosmos DB, T = storage, F = Functions, G = geo/cross-region,",
        "PL = private link, D1 = diagnostics).",
        "",
        "## Inputs",
        "",
        *_property_table(resource.get("inputProperties", {}), required, inputs=True),
        "",
        "## Outputs",
        "",
        *_property_table(resource.get("properties", {}), [], inputs=False),
    ]
    nested = _referenced_types(resource, types)
    if nested:
        lines += ["", "## Input types"]
        for type_token in nested:
            spec = types[type_token]
            lines += [
                "",
                f"### {type_token.rsplit(':', 1)[-1]}",
                "",
                " ".join((spec.get("description") or "").split()),
                "",
                *_property_table(spec.get("properties", {}), spec.get("required", []), inputs=True),
            ]
    lines += ["", "## Example", "", *_example(token, resource)]
    return "\n".join(lines) + "\n"


def render_index(schema: Mapping[str, Any]) -> str:
    lines = [
        "# Component reference",
        "",
        "<!-- Generated by `python -m sovereign_components.components.docgen` from the package schema; do not edit. -->",
        "",
        f"Package `{schema['name']}` {schema['version']}. Use from Python with `pip install`, from other",
        "languages with `pulumi package add` (see [using it from your project](../using-from-other-languages.md)).",
        "A complete consumer project: [`examples/consumer/`](../../examples/consumer/__main__.py).",
        "",
        "| Component | Token | What it is |",
        "|---|---|---|",
    ]
    for token, resource in schema["resources"].items():
        name = token.rsplit(":", 1)[-1]
        summary = " ".join((resource.get("description") or "").split()).split(". ")[0].rstrip(".")
        lines.append(f"| [{name}]({name}.md) | `{token}` | {summary}. |")
    return "\n".join(lines) + "\n"


def render_all(schema: Mapping[str, Any]) -> dict[str, str]:
    """File name -> page text for every component, plus the index ``README.md``."""
    types = schema.get("types", {})
    pages = {
        f"{token.rsplit(':', 1)[-1]}.md": render_component(token, resource, types)
        for token, resource in schema["resources"].items()
    }
    pages["README.md"] = render_index(schema)
    return pages


def stale_pages(directory: Path, pages: Mapping[str, str]) -> list[str]:
    """Pages missing from ``directory`` or different from their rendering."""
    stale = []
    for name, text in pages.items():
        path = directory / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            stale.append(name)
    return stale


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sovereign_components.components.docgen", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DOCS_DIR, help="output directory (default docs/components)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a page is missing or stale; write nothing")
    parser.add_argument("--schema", type=Path, help="render this schema JSON instead of inferring it")
    args = parser.parse_args(argv)
    if args.schema is not None:
        schema = json.loads(args.schema.read_text(encoding="utf-8"))
    else:
        from .provider import schema as infer_schema

        schema = infer_schema()
    pages = render_all(schema)
    if args.check:
        stale = stale_pages(args.out, pages)
        for name in stale:
            print(f"{args.out / name}: stale; run python -m sovereign_components.components.docgen", file=sys.stderr)
        return 1 if stale else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name, text in pages.items():
        (args.out / name).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
