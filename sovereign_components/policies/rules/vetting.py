"""Default-deny: every resource is vetted by a catalogue entry, or blocked (``unvetted-resource-type``),
and every provider resource is vetted too (``providers-vetted``). Pure: no Pulumi.

A deny-list knows the shapes of "bad" it was taught and lets everything else through; the gate
must instead let through only what it understands. So:

- an azure-native type without a catalogue entry (any spelling: v3, v2, API-versioned, ARM type)
  is a mandatory violation naming the type, unless the operator allows it with a reason in this
  policy's config (``allowedTypes``);
- a resource of another provider is blocked unless its provider is allowed: the data-less ones
  (``random``, ``tls``, Pulumi's own ``pulumi:*`` types) by default, any other only by the
  operator (``allowedProviders``); ``command`` and dynamic providers never by default, because
  they run arbitrary code that can send anything anywhere;
- an escape hatch (``resources:Resource``, ``resources:Deployment*``) is vetted only when every
  resource it deploys can be determined (the ARM template evaluator) and is vetted itself.

Provider resources (``pulumi:providers:*``) reach stack policies only (the engine's rule, like
Pulumi's), so ``providers-vetted`` judges them there: a provider of an unallowed package is
blocked, and an azure-native provider configured with a ``location`` outside the boundary is
reported (it places every resource that does not set its own).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..catalogue import PREFIX, catalogue
from ..context import PolicyContext
from ..findings import Finding, StackResource
from ..tokens import canonical_token
from ..values import MISSING, lookup
from .location import region_verdict

POLICY = "unvetted-resource-type"
PROVIDERS_POLICY = "providers-vetted"
PROVIDER_PREFIX = "pulumi:providers:"
_HOW_TYPE = ("allow it deliberately with a reason in this policy's config "
             "(`allowedTypes: [{\"type\": \"<token>\", \"reason\": \"...\"}]`)")
_HOW_PROVIDER = ("allow the provider deliberately with a reason in the config of unvetted-resource-type and "
                 "providers-vetted (`allowedProviders: [{\"provider\": \"<name>\", \"reason\": \"...\"}]`)")


def provider_of(token: str) -> str:
    """The package a type token belongs to (``azure-native``, ``random``, ``pulumi-python``...);
    for a provider resource (``pulumi:providers:aws``), the provider it configures."""
    if token.startswith(PROVIDER_PREFIX):
        return token[len(PROVIDER_PREFIX):]
    return token.split(":", 1)[0]


def provider_verdict(provider: str, ctx: PolicyContext) -> str | None:
    """``None`` when resources of ``provider`` may be created, else why not."""
    if provider == "azure-native":
        return None
    if provider in ctx.allowed_providers:
        return None
    cat = catalogue()
    if provider in cat.providers_never:
        return (f"provider '{provider}' is never allowed by default: {cat.providers_never[provider]}; "
                f"{_HOW_PROVIDER}")
    if provider in cat.providers_allowed:
        return None
    return (f"provider '{provider}' is not vetted: the gate cannot tell where its resources keep or send data; "
            f"{_HOW_PROVIDER}")


def type_verdict(token: str, ctx: PolicyContext) -> str | None:
    """``None`` when the type of ``token`` is vetted (or allowed), else why not."""
    canonical = canonical_token(token)
    if canonical in catalogue().types:
        return None
    if canonical in ctx.allowed_types or token in ctx.allowed_types:
        return None
    provider = provider_of(token)
    if provider != "azure-native":
        return provider_verdict(provider, ctx)
    spelled = f" (spelled {token!r})" if canonical != token else ""
    return (f"azure-native type '{canonical[len(PREFIX):]}'{spelled} has no catalogue entry, so nothing vouches "
            f"for where it keeps or sends data (default-deny); ask for an entry in "
            f"sovereign_components/policies/data/catalogue.toml or {_HOW_TYPE}")


def check_vetted(token: str, props: Mapping[str, Any], ctx: PolicyContext, *, protect: bool = False) -> list[Finding]:
    """``unvetted-resource-type`` on one resource; an escape hatch is vetted only when what it
    deploys can be evaluated and every virtual resource is vetted."""
    if token.startswith(PROVIDER_PREFIX):
        return []  # judged by providers-vetted, with the whole stack
    from .. import escape

    if escape.is_hatch(token) and canonical_token(token) not in ctx.allowed_types:
        return escape.vetting_findings(token, props, ctx, type_verdict)
    why = type_verdict(token, ctx)
    return [Finding(why, "V1")] if why else []


#: The check judges escape hatches itself (escape.judge must not run it on virtual resources).
check_vetted.judges_hatches = True  # type: ignore[attr-defined]


def check_providers(resources: Sequence[StackResource], ctx: PolicyContext) -> list[Finding]:
    """``providers-vetted``: every provider resource's package is allowed, and an azure-native
    provider's default ``location`` is inside the boundary."""
    findings: list[Finding] = []
    for res in resources:
        if not res.type.startswith(PROVIDER_PREFIX) or ctx.is_exempt(res.urn):
            continue
        provider = provider_of(res.type)
        why = provider_verdict(provider, ctx)
        if why:
            findings.append(Finding(why, "V2", res.urn))
            continue
        if provider == "azure-native":
            location = lookup(res.props, "location")
            if location is MISSING:
                continue
            found = region_verdict(location, ctx, "azure-native provider default location", "V2")
            if found:
                findings.append(Finding(f"{found.message}: every resource without its own location is created there",
                                        "V2", res.urn))
    return findings
