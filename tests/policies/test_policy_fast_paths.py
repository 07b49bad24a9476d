"""The per-call shortcuts of the pack's ``pulumi_policy`` wrapper change no verdict:

- a resource check that declares its tokens (``applicability``) never reads the properties of,
  and never reports on, any other token, so the wrapper may skip it there;
- ``plain`` (exact-type fast path) unwraps proxies exactly as the generic walk does;
- the cached ``PolicyContext`` is per distinct config value, and invalid configs still raise.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import pytest

from sovereign_components.errors import ConfigError
from sovereign_components.policies import RULES, context_from_config, facts, pack, tokens
from sovereign_components.policies.catalogue import catalogue
from sovereign_components.policies.applicability import may_apply, tokens_of
from sovereign_components.policies.rules import auth, hardening, network, residency
from sovereign_components.policies.values import UNKNOWN

EU = context_from_config({"boundary": "EU"})


class Tripwire(Mapping[str, Any]):
    """Properties that fail the test when read at all."""

    def __getitem__(self, key: str) -> Any:
        raise AssertionError(f"read {key!r}")

    def __iter__(self) -> Iterator[str]:
        raise AssertionError("iterated")

    def __len__(self) -> int:
        raise AssertionError("len()")

    def __contains__(self, key: object) -> bool:
        raise AssertionError(f"'in' {key!r}")


def _row_tokens() -> set[str]:
    rows = [*auth.LOCAL_AUTH, *network.PUBLIC_NETWORK_ACCESS, *network.ANONYMOUS_BLOB_ACCESS,
            *hardening.MINIMUM_TLS, *hardening.HTTPS_ONLY, *hardening.CUSTOMER_MANAGED_KEYS,
            *residency.MULTI_REGION_WRITES, *residency.CROSS_TENANT, *residency.PAIRED_COPIES]
    return {row.token for row in rows}


#: Every token the pack knows (the catalogue), some of their other spellings, and tokens of
#: other providers.
UNIVERSE: list[str] = sorted(
    {spec[0] for spec in tokens.ARM_TYPES.values()}
    | set(catalogue().types) | set(facts.aliases())
    | _row_tokens()
    | {t for r in RULES for t in (tokens_of(r.resource_check) or ())}
    | {"azure-native:documentdb:DatabaseAccount", "azure-native:insights:DiagnosticSetting",
       "azure-native:resources:ResourceGroup", "azure-native:eventgrid:EventSubscription",
       "azure-native:storage:BlobContainer", "aws:s3:Bucket", "pulumi:pulumi:Stack",
       "pulumi:providers:azure-native", "sovereign:index:RegionalEventPlane"}
)
DECLARING = [r for r in RULES if r.kind == "resource" and tokens_of(r.resource_check) is not None]


def test_every_token_specific_rule_declares_its_tokens() -> None:
    """Only the rules about every resource (default-deny, readable inputs, locations) run for
    every resource."""
    undeclared = [r.name for r in RULES if r.kind == "resource" and tokens_of(r.resource_check) is None]
    assert undeclared == ["unvetted-resource-type", "inputs-readable", "allowed-locations"]


@pytest.mark.parametrize("rule", DECLARING, ids=lambda r: r.name)
def test_declared_tokens_bound_what_the_check_reads(rule: Any) -> None:
    declared = tokens_of(rule.resource_check)
    assert declared and declared <= set(UNIVERSE)
    outside = [t for t in UNIVERSE if not may_apply(declared, t)]
    assert len(outside) > 10
    for token in outside:
        for protect in (False, True):
            assert rule.resource_check(token, Tripwire(), EU, protect=protect) == [], token


@pytest.mark.parametrize("rule", DECLARING, ids=lambda r: r.name)
def test_declared_tokens_are_ones_the_check_reports_on(rule: Any) -> None:
    """Each declared token draws a finding (or an Undecided) for some properties: the
    declaration is not wider than the check, and the skip is not hiding a dead rule. The
    violating properties come from the catalogue rows of the rule, else from a fixed set."""
    from catalogue_cases import violating_props
    from sovereign_components.policies.values import Undecided

    for token in tokens_of(rule.resource_check) or ():
        entry = catalogue().types[token]
        candidates = [violating_props(c, entry) for c in entry.checks if c.rule == rule.name]
        candidates += [{}, {"location": "eastus", "kind": "functionapp"},
                       {"location": "westeurope", "kind": "functionapp", "sku": {"name": "Standard_GRS"},
                        "enableAutomaticFailover": True, "locations": [{"locationName": "eastus"}],
                        "geoDataReplication": {"locations": [{"locationName": "eastus"}]},
                        "dataResidencyBoundary": "Global", "enableMultipleWriteLocations": True,
                        "publicAccess": "Container", "enableHttpsTrafficOnly": False},
                       {"direction": "Inbound", "access": "Allow", "sourceAddressPrefix": "*",
                        "securityRules": [{"direction": "Inbound", "access": "Allow", "sourceAddressPrefix": "*"}]}]
        reported = False
        for props in candidates:
            try:
                reported = bool(rule.resource_check(token, props, EU, protect=False))
            except Undecided:
                reported = True
            if reported:
                break
        assert reported, (rule.name, token)


@pytest.mark.parametrize("value", [
    {"a": 1, "b": [1, 2.5, {"c": UNKNOWN}], "d": None, "e": True, "f": {"g": []}},
    {"locations": [{"locationName": "westeurope", "failoverPriority": 0}], "tags": {}},
    [],
    "x",
])
def test_plain_matches_the_generic_unwrap(value: Any) -> None:
    from pulumi_policy.proxy import unknown_checking_proxy

    proxied = unknown_checking_proxy(value) if isinstance(value, dict) else value
    fast = pack.plain(proxied)
    assert fast == pack._plain_generic(proxied) == value
    assert type(fast) is type(value)
    # tuples become lists, as before
    assert pack.plain({"t": (1, {"u": (2,)})}) == {"t": [1, {"u": [2]}]}


def test_context_is_cached_per_config_value() -> None:
    rule = next(r for r in RULES if r.name == "allowed-locations")
    first = pack.policy_context(rule, {"boundary": "EU"})
    assert pack.policy_context(rule, {"boundary": "EU"}) is first  # a fresh but equal dict
    other = pack.policy_context(rule, {"boundary": "US"})
    assert other is not first and other.inside("eastus") and not first.inside("eastus")
    # type-exact keys: an allow-list entry differing only in a value type is a different config
    with_list = pack.policy_context(rule, {"boundary": ["westeurope"]})
    assert with_list.inside("westeurope") and not with_list.inside("northeurope")
    for _ in range(2):  # invalid configs are not cached: each call raises
        with pytest.raises(ConfigError):
            pack.policy_context(rule, {"boundary": "ATLANTIS"})
