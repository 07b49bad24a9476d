"""Drive the real ``pulumi_policy`` analyzer servicer in-process, as the Pulumi engine would.

Per pack and resolved config one ``_PolicyAnalyzerServicer`` is built and ``Configure``d with an
explicit level for every policy (cached on the pack, so a mutation suite can call
:func:`analyze` hundreds of times cheaply). Per custom resource: ``Remediate`` (only when some
policy is at REMEDIATE level; otherwise it is a no-op) and ``Analyze`` on the remediated
inputs; then one ``AnalyzeStack`` over every resource (components and the stack included) with
parent, dependencies, property dependencies and provider. Which resources ``Analyze`` sees is
decided once, by ``model.analysed_per_resource`` (custom resources except providers), for
``preview`` and ``check-state`` alike; ``AnalyzeStack`` sees them all. Each resource's alias
URNs go into ``AnalyzerResourceOptions.aliases`` (policies read them as ``args.opts.aliases``),
also when the capture dropped the aliases themselves to register faster.

The garbage collector is off during ``AnalyzeStack`` (``gc_control.paused_gc``): one request
holding every resource, deserialised at once, made collections dominate at 5,000 resources.
Both phases are timed (``AnalysisResult.resource_seconds``/``stack_seconds``) for the bench.

Classification: MANDATORY/REMEDIATE diagnostics fail; pulumi_policy's "can't run policy …
during preview" advisory (a policy read an unknown value) is *undecided*; other advisories are
advisory. A policy that raises does not crash the run: it is reported as a diagnostic of that
policy at its own level carrying the exception (fail closed for mandatory rules).

What the policies read per resource: in a preview, the (checked) inputs — ``Analyze`` gets the
inputs, ``AnalyzeStack`` the inputs over the outputs (a new resource's outputs echo its inputs).
In a state audit (``deployed=True``, ``check-state``) the recorded *outputs* are the deployed
truth the inputs may not state: both calls get the outputs overlaid with the inputs — inputs win
where present, outputs fill what they lack, nested objects merged key by key (a recorded
``minimumTlsVersion: TLS1_2`` or ``networkRuleSet.defaultAction`` counts even when the program
relied on the service default).

Like the engine, analysis sees the stack config through ``PULUMI_CONFIG`` and project/stack
through ``PULUMI_PROJECT``/``PULUMI_STACK``/``PULUMI_DRY_RUN`` (pulumi_policy
``_configure_runtime_settings``); they are set for the call and restored after, inside a
private ``contextvars`` context so the runtime settings the servicer installs do not leak.
"""

from __future__ import annotations

import contextlib
import contextvars
import copy
import json
import os
import time
from collections.abc import Iterator, Mapping, Sequence
from inspect import isawaitable
from pathlib import Path
from typing import Any

from google.protobuf import struct_pb2
from pulumi.runtime import proto
from pulumi_policy.policy import _NotApplicableError, _PolicyAnalyzerServicer
from pulumi_policy.proxy import UnknownValueError

from ..engine.gc_control import paused_gc
from ..engine.wire import SIG_KEY
from ..model import AnalysisResult, CapturedResource, Violation, analysed_per_resource
from .pack_loader import LoadedPack
from .policy_config import PolicySettings, cache_key, resolve_policy_config

#: The property ``AnalyzeStack`` adds to a resource the program *read* rather than created
#: (``Resource.get``, ``StackReference``; ``external`` in the capture or a state file), with the
#: value ``True``. Why a property: ``AnalyzerResource``/``AnalyzerResourceOptions`` have no field
#: for it, and Pulumi's own engine passes read resources to stack policies unmarked (their state's
#: outputs, pulumi/pulumi ``pkg/resource/deploy/step_generator.go`` ``AnalyzeResources``). A
#: ``__`` key is reserved for the engine (Pulumi's Go analyzer host drops such keys), so no
#: provider property can collide with it. Stack policies read it as
#: ``resource.props.get("__external")``; under Pulumi's engine it is absent (treat as created).
#: ``docs/engine.md`` ("External resources") is the contract with the policy pack.
EXTERNAL_KEY = "__external"
#: Marks the report of a policy that raised (so reports can say "policy error").
POLICY_ERROR_PREFIX = "policy raised "
UNDECIDED_PREFIXES = ("can't run policy", "can't run remediation")

_LEVEL_TO_PROTO = {
    "advisory": proto.ADVISORY,
    "mandatory": proto.MANDATORY,
    "remediate": proto.REMEDIATE,
    "disabled": proto.DISABLED,
}
_SEVERITY_NAMES = {
    proto.POLICY_SEVERITY_UNSPECIFIED: "",
    proto.POLICY_SEVERITY_LOW: "low",
    proto.POLICY_SEVERITY_MEDIUM: "medium",
    proto.POLICY_SEVERITY_HIGH: "high",
    proto.POLICY_SEVERITY_CRITICAL: "critical",
}


class _RemediationCrash(Exception):
    def __init__(self, policy: str, exc: BaseException) -> None:
        super().__init__(f"{POLICY_ERROR_PREFIX}{type(exc).__name__}: {exc}")
        self.policy = policy


