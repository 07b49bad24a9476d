"""Plain data the engine passes around: what a program registered, what a pack reported.

Pure (no pulumi import) so reports, the CLI and the subprocess worker can use it cheaply.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: ``pulumi.runtime.rpc.UNKNOWN`` == ``pulumi_policy.proxy.UNKNOWN_STRING_VALUE``: the value an
#: unknown (preview-time) property carries on the wire and in ``CapturedResource.inputs``.
UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"

#: The root stack component's type token (the engine skips it in per-resource analysis).
STACK_TYPE = "pulumi:pulumi:Stack"
#: Type-token prefix of provider resources (default and explicit providers).
PROVIDER_TYPE_PREFIX = "pulumi:providers:"


@dataclass
class CapturedResource:
    """One ``RegisterResource`` request as the engine received it.

    ``inputs`` are the camelCase wire inputs (JSON-shaped: numbers are floats, unknowns are
    :data:`UNKNOWN`, secrets keep pulumi's secret envelope, resource references are replaced
    by their id/urn); ``outputs`` are what policies may read of the monitor's answer: the inputs
    echoed plus the computed values that look real (ids, endpoints), never a typed placeholder
    (for state read from a file: the recorded outputs). ``aliases`` are the resource's
    alias URNs as the SDK computes them (given to policies as ``opts.aliases``), also when the
    engine dropped the aliases themselves to register faster (see ``aliases.py``).
    """

    urn: str
    type: str
    name: str
    parent: str = ""
    custom: bool = True
    inputs: dict[str, Any] = field(default_factory=dict)
    outputs: dict[str, Any] = field(default_factory=dict)
    protect: bool = False
    dependencies: list[str] = field(default_factory=list)
    property_dependencies: dict[str, list[str]] = field(default_factory=dict)
    provider: str = ""
    id: str = ""
    aliases: list[str] = field(default_factory=list)
    #: Dotted paths of input keys the resource's SDK input type does not declare: sent on the
    #: wire, never read by the provider (a snake_case dict passed for a union-typed argument).
    unreadable_keys: list[str] = field(default_factory=list)
    #: A resource the program read (``Resource.get``, ``StackReference``), not one it creates.
    external: bool = False

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "CapturedResource":
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


def analysed_per_resource(r: CapturedResource) -> bool:
    """Whether resource policies (``Analyze``) see ``r``: custom resources, except providers.

    The one rule for ``preview`` and ``check-state``. Providers are left to stack policies
    (which see every resource, providers included, so a rule can still follow a resource to its
    provider): a provider's inputs (``location``, credentials settings) configure other
    resources and place nothing, so a location rule must not read them as a placement; pulumi's
    own state-based policy check skips provider resources in per-resource analysis for the same
    reason. Components and the root stack are not analysed per resource either (they create
    nothing in Azure; their children are analysed), nor are resources the program only *read*
    (``Resource.get``, ``StackReference``: they exist already and this program does not deploy
    them); stack policies still see them, so a reference to one can be followed.
    """
    return r.custom and not r.external and r.type != STACK_TYPE and not r.type.startswith(PROVIDER_TYPE_PREFIX)


@dataclass
class Capture:
    """Everything one program run registered, plus what the engine had to emulate."""

    project: str
    stack: str
    program_dir: Path
    resources: list[CapturedResource] = field(default_factory=list)
    emulated: list[str] = field(default_factory=list)
    #: The stack config as Pulumi hands it to programs and policy packs (``ns:key`` -> str).
    config: dict[str, str] = field(default_factory=dict)
    #: Config keys whose values are secrets (offline: placeholders; reports mask them).
    secret_keys: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "project": self.project,
            "stack": self.stack,
            "program_dir": str(self.program_dir),
            "resources": [r.to_dict() for r in self.resources],
            "emulated": list(self.emulated),
            "config": dict(self.config),
            "secret_keys": list(self.secret_keys),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Capture":
        return cls(
            project=data["project"],
            stack=data["stack"],
            program_dir=Path(data["program_dir"]),
            resources=[CapturedResource.from_dict(r) for r in data["resources"]],
            emulated=list(data.get("emulated", [])),
            config=dict(data.get("config", {})),
            secret_keys=list(data.get("secret_keys", [])),
        )


@dataclass(frozen=True)
class Violation:
    """One diagnostic of the pack. ``undecided`` = the policy read an unknown value (pulumi's
    "can't run policy … during preview" advisory); ``error`` = the policy itself raised.

    An undecided result arrives as an advisory diagnostic whatever the policy's level (that is
    how ``pulumi_policy`` reports an unknown); ``policy_level`` keeps the level the policy is
    configured at, because an undecided *mandatory* policy is a sovereignty check that could not
    show compliance, and the gate fails closed on it (:meth:`PreviewReport.exit_code`)."""

    policy: str
    enforcement_level: str  # "mandatory" | "advisory" (lower-case, as the JSON report)
    severity: str  # "", "low", "medium", "high", "critical"
    urn: str
    message: str
    undecided: bool = False
    error: bool = False
    policy_level: str = ""  # the policy's configured level ("" = same as enforcement_level)

    @property
    def blocks_when_undecided(self) -> bool:
        """An undecided result of a policy configured mandatory."""
        return self.undecided and (self.policy_level or self.enforcement_level) == "mandatory"

    def to_json_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "policy": self.policy,
            "enforcementLevel": self.enforcement_level,
            "severity": self.severity,
            "urn": self.urn,
            "message": self.message,
        }
        if self.undecided:
            out["undecided"] = True
            out["policyEnforcementLevel"] = self.policy_level or self.enforcement_level
        return out


@dataclass
class AnalysisResult:
    violations: list[Violation] = field(default_factory=list)
    #: "<policy> remediated <urn>" for every remediation applied before Analyze.
    remediations: list[str] = field(default_factory=list)
    #: Wall time of the per-resource phase (Remediate + Analyze) and of AnalyzeStack.
    resource_seconds: float = 0.0
    stack_seconds: float = 0.0

    @property
    def mandatory(self) -> int:
        return sum(1 for v in self.violations if v.enforcement_level == "mandatory" and not v.undecided)

    @property
    def advisory(self) -> int:
        return sum(1 for v in self.violations if v.enforcement_level == "advisory" and not v.undecided)

    @property
    def undecided(self) -> int:
        return sum(1 for v in self.violations if v.undecided)

    @property
    def undecided_mandatory(self) -> int:
        """Undecided results of policies configured mandatory (they fail the run by default)."""
        return sum(1 for v in self.violations if v.blocks_when_undecided)


@dataclass
class PreviewReport:
    project: str
    stack: str
    pack_name: str
    pack_version: str
    resources: list[CapturedResource]
    violations: list[Violation]
    emulated: list[str] = field(default_factory=list)
    remediations: list[str] = field(default_factory=list)
    #: ``"preview"`` (a program ran against the offline engine) or ``"check-state"`` (recorded
    #: state audited):
    #: the text report's title and summary say which.
    mode: str = "preview"
    #: The loaded pack (SARIF lists every rule of it, external packs included).
    pack: Any = field(default=None, repr=False, compare=False)
    #: Effective enforcement level per policy after ``--policy-pack-config`` (SARIF rule levels).
    policy_levels: dict[str, str] | None = None
    #: The program's directory (SARIF points results at its ``Pulumi.<stack>.yaml``).
    program_dir: Path | None = None
    #: An explicit file for SARIF results (``check-state``: the audited state file).
    sarif_artifact: Path | None = None
    #: The stack config the policies saw (``ns:key`` -> str; the JSON report masks secret keys).
    stack_config: dict[str, str] = field(default_factory=dict)
    secret_keys: list[str] = field(default_factory=list)

    @property
    def summary(self) -> dict[str, int]:
        result = AnalysisResult(self.violations)
        return {
            "resources": len(self.resources),
            "mandatory": result.mandatory,
            "advisory": result.advisory,
            "undecided": result.undecided,
        }

    def exit_code(self, *, strict: bool = False, allow_undecided: bool = False) -> int:
        """0 = every mandatory policy decided and none is violated; 1 = a mandatory violation, or
        a mandatory policy that could not decide (a location, target or switch unknown offline:
        an ESC environment, a secret, a stack reference, an existing resource). Failing closed
        there is the gate's contract (docs/architecture.md, "Default-deny, fail closed"): a value
        the gate cannot see is exactly where a program would hide a region. ``allow_undecided``
        accepts such results deliberately (they stay in the report); ``strict`` also fails on
        undecided results of advisory policies."""
        result = AnalysisResult(self.violations)
        if result.mandatory:
            return 1
        if strict and result.undecided:
            return 1
        if not allow_undecided and result.undecided_mandatory:
            return 1
        return 0
