"""The ``--format json`` report: the design's keys (schema: report.schema.json).

``inputs`` are the camelCase inputs the policies saw, except that secret values are shown as
``"[secret]"`` (reports end up in CI logs; ``pulumi preview`` masks them too).
``enforcementLevel`` is lower-case. An undecided result (a policy read an unknown value)
appears as pulumi_policy reports it, an advisory "can't run policy … during preview", and is
counted under ``summary.undecided``, not ``summary.advisory``. The extra top-level key
``emulated`` lists what the offline engine stood in for (invokes, provider defaults, secrets).

Lossless: each resource also carries everything the analysis read — ``propertyDependencies``
(stack policies resolve references through them), ``outputs`` (what policies may read of the
answer: inputs echoed plus ids and endpoints, never a placeholder), ``custom``, ``id``,
``provider``, ``aliases``, ``external`` (read, not created) and ``unreadableKeys`` (input keys the
resource's SDK type does not declare, sent on the wire but never read by the provider) — so
``sovereign check-state`` over this report judges exactly what the preview judged; ``config`` is
the stack config the policies saw (secret keys masked), as ``pulumi preview --json`` prints it.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from ..model import PreviewReport

SIG_KEY = "4dabf18193072939515e22adb298388d"
SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270"
SECRET_MASK = "[secret]"


def mask_secrets(value: Any) -> Any:
    if isinstance(value, dict):
        if value.get(SIG_KEY) == SECRET_SIG:
            return SECRET_MASK
        return {k: mask_secrets(v) for k, v in value.items()}
    if isinstance(value, list):
        return [mask_secrets(v) for v in value]
    return value


def to_json_dict(report: PreviewReport) -> dict[str, Any]:
    return {
        "project": report.project,
        "stack": report.stack,
        "policyPack": {"name": report.pack_name, "version": report.pack_version},
        "resources": [
            {
                "urn": r.urn,
                "type": r.type,
                "name": r.name,
                "parent": r.parent,
                "inputs": mask_secrets(r.inputs),
                "protect": r.protect,
                "dependencies": list(r.dependencies),
                "propertyDependencies": {k: list(v) for k, v in r.property_dependencies.items()},
                "custom": r.custom,
                "id": r.id,
                "provider": r.provider,
                "aliases": list(r.aliases),
                "outputs": mask_secrets(r.outputs),
                "external": r.external,
                "unreadableKeys": list(r.unreadable_keys),
            }
            for r in report.resources
        ],
        "violations": [v.to_json_dict() for v in report.violations],
        "summary": report.summary,
        "emulated": list(report.emulated),
        "config": {k: SECRET_MASK if k in report.secret_keys else v for k, v in sorted(report.stack_config.items())},
    }


def render_json(report: PreviewReport) -> str:
    return json.dumps(to_json_dict(report), indent=2, sort_keys=False) + "\n"


def report_schema() -> dict[str, Any]:
    """The JSON Schema of :func:`to_json_dict` output (shipped as report.schema.json)."""
    with resources.files(__package__).joinpath("report.schema.json").open("r", encoding="utf-8") as fh:
        return json.load(fh)
