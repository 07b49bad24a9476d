"""The ``--format sarif`` report: SARIF 2.1.0 as GitHub code scanning ingests it.

One run; ``tool.driver.rules`` holds EVERY policy of the pack (id = policy name, its
description, remediation steps as help text, its url as helpUri, default level from its
effective enforcement level), so code scanning can show a rule's help even for rules that
found nothing. One result per violation:

* ``level``: ``error`` for mandatory (blocks the gate), ``warning`` for advisory, ``note`` for
  undecided (a policy read a value unknown at preview; not a finding, but not a pass either).
* ``locations``: GitHub code scanning rejects results without a physical location, and a
  Pulumi resource has no source line of its own; the result points at the file a reviewer
  changes to fix it — the stack config ``Pulumi.<stack>.yaml`` when it exists (the gate runs
  per stack), else the program's main file, or the audited state file for ``check-state`` —
  as a path relative to the repository root, at the first line naming the resource (its
  logical name, or its URN in a state file), else line 1. ``logicalLocations`` carries the URN.
* ``partialFingerprints``: a hash of (policy, urn) so an alert survives unrelated edits that
  move lines, and the same violation on the next pull request is the same alert.
* ``properties``: ``urn``, ``enforcementLevel``, ``severity`` (and ``undecided``/``policyError``).

Where the inputs come from: the report (``project``, ``stack``, ``violations``), plus optional
attributes the engine may attach — ``pack`` (the loaded pack, for rule metadata),
``policy_levels`` (effective level per policy after ``--policy-pack-config``), ``program_dir``
(to find the artifact) and ``sarif_artifact`` (an explicit artifact path, used by
``check-state``). Without a pack, rules are derived from the violations (so output stays valid).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..._version import __version__
from ..model import PreviewReport, Violation

SARIF_VERSION = "2.1.0"
#: The schema URI GitHub's documentation and the OASIS errata use for 2.1.0 logs.
SARIF_SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
TOOL_NAME = "sovereign"
#: Same repository the policy docs link to (sovereign_components.policies.table.REPOSITORY_URL).
INFORMATION_URI = "https://github.com/sovereign-events/sovereign-events"
#: Fingerprint key: versioned so a future change of the hash input does not silently re-key.
FINGERPRINT_KEY = "sovereignPolicyUrn/v1"

#: Effective enforcement level -> SARIF level of the rule's default configuration.
RULE_LEVELS: dict[str, str] = {
    "mandatory": "error",
    "remediate": "error",  # pulumi reports a violation left after remediation as mandatory
    "advisory": "warning",
    "disabled": "none",
}
#: GitHub code scanning ranks security alerts by ``security-severity`` (a CVSS-like number
#: as a string); the pack's severities map to the middle of GitHub's bands.
SECURITY_SEVERITY: dict[str, str] = {"critical": "9.5", "high": "8.0", "medium": "5.5", "low": "3.0"}


@dataclass(frozen=True)
class RuleInfo:
    """What SARIF needs to know about one policy."""

    name: str
    description: str = ""
    level: str = "advisory"  # effective enforcement level, lower-case
    severity: str = ""
    remediation_steps: str = ""
    url: str = ""
    display_name: str = ""
    kind: str = "resource"  # "resource" | "stack"


# -- rules ---------------------------------------------------------------------------------
def _enum_value(value: Any) -> str:
    raw = getattr(value, "value", value)
    return raw.lower() if isinstance(raw, str) else ""


def rules_from_pack(pack: Any, levels: Mapping[str, str] | None = None) -> list[RuleInfo]:
    """Rule metadata of every policy of a loaded pack (``LoadedPack`` or anything with
    ``.policies`` and ``.enforcement_level``); ``levels`` overrides the effective level."""
    pack_level = _enum_value(getattr(pack, "enforcement_level", None)) or "advisory"
    rules = []
    for policy in getattr(pack, "policies", []) or []:
        name = getattr(policy, "name", "")
        level = (levels or {}).get(name) or _enum_value(getattr(policy, "enforcement_level", None)) or pack_level
        kind = "stack" if type(policy).__name__ == "StackValidationPolicy" else "resource"
        rules.append(
            RuleInfo(
                name=name,
                description=getattr(policy, "description", "") or "",
                level=level,
                severity=_enum_value(getattr(policy, "severity", None)),
                remediation_steps=getattr(policy, "remediation_steps", "") or "",
                url=getattr(policy, "url", "") or "",
                display_name=getattr(policy, "display_name", "") or "",
                kind=kind,
            )
        )
    return rules


def _builtin_pack_named(name: str) -> Any:
    """The built-in pack when the report is of it (until the engine attaches ``report.pack``)."""
    try:
        from ...policies import PACK_NAME
        from ..analysis.pack_loader import load_builtin_pack
    except ImportError:
        return None
    return load_builtin_pack() if name == PACK_NAME else None


def _rules_from_violations(violations: Iterable[Violation]) -> list[RuleInfo]:
    seen: dict[str, RuleInfo] = {}
    for v in violations:
        if v.policy not in seen:
            seen[v.policy] = RuleInfo(name=v.policy, level=v.enforcement_level, severity=v.severity)
    return list(seen.values())


def _rule_object(rule: RuleInfo) -> dict[str, Any]:
    level = RULE_LEVELS.get(rule.level, "warning")
    summary = rule.display_name or rule.description or rule.name
    help_text = rule.remediation_steps or rule.description or rule.name
    obj: dict[str, Any] = {
        "id": rule.name,
        "name": _pascal(rule.name),
        "shortDescription": {"text": _first_sentence(summary)},
        "fullDescription": {"text": rule.description or summary},
        "help": {"text": help_text, "markdown": _help_markdown(rule)},
        "defaultConfiguration": {"level": level, "enabled": rule.level != "disabled"},
        "properties": {
            "enforcementLevel": rule.level,
            "policyType": rule.kind,
            "tags": ["pulumi-policy", "security", rule.level],
            "precision": "high",
        },
    }
    if rule.url:
        obj["helpUri"] = rule.url
    if rule.severity:
        obj["properties"]["severity"] = rule.severity
        if rule.severity in SECURITY_SEVERITY:
            obj["properties"]["security-severity"] = SECURITY_SEVERITY[rule.severity]
    return obj


def _pascal(name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^A-Za-z0-9]+", name) if part)


def _first_sentence(text: str) -> str:
    line = text.strip().splitlines()[0] if text.strip() else text
    return line[:1024]


def _help_markdown(rule: RuleInfo) -> str:
    parts = [f"**{rule.display_name or rule.name}** ({rule.level})", "", rule.description or ""]
    if rule.remediation_steps:
        parts += ["", "**Remediation**", "", rule.remediation_steps]
    if rule.url:
        parts += ["", f"[Documentation]({rule.url})"]
    return "\n".join(parts).strip()


# -- artifact ------------------------------------------------------------------------------
def repo_root(start: Path) -> Path:
    """The nearest ancestor holding ``.git`` (GitHub resolves SARIF uris against it), else cwd."""
    start = start.resolve()
    for d in (start, *start.parents):
        if (d / ".git").exists():
            return d
    return Path.cwd().resolve()


def default_artifact(program_dir: Path, stack: str) -> Path | None:
    """The stack config ``Pulumi.<stack>.yaml`` if present, else the program's main file."""
    config = program_dir / f"Pulumi.{stack}.yaml"
    if config.exists():
        return config
    for candidate in ("__main__.py", "Pulumi.yaml"):
        if (program_dir / candidate).exists():
            return program_dir / candidate
    return None


