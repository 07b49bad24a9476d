"""The type catalogue, Gatekeeper-style: every vetted type has a compliant case that passes and
violating cases - one per check, per location kind, per data flow - each blocked by the right
policy on the right URN, through the real servicer (``gate.pipeline.analyze``). A type without
a violating case fails the suite. Also: the SDK facts are current, every SDK switch of a vetted
type is ruled or waived with a reason, every catalogue path exists in the SDK's inputs, and the
location kinds agree with what the SDK says about ``location``."""

from __future__ import annotations

import copy
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from catalogue_cases import REGION, absent_props, compliant_props, set_path, violating_props
from sovereign_components.gate.pipeline import CapturedResource, analyze
from sovereign_components.policies import facts
from sovereign_components.policies.catalogue import TypeEntry, catalogue
from sovereign_components.policies.rules.flows import _skipped
from sovereign_components.policies.table import RULES_BY_NAME

ROOT = Path(__file__).resolve().parents[2]
EU_CONFIG = json.loads((ROOT / "policy" / "config.eu.json").read_text())
SUB = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-cat/providers"
FOREIGN = "/subscriptions/99999999-9999-9999-9999-999999999999/resourceGroups/elsewhere/providers"
OUTSIDE = "eastus"
FLOWS = "data-flows-in-boundary"
CAT = catalogue()

#: What a compliant resource of these types also needs, for the hand-written (non-catalogue) rules.
EXTRA: dict[str, dict[str, Any]] = {
    "azure-native:storage:StorageAccount": {"sku": {"name": "Standard_ZRS"}, "kind": "StorageV2"},
    "azure-native:eventgrid:Topic": {"dataResidencyBoundary": "WithinRegion"},
    "azure-native:eventgrid:Domain": {"dataResidencyBoundary": "WithinRegion"},
    "azure-native:cosmosdb:DatabaseAccount": {"backupPolicy": {"type": "Continuous"},
                                              "locations": [{"locationName": REGION}]},
    "azure-native:keyvault:Vault": {"properties": {"tenantId": "00000000-0000-0000-0000-000000000001",
                                                   "sku": {"family": "A", "name": "standard"}}},
}
#: Escape hatches are judged through what they deploy: hand-written cases below.
HATCHES = {t for t, e in CAT.types.items() if e.escape_hatch}


def short(token: str) -> str:
    return token.split(":", 1)[1]


@dataclass
class Case:
    id: str
    token: str
    props: dict[str, Any]
    expect: str | None  # the policy that must block it; None = compliant (no mandatory violation)
    extra: list[CapturedResource] = field(default_factory=list)
    deps: dict[str, list[str]] = field(default_factory=dict)


def _urn(token: str, name: str) -> str:
    return f"urn:pulumi:eu::cat::{token}::{name}"


