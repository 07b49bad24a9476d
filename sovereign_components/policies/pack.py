"""The rule table wrapped into ``pulumi_policy`` objects. The only policies module that imports
``pulumi_policy`` (and, at validation time only, ``pulumi`` for the stack-config fallback).

Wrapping does three things the pure predicates must not know about: unwrap the
unknown-checking proxies into plain dicts (the predicates handle the preview sentinels
themselves), turn :class:`~sovereign_components.policies.values.Undecided` back into
``UnknownValueError`` (so the servicer reports "can't run policy ... during preview"), and
apply the per-policy config (boundary, allow-list, exemptions).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import Any

from pulumi_policy import (
    EnforcementLevel,
    Policy,
    PolicyConfigSchema,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    Severity,
    StackValidationArgs,
    StackValidationPolicy,
)
from pulumi_policy.policy import ReportViolation
from pulumi_policy.proxy import UNKNOWN_STRING_VALUE, UnknownValueError, unknown_checking_proxy

from . import escape
from .applicability import may_apply, tokens_of
from .context import PolicyContext, context_from_config
from .findings import EXTERNAL_KEY, StackResource, about_created
from .schema import schema_properties
from .table import EXEMPTION_HOWTO, RULES, Rule

_LEVELS = {"mandatory": EnforcementLevel.MANDATORY, "advisory": EnforcementLevel.ADVISORY}
_SEVERITIES = {
    "low": Severity.LOW, "medium": Severity.MEDIUM, "high": Severity.HIGH, "critical": Severity.CRITICAL,
}


#: The proxy classes, found through the public constructor rather than imported by their
#: private names; ``plain`` dispatches on exact types first because it runs for every
#: resource and policy (issue 5: per-call fixed costs dominate the evaluation rate).
_DICT_PROXY: type = type(unknown_checking_proxy({}))
_LIST_PROXY: type = type(unknown_checking_proxy({"x": []})["x"])
_SCALARS: frozenset[type] = frozenset({str, int, float, bool, type(None)})


def plain(value: Any) -> Any:
    """Unwrap ``pulumi_policy``'s unknown-checking proxies into plain dicts/lists, keeping the
    unknown sentinels as strings (reading through the proxy would raise on the first one)."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is _DICT_PROXY:
        return {k: plain(v) for k, v in value._DictProxy__target.items()}
    if kind is _LIST_PROXY or kind is list:
        target = value._ListProxy__target if kind is _LIST_PROXY else value
        return [plain(v) for v in target]
    if kind is dict:
        return {k: plain(v) for k, v in value.items()}
    return _plain_generic(value)


def _plain_generic(value: Any) -> Any:
    """Any other mapping/sequence (subclasses, tuples, other proxies with the same layout)."""
    target = getattr(value, "_DictProxy__target", None)
    if target is not None:
        return {k: plain(v) for k, v in target.items()}
    target = getattr(value, "_ListProxy__target", None)
    if target is not None:
        return [plain(v) for v in target]
    if isinstance(value, Mapping):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def stack_boundary() -> Any:
    """The stack config ``sovereign:boundary`` (Pulumi passes stack config to packs through
    ``PULUMI_CONFIG``; the servicer loads it into the runtime config before each call)."""
    try:
        import pulumi

        return pulumi.Config("sovereign").get("boundary")
    except Exception:  # no runtime config at all: treat as not configured
        return None


#: Parsed contexts by (policy, config, stack boundary). The servicer hands every call a fresh
#: copy of the same config, so parsing it (boundary lookup, allow-list, exemptions) once per
#: distinct value instead of once per resource is pure gain. Invalid configs are not cached:
#: they raise ConfigError on every call, as before.
_CONTEXTS: dict[Hashable, PolicyContext] = {}
_CONTEXTS_MAX = 256


def _freeze(value: Any) -> Hashable:
    """A hashable, type-exact image of a JSON-like value (``1``, ``1.0`` and ``True`` differ)."""
    kind = type(value)
    if kind in _SCALARS:
        return (kind.__name__, value)
    if kind is dict:
        return ("dict", tuple(sorted((k, _freeze(v)) for k, v in value.items())))
    if kind is list or kind is tuple:
        return ("list", tuple(_freeze(v) for v in value))
    raise TypeError(f"not a JSON value: {kind.__name__}")


def policy_context(rule: Rule, config: Mapping[str, Any] | None) -> PolicyContext:
    config = plain(config or {})
    fallback = stack_boundary() if rule.needs_boundary and not config.get("boundary") else None
    try:
        key: Hashable = (rule.name, _freeze(config), _freeze(fallback))
    except TypeError:  # not JSON-like (unhashable or unsortable keys): parse, do not cache
        return context_from_config(config, stack_boundary=fallback, policy=rule.name)
    ctx = _CONTEXTS.get(key)
    if ctx is None:
        ctx = context_from_config(config, stack_boundary=fallback, policy=rule.name)
        if len(_CONTEXTS) >= _CONTEXTS_MAX:
            _CONTEXTS.clear()
        _CONTEXTS[key] = ctx
    return ctx