@dataclass
class Artifact:
    """The file results point at: a repo-relative uri and its lines (for the region)."""

    uri: str
    lines: Sequence[str] = ()

    @classmethod
    def from_path(cls, path: Path | None, root: Path | None = None) -> "Artifact":
        if path is None:
            return cls(uri="Pulumi.yaml")
        path = Path(path).resolve()
        root = root or repo_root(path.parent)
        try:
            rel = path.relative_to(root)
        except ValueError:
            rel = Path(os.path.relpath(path, root))
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError:
            lines = []
        return cls(uri=rel.as_posix(), lines=lines)

    def line_of(self, *needles: str) -> int:
        """1-based line of the first needle found (in order of preference), else 1."""
        for needle in needles:
            if not needle:
                continue
            for i, line in enumerate(self.lines, start=1):
                if needle in line:
                    return i
        return 1


# -- results -------------------------------------------------------------------------------
def fingerprint(policy: str, urn: str) -> str:
    return hashlib.sha256(f"{policy}\0{urn}".encode("utf-8")).hexdigest()


def _result_level(v: Violation) -> str:
    if v.undecided:
        # an undecided mandatory policy fails the run (unless --allow-undecided): an error
        return "error" if v.blocks_when_undecided else "note"
    return "error" if v.enforcement_level == "mandatory" else "warning"