def _merge(props: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(props)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out.setdefault(key, copy.deepcopy(value))
    return out


def _resource(token: str, name: str, props: dict[str, Any], deps: dict[str, list[str]] | None = None,
              ) -> CapturedResource:
    return CapturedResource(urn=_urn(token, name), type=token, name=name, inputs=props,
                            outputs={**props, "id": props.get("id", "")}, property_dependencies=deps or {})


def _compliant_resource(entry: TypeEntry, name: str, location: str = REGION) -> list[CapturedResource]:
    """A compliant resource of ``entry`` named ``name`` (with its compliant parent chain first)."""
    props = _merge(compliant_props(entry), EXTRA.get(entry.token, {}))
    if "location" in props:
        props["location"] = location
    if entry.name_key:
        props[entry.name_key] = name
    props.setdefault("resourceGroupName", "rg-cat")
    chain: list[CapturedResource] = []
    deps: dict[str, list[str]] = {}
    if entry.location == "parent" and entry.parent and entry.parent_key:
        chain = _compliant_resource(CAT.types[entry.parent], f"{name}-parent", location)
        props[entry.parent_key] = chain[-1].name
        deps[entry.parent_key] = [chain[-1].urn]
    key = _scope_key(entry)
    if key is not None:
        scope = _compliant_resource(CAT.types["azure-native:storage:StorageAccount"], f"{name}scope", location)
        chain = scope
        props[key] = scope[-1].inputs["id"]
    props["id"] = f"{SUB}/{entry.arm_type}/{name}"
    return [*chain, _resource(entry.token, name, props, deps)]


def _global_root(entry: TypeEntry) -> bool:
    """A child of a global type (a DNS record, a Front Door origin) lives nowhere in particular:
    its parent is judged by its own entry, so "the parent is outside" is not a case."""
    while entry.location == "parent" and entry.parent:
        entry = CAT.types[entry.parent]
    return entry.location == "global"


def _scope_key(entry: TypeEntry) -> str | None:
    """The input naming a scope-kind resource's scope (``resourceUri`` or ``scope``), if any."""
    if entry.location != "scope":
        return None
    shape = facts.shape(entry.token) or {}
    return next((k for k in ("resourceUri", "scope") if k in shape), None)


def _cases(entry: TypeEntry) -> list[Case]:
    token = entry.token
    base = _compliant_resource(entry, "subject")
    subject = base[-1]
    parents = base[:-1]
    cases = [Case(f"{short(token)}-compliant", token, subject.inputs, None, parents, subject.property_dependencies)]

    def violating(case_id: str, props: dict[str, Any], expect: str, extra: list[CapturedResource] | None = None,
                  deps: dict[str, list[str]] | None = None) -> None:
        cases.append(Case(f"{short(token)}-{case_id}", token, props, expect,
                          parents if extra is None else extra,
                          subject.property_dependencies if deps is None else deps))

    for check in entry.checks:
        if RULES_BY_NAME[check.rule].level != "mandatory":
            continue
        bad = _merge(violating_props(check, entry), subject.inputs)  # the violating value wins
        violating(f"{check.rule}-{check.path}-bad", bad, check.rule)
        if check.absent in ("violation", "pair"):
            gone = _merge(absent_props(check, entry), _without(subject.inputs, check.path))
            if check.absent == "pair":
                gone["location"] = "italynorth"
            violating(f"{check.rule}-{check.path}-absent", gone, check.rule)
    if entry.location in ("regional", "global"):
        rule = "resource-group-location" if token == "azure-native:resources:ResourceGroup" else "allowed-locations"
        violating("location-outside", {**subject.inputs, "location": OUTSIDE}, rule)
    if entry.location == "parent" and not _global_root(entry):
        far = _compliant_resource(CAT.types[entry.parent], "subject-parent", OUTSIDE)  # same name, outside
        violating("parent-outside", subject.inputs, FLOWS, far)
    key = _scope_key(entry)
    if key is not None:
        violating("scope-foreign", {**subject.inputs, key: f"{FOREIGN}/Microsoft.Storage/storageAccounts/far"}, FLOWS)
    for flow in entry.flows:
        value: Any = {"ref": f"{FOREIGN}/Microsoft.Storage/storageAccounts/far", "host": "api.example.com",
                      "name": "not-in-this-stack", "region": OUTSIDE}[flow.kind]
        props = copy.deepcopy(subject.inputs)
        _set_pattern(props, flow.path, value)
        handled = not any(flow.path == p or flow.path.startswith(p + ".") for p in _skipped(token)
                          if p not in ("location", "id", "type")) or flow.kind == "region"
        expect = FLOWS if handled else _dedicated(token, flow.path)
        violating(f"flow-{flow.path}", props, expect)
    violating("snake-case-key", {**subject.inputs, "public_network_access": "Enabled"}, "inputs-readable")
    return cases


def _dedicated(token: str, path: str) -> str:
    from sovereign_components.policies.rules.cross_region import REFERENCES

    for ref in REFERENCES:
        if ref.applies(token) and ref.path.replace("[]", "") == path.replace("[]", ""):
            return ref.policy
    return FLOWS


def _get(props: dict[str, Any], path: str) -> Any:
    node: Any = props
    for step in path.split("."):
        node = node[step]
    return node


def _without(props: dict[str, Any], path: str) -> dict[str, Any]:
    out = copy.deepcopy(props)
    node = out
    steps = path.split(".")
    for step in steps[:-1]:
        node = node.get(step, {})
    if isinstance(node, dict):
        node.pop(steps[-1], None)
    return out


def _set_pattern(props: dict[str, Any], pattern: str, value: Any) -> None:
    """Write ``value`` at a catalogue pattern (``a[].b`` -> ``a: [{b: value}]``)."""
    head, sep, tail = pattern.partition("[]")
    if not sep:
        set_path(props, pattern, value)
        return
    if not tail:
        set_path(props, head, [value])
        return
    item: dict[str, Any] = {}
    _set_pattern(item, tail.lstrip("."), value)
    set_path(props, head, [item])


ALL_CASES = [c for token, entry in sorted(CAT.types.items()) if token not in HATCHES for c in _cases(entry)]


def test_every_vetted_type_has_compliant_and_violating_cases() -> None:
    """Gatekeeper's rule: a template without a suite fails CI. Here: a catalogue entry without a
    compliant case or without a violating case fails."""
    covered: dict[str, set[bool]] = {}
    for case in ALL_CASES + HATCH_CASES:
        covered.setdefault(case.token, set()).add(case.expect is None)
    missing = [t for t in CAT.types if covered.get(t) != {True, False}]
    assert missing == []


@pytest.mark.parametrize("case", ALL_CASES, ids=lambda c: c.id)
def test_catalogue_case(case: Case, policy_pack: Any) -> None:
    subject = _resource(case.token, "subject", case.props, case.deps)
    result = analyze([*case.extra, subject], policy_pack, EU_CONFIG)
    mandatory = [v for v in result.violations if v.enforcement_level == "mandatory" and not v.undecided]
    on_subject = [(v.policy, v.message.splitlines()[-1]) for v in mandatory if v.urn == subject.urn]
    if case.expect is None:
        assert [v for v in mandatory] == [], [(v.policy, v.urn, v.message.splitlines()[-1]) for v in mandatory]
        assert not [v for v in result.violations if v.undecided], "a compliant case decides everything"
    else:
        assert case.expect in {p for p, _ in on_subject}, on_subject


# -- escape hatches: judged through what they deploy -------------------------------------------

_TEMPLATE = {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
             "contentVersion": "1.0.0.0"}


def _storage(location: str, public: str) -> dict[str, Any]:
    return {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01", "name": "sttemplate",
            "location": location, "sku": {"name": "Standard_ZRS"}, "kind": "StorageV2",
            "properties": {"publicNetworkAccess": public, "allowSharedKeyAccess": False,
                           "minimumTlsVersion": "TLS1_2"}}


def _deployment(token: str, resources: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    props: dict[str, Any] = {"properties": {"mode": "Incremental", "template": {**_TEMPLATE, "resources": resources}},
                             **extra}
    if token.endswith(":Deployment"):
        props["resourceGroupName"] = "rg-cat"
    if token.endswith("AtScope"):
        props["scope"] = f"{SUB}".rsplit("/providers", 1)[0]
    if token.endswith(("SubscriptionScope", "ManagementGroupScope", "TenantScope")):
        props["location"] = REGION
    if token.endswith("ManagementGroupScope"):
        props["groupId"] = "mg"
    return props


def _generic(public: str, location: str = REGION) -> dict[str, Any]:
    return {"resourceGroupName": "rg-cat", "resourceProviderNamespace": "Microsoft.Storage", "parentResourcePath": "",
            "resourceType": "storageAccounts", "resourceName": "stgeneric", "apiVersion": "2023-01-01",
            "location": location, "kind": "StorageV2", "sku": {"name": "Standard_ZRS"},
            "properties": {"publicNetworkAccess": public, "allowSharedKeyAccess": False,
                           "minimumTlsVersion": "TLS1_2"}}


def _hatch_cases() -> list[Case]:
    cases = []
    generic = "azure-native:resources:Resource"
    cases += [Case("Resource-compliant", generic, _generic("Disabled"), None),
              Case("Resource-public", generic, _generic("Enabled"), "no-public-network-access"),
              Case("Resource-outside", generic, _generic("Disabled", OUTSIDE), "allowed-locations")]
    for token in sorted(HATCHES - {generic}):
        name = short(token)
        if "DeploymentStack" in token:
            extra = {"actionOnUnmanage": {"resources": "detach"}, "denySettings": {"mode": "none"}}
            if token.endswith("ManagementGroup"):
                extra["managementGroupId"] = "mg"
            if token.endswith("ResourceGroup"):
                extra["resourceGroupName"] = "rg-cat"
            else:
                extra["location"] = REGION
            props = lambda res: {"template": {**_TEMPLATE, "resources": res}, **extra}  # noqa: E731
        else:
            props = lambda res, t=token: _deployment(t, res)  # noqa: E731
        cases += [
            Case(f"{name}-compliant", token, props([_storage(REGION, "Disabled")]), None),
            Case(f"{name}-public", token, props([_storage(REGION, "Enabled")]), "no-public-network-access"),
            Case(f"{name}-outside", token, props([_storage(OUTSIDE, "Disabled")]), "allowed-locations"),
            Case(f"{name}-unvetted-inside", token, props([{"type": "Microsoft.DataFactory/factories",
                                                            "apiVersion": "2018-06-01", "name": "adf",
                                                            "location": REGION}]), "unvetted-resource-type"),
        ]
    link = _deployment("azure-native:resources:Deployment", [])
    link["properties"] = {"mode": "Incremental", "templateLink": {"uri": "https://example.com/t.json"}}
    cases.append(Case("Deployment-template-link", "azure-native:resources:Deployment", link, "unvetted-resource-type"))
    return cases


HATCH_CASES = _hatch_cases()


@pytest.mark.parametrize("case", HATCH_CASES, ids=lambda c: c.id)
def test_escape_hatch_case(case: Case, policy_pack: Any) -> None:
    group = _resource("azure-native:resources:ResourceGroup", "rg-cat",
                      {"location": REGION, "resourceGroupName": "rg-cat", "id": SUB.rsplit("/providers", 1)[0]})
    subject = _resource(case.token, "subject", case.props)
    result = analyze([group, subject], policy_pack, EU_CONFIG)
    mandatory = [v for v in result.violations if v.enforcement_level == "mandatory" and not v.undecided]
    if case.expect is None:
        assert mandatory == [], [(v.policy, v.message.splitlines()[-1]) for v in mandatory]
    else:
        hits = [v for v in mandatory if v.policy == case.expect and v.urn == subject.urn]
        assert hits, [(v.policy, v.urn, v.message.splitlines()[-1]) for v in mandatory]


# -- the catalogue agrees with the SDK --------------------------------------------------------------

def test_sdk_facts_are_current() -> None:
    """tools/policy_facts.py regenerates data/sdk_facts.json from the installed SDK identically."""
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import policy_facts
    finally:
        sys.path.pop(0)
    committed = (ROOT / "sovereign_components" / "policies" / "data" / "sdk_facts.json").read_text()
    assert policy_facts.render() == committed, "run: .venv/bin/python tools/policy_facts.py --write"


@pytest.mark.parametrize("token", sorted(CAT.types), ids=short)
def test_every_sdk_switch_is_ruled_or_waived(token: str) -> None:
    """A type whose SDK signature has a public-network or local-auth switch is never vetted
    without the rule for it (a check on that path) or a waiver saying why not."""
    entry = CAT.types[token]
    ruled = {c.path for c in entry.checks} | set(entry.waived)
    unruled = [path for path in facts.switches(token) if path not in ruled]
    assert unruled == [], f"{short(token)}: add a check or a waived reason for {unruled}"


def _in_shape(shape: Any, pattern: str) -> bool:
    """Whether the wire-key tree has ``pattern`` (``a.b[].c``, ``m{}.k``)."""
    node = shape
    for part in pattern.split("."):
        suffixes = []
        while part.endswith(("[]", "{}")):
            suffixes.insert(0, part[-2:])
            part = part[:-2]
        if node == "*":
            return True
        if not isinstance(node, dict) or part not in node:
            return False
        node = node[part]
        for suffix in suffixes:
            if node == "*":
                return True
            if not isinstance(node, dict) or suffix not in node:
                return False
            node = node[suffix]
    return True


@pytest.mark.parametrize("token", sorted(CAT.types), ids=short)
def test_catalogue_paths_exist_in_the_sdk(token: str) -> None:
    """Every path a catalogue entry names (checks, flows, benign, waived) is an input the SDK
    declares for the type: a typo would silently check nothing."""
    shape = facts.shape(token)
    assert shape is not None, f"{short(token)}: the SDK facts have no input shape"
    entry = CAT.types[token]
    paths = [c.path for c in entry.checks] + [c.when.path for c in entry.checks if c.when] + \
            [f.path for f in entry.flows] + list(entry.benign) + list(entry.waived) + \
            ([entry.name_key] if entry.name_key else []) + ([entry.parent_key] if entry.parent_key else [])
    missing = [p for p in paths if p not in ("name",) and not _in_shape(shape, p)]
    assert missing == []


@pytest.mark.parametrize("token", sorted(CAT.types), ids=short)
def test_location_kind_agrees_with_the_sdk(token: str) -> None:
    """A regional or global type takes a location in the SDK (where the SDK facts are reliable)."""
    entry = CAT.types[token]
    if entry.location not in ("regional", "global"):
        return
    assert facts.takes_location(token) is True