def _unknown(message: str, path: list[str]) -> UnknownValueError:
    err = UnknownValueError(UNKNOWN_STRING_VALUE, path)
    err.message = message
    return err


def _resource_policy(rule: Rule) -> ResourceValidationPolicy:
    check = rule.resource_check
    assert check is not None
    tokens = tokens_of(check)

    def validate(args: ResourceValidationArgs, report_violation: ReportViolation) -> None:
        ctx = policy_context(rule, args.get_config())
        token = args.resource_type
        if ctx.is_exempt(args.urn) or not (may_apply(tokens, token) or escape.is_hatch(token)):
            return
        # Every resource a hatch deploys is judged too; what one unknown hides is nothing: the
        # findings are reported first, then the undecided value (pulumi_policy's "can't run").
        findings, undecided = escape.judge(check, token, plain(args.props), ctx, protect=bool(args.opts.protect))
        for finding in findings:
            report_violation(f"[{finding.control}] {finding.message}", None)
        if undecided is not None:
            raise _unknown(str(undecided), undecided.path.split("."))

    remediate = None
    if rule.remediate is not None:
        fix = rule.remediate

        def remediate(args: ResourceValidationArgs) -> Mapping[str, Any] | None:
            ctx = policy_context(rule, args.get_config())
            if ctx.is_exempt(args.urn):
                return None
            return fix(args.resource_type, plain(args.props))

    return ResourceValidationPolicy(
        name=rule.name,
        description=rule.description,
        validate=validate,
        remediate=remediate,
        **_metadata(rule),
    )


def _metadata(rule: Rule) -> dict[str, Any]:
    """What every policy of the pack says about itself, from its table row."""
    return {
        "enforcement_level": _LEVELS[rule.level],
        "config_schema": PolicyConfigSchema(properties=schema_properties(rule)),
        "display_name": rule.display_name,
        "severity": _SEVERITIES[rule.severity],
        "tags": ["sovereignty", *rule.controls],
        "remediation_steps": f"{rule.remediation} {EXEMPTION_HOWTO}",
        "url": rule.url,
    }


def to_stack_resource(resource: Any) -> StackResource:
    """A ``pulumi_policy.PolicyResource`` as the pure stack rules see it. The gate's
    :data:`~.findings.EXTERNAL_KEY` becomes ``external`` (and leaves the properties)."""
    props = plain(resource.props)
    external = props.pop(EXTERNAL_KEY, None) is True if isinstance(props, dict) else False
    return StackResource(
        urn=resource.urn,
        type=resource.resource_type,
        name=resource.name,
        props=props,
        parent=resource.parent.urn if resource.parent is not None else None,
        dependencies=[d.urn for d in resource.dependencies],
        property_dependencies={k: [d.urn for d in v] for k, v in resource.property_dependencies.items()},
        protect=bool(getattr(resource.opts, "protect", False)),
        external=external,
    )


def _stack_policy(rule: Rule) -> StackValidationPolicy:
    check = rule.stack_check
    assert check is not None

    def validate(args: StackValidationArgs, report_violation: ReportViolation) -> None:
        ctx = policy_context(rule, args.get_config())
        # Escape hatches' virtual resources are resources of the stack; findings on them are
        # reported on the hatch's URN with the virtual path in the message.
        resources = escape.with_virtuals([to_stack_resource(r) for r in args.resources])
        findings = escape.relabel(about_created(check(resources, ctx), resources))
        undecided = []
        for finding in findings:
            if finding.undecided:
                undecided.append(finding)
            else:
                report_violation(f"[{finding.control}] {finding.message}", finding.urn or None)
        if undecided:
            # Violations above are already recorded; what could not be decided is reported
            # the way pulumi_policy reports unknowns (advisory "can't run policy"), which the
            # offline engine counts as undecided and fails under --strict.
            detail = "; ".join(f"{f.urn}: {f.message}" for f in undecided)
            raise _unknown(f"{len(undecided)} target(s) can't be placed in a region during preview: {detail}",
                           [undecided[0].urn])

    return StackValidationPolicy(
        name=rule.name,
        description=rule.description,
        validate=validate,
        **_metadata(rule),
    )


def build_policies() -> list[Policy]:
    """Every policy of the pack, in table order."""
    return [_resource_policy(r) if r.kind == "resource" else _stack_policy(r) for r in RULES]