def _guard(policy: Any) -> Any:
    """A shallow copy of ``policy`` whose validate/remediate report exceptions instead of raising."""
    guarded = copy.copy(policy)
    validate = policy.validate
    passthrough = (UnknownValueError, _NotApplicableError)

    def report_crash(args: Any, report: Any, exc: BaseException) -> None:
        report(f"{POLICY_ERROR_PREFIX}{type(exc).__name__}: {exc}", getattr(args, "urn", None))

    def safe_validate(args: Any, report_violation: Any) -> Any:
        try:
            result = validate(args, report_violation)
        except passthrough:
            raise
        except Exception as exc:  # noqa: BLE001 - reported as a diagnostic of this policy
            report_crash(args, report_violation, exc)
            return None
        if isawaitable(result):

            async def awaited() -> None:
                try:
                    await result
                except passthrough:
                    raise
                except Exception as exc:  # noqa: BLE001
                    report_crash(args, report_violation, exc)

            return awaited()
        return result

    guarded.validate = safe_validate
    if hasattr(policy, "remediate"):
        remediate = policy.remediate

        def safe_remediate(args: Any) -> Any:
            try:
                return remediate(args)
            except passthrough:
                raise
            except Exception as exc:  # noqa: BLE001
                raise _RemediationCrash(policy.name, exc) from exc

        guarded.remediate = safe_remediate
    return guarded


def to_struct(value: Mapping[str, Any]) -> struct_pb2.Struct:
    struct = struct_pb2.Struct()
    struct.update(value)
    return struct


class _Analyzer:
    """A configured servicer plus what analysis needs to know about the pack."""

    def __init__(self, pack: LoadedPack, resolved: Mapping[str, PolicySettings]) -> None:
        policies = pack.servicers.get("__guarded__")
        if policies is None:
            policies = [_guard(p) for p in pack.policies]
            pack.servicers["__guarded__"] = policies
        self.pack = pack
        self.servicer = _PolicyAnalyzerServicer(
            pack.name, pack.version, policies, pack.enforcement_level, pack.initial_config, pack.description
        )
        self.servicer.Configure(
            proto.ConfigureAnalyzerRequest(
                policyConfig={
                    name: proto.PolicyConfig(
                        enforcementLevel=_LEVEL_TO_PROTO[s.enforcement_level],
                        properties=to_struct(s.properties),
                    )
                    for name, s in resolved.items()
                }
            ),
            None,
        )
        self.remediates = any(s.enforcement_level == "remediate" for s in resolved.values())
        self.severity = {p.name: getattr(getattr(p, "severity", None), "value", "") or "" for p in pack.policies}
        self.levels = {name: s.enforcement_level for name, s in resolved.items()}


def _analyzer_for(pack: LoadedPack, policy_config: Mapping[str, Any] | Path | str | None) -> _Analyzer:
    resolved = resolve_policy_config(pack, policy_config)
    key = cache_key(resolved)
    analyzer = pack.servicers.get(key)
    if analyzer is None:
        analyzer = _Analyzer(pack, resolved)
        pack.servicers[key] = analyzer
    return analyzer


@contextlib.contextmanager
def _engine_environment(project: str, stack: str, config: Mapping[str, str]) -> Iterator[None]:
    values = {
        "PULUMI_CONFIG": json.dumps(dict(config)),
        "PULUMI_PROJECT": project,
        "PULUMI_STACK": stack,
        "PULUMI_DRY_RUN": "true",
    }
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _violation(analyzer: _Analyzer, diag: Any, default_urn: str) -> Violation:
    undecided = diag.enforcementLevel == proto.ADVISORY and diag.message.startswith(UNDECIDED_PREFIXES)
    mandatory = diag.enforcementLevel in (proto.MANDATORY, proto.REMEDIATE)
    severity = _SEVERITY_NAMES.get(diag.severity, "") or analyzer.severity.get(diag.policyName, "")
    return Violation(
        policy=diag.policyName,
        enforcement_level="mandatory" if mandatory else "advisory",
        severity=severity,
        urn=diag.urn or default_urn,
        message=diag.message,
        undecided=undecided,
        error=POLICY_ERROR_PREFIX in diag.message,
        policy_level=analyzer.levels.get(diag.policyName, "") if undecided else "",
    )


def overlay(outputs: Mapping[str, Any], inputs: Mapping[str, Any]) -> dict[str, Any]:
    """``inputs`` over ``outputs``: an input wins where present; objects on both sides merge
    key by key; anything else (lists, scalars, secrets) is taken whole from the inputs."""
    merged: dict[str, Any] = dict(outputs)
    for key, value in inputs.items():
        base = merged.get(key)
        if (isinstance(value, dict) and isinstance(base, dict) and SIG_KEY not in value and SIG_KEY not in base):
            merged[key] = overlay(base, value)
        else:
            merged[key] = value
    return merged


def _properties(r: CapturedResource, deployed: bool) -> dict[str, Any]:
    """What ``Analyze`` reads of ``r`` (see the module docstring)."""
    return overlay(r.outputs, r.inputs) if deployed else r.inputs