def _logical_name(urn: str) -> str:
    return urn.rsplit("::", 1)[-1] if "::" in urn else urn


def _result(v: Violation, rule_index: int, artifact: Artifact, stack_urn: str) -> dict[str, Any]:
    urn = v.urn or stack_urn
    name = _logical_name(urn)
    text = " ".join(v.message.split()) or v.policy
    subject = f"resource {v.urn}" if v.urn else f"stack {stack_urn}"
    line = artifact.line_of(f'"{v.urn}"' if v.urn else "", v.urn, f'"{name}"', name)
    properties: dict[str, Any] = {
        "urn": v.urn,
        "enforcementLevel": v.enforcement_level,
        "severity": v.severity,
    }
    if v.undecided:
        properties["undecided"] = True
    if v.error:
        properties["policyError"] = True
    return {
        "ruleId": v.policy,
        "ruleIndex": rule_index,
        "level": _result_level(v),
        "message": {"text": f"{text} [{subject}]"},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": artifact.uri, "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": line},
                },
                "logicalLocations": [{"name": name, "fullyQualifiedName": urn, "kind": "resource"}],
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(v.policy, urn)},
        "properties": properties,
    }


def to_sarif_dict(
    report: PreviewReport,
    *,
    pack: Any = None,
    levels: Mapping[str, str] | None = None,
    artifact: Path | None = None,
    root: Path | None = None,
) -> dict[str, Any]:
    """The SARIF log as a dict (see the module docstring for every field's origin)."""
    pack = pack if pack is not None else getattr(report, "pack", None)
    if pack is None:
        pack = _builtin_pack_named(report.pack_name)
    levels = levels if levels is not None else getattr(report, "policy_levels", None)
    rules = rules_from_pack(pack, levels) if pack is not None else []
    known = {r.name for r in rules}
    rules += [r for r in _rules_from_violations(report.violations) if r.name not in known]
    index = {r.name: i for i, r in enumerate(rules)}

    if artifact is None:
        artifact = getattr(report, "sarif_artifact", None)
    if artifact is None:
        program_dir = getattr(report, "program_dir", None)
        artifact = default_artifact(Path(program_dir) if program_dir else Path.cwd(), report.stack)
    located = Artifact.from_path(artifact, root)
    stack_urn = f"urn:pulumi:{report.stack}::{report.project}::pulumi:pulumi:Stack::{report.project}-{report.stack}"

    return {
        "$schema": SARIF_SCHEMA_URI,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": TOOL_NAME,
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": [_rule_object(r) for r in rules],
                    }
                },
                "invocations": [{"executionSuccessful": True}],
                "results": [_result(v, index[v.policy], located, stack_urn) for v in report.violations],
                "properties": {
                    "project": report.project,
                    "stack": report.stack,
                    "policyPack": {"name": report.pack_name, "version": report.pack_version},
                    "summary": report.summary,
                },
            }
        ],
    }


def render_sarif(report: PreviewReport) -> str:
    """``--format sarif`` (the formatter table's entry point)."""
    return json.dumps(to_sarif_dict(report), indent=2) + "\n"