def _options(r: CapturedResource) -> Any:
    return proto.AnalyzerResourceOptions(protect=r.protect, parent=r.parent, aliases=list(r.aliases))


def _provider(r: CapturedResource, by_urn: Mapping[str, CapturedResource]) -> Any:
    """The explicit provider as an ``AnalyzerProviderResource`` (None = default provider)."""
    if not r.provider:
        return None
    prov = by_urn.get(r.provider.rsplit("::", 1)[0])
    if prov is None:
        return None
    return proto.AnalyzerProviderResource(
        type=prov.type, properties=to_struct(prov.inputs), urn=prov.urn, name=prov.name
    )


def _analyze_resource(analyzer: _Analyzer, r: CapturedResource, by_urn: Mapping[str, CapturedResource],
                      out: list[Violation], remediations: list[str], deployed: bool = False) -> None:
    servicer = analyzer.servicer
    request = proto.AnalyzeRequest(
        type=r.type, properties=to_struct(_properties(r, deployed)), urn=r.urn, name=r.name,
        options=_options(r), provider=_provider(r, by_urn),
    )
    if analyzer.remediates:
        try:
            response = servicer.Remediate(request, None)
        except _RemediationCrash as exc:
            out.append(Violation(exc.policy, "mandatory", analyzer.severity.get(exc.policy, ""), r.urn,
                                 str(exc), error=True))
        else:
            for rem in response.remediations:
                if rem.diagnostic:
                    out.append(Violation(rem.policyName, "advisory", analyzer.severity.get(rem.policyName, ""),
                                         r.urn, rem.diagnostic, undecided=True))
                if rem.HasField("properties") and len(rem.properties.fields):
                    request.properties.CopyFrom(rem.properties)
                    remediations.append(f"{rem.policyName} remediated {r.urn}")
    response = servicer.Analyze(request, None)
    out.extend(_violation(analyzer, d, r.urn) for d in response.diagnostics)


def _stack_properties(r: CapturedResource, deployed: bool) -> dict[str, Any]:
    """What ``AnalyzeStack`` reads of ``r``: outputs (in a preview they echo the checked inputs),
    plus :data:`EXTERNAL_KEY` for a resource the program read rather than created."""
    props = overlay(r.outputs, r.inputs) if deployed else {**r.outputs, **r.inputs}
    # the resource's id is what its state records (the provider's), never an input of the same
    # name: a program must not pass one resource off as another by writing an `id` input
    if isinstance(r.outputs.get("id"), str) and r.outputs["id"]:
        props["id"] = r.outputs["id"]
    # only the engine sets it: a created resource whose program put the key in its inputs (a raw
    # CustomResource, a transform) must not pass for a read one
    props.pop(EXTERNAL_KEY, None)
    if r.external:
        props[EXTERNAL_KEY] = True
    return props


def _analyze_stack(analyzer: _Analyzer, resources: Sequence[CapturedResource],
                   by_urn: Mapping[str, CapturedResource], out: list[Violation], deployed: bool = False) -> None:
    request = proto.AnalyzeStackRequest(
        resources=[
            proto.AnalyzerResource(
                type=r.type,
                properties=to_struct(_stack_properties(r, deployed)),
                urn=r.urn,
                name=r.name,
                options=_options(r),
                provider=_provider(r, by_urn),
                parent=r.parent,
                dependencies=list(r.dependencies),
                propertyDependencies={
                    k: proto.AnalyzerPropertyDependencies(urns=list(v)) for k, v in r.property_dependencies.items()
                },
            )
            for r in resources
        ]
    )
    with paused_gc():
        response = analyzer.servicer.AnalyzeStack(request, None)
    out.extend(_violation(analyzer, d, "") for d in response.diagnostics)


def _run(analyzer: _Analyzer, resources: Sequence[CapturedResource], deployed: bool = False) -> AnalysisResult:
    from pulumi.runtime import config as rt_config

    rt_config.CONFIG.set({})  # the servicer writes PULUMI_CONFIG into this map; keep it private
    by_urn = {r.urn: r for r in resources}
    violations: list[Violation] = []
    remediations: list[str] = []
    start = time.perf_counter()
    for r in resources:
        if analysed_per_resource(r):
            _analyze_resource(analyzer, r, by_urn, violations, remediations, deployed)
    middle = time.perf_counter()
    _analyze_stack(analyzer, resources, by_urn, violations, deployed)
    end = time.perf_counter()
    return AnalysisResult(violations, remediations, resource_seconds=middle - start, stack_seconds=end - middle)


def analyze(
    resources: Sequence[CapturedResource],
    pack: LoadedPack,
    policy_config: Mapping[str, Any] | Path | str | None = None,
    *,
    project: str = "project",
    stack: str = "stack",
    stack_config: Mapping[str, str] | None = None,
    deployed: bool = False,
) -> AnalysisResult:
    """Run ``pack`` over ``resources``; see the module docstring for what is analysed how
    (``deployed``: recorded state, outputs overlaid with inputs)."""
    analyzer = _analyzer_for(pack, policy_config)
    with _engine_environment(project, stack, stack_config or {}):
        return contextvars.copy_context().run(_run, analyzer, resources, deployed)
