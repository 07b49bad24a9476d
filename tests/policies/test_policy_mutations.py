"""The mutation suite: every guarded property of every mandatory rule, mutated one at a time in
the compliant stacks, must be blocked by the expected policy with a mandatory violation on the
mutated resource's URN; the unmutated stacks must have zero mandatory violations. Run in the
default mode and in unknowns mode (ids and computed outputs unknown, as in a real preview)."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from mutation_table import DELETE, META, MUTATIONS, OUTSIDE, REGION, Add, Mutation
from policy_suite import ROOT, SOURCES, capture
from sovereign_components.policies.tokens import canonical_token
from sovereign_components.policies.values import UNKNOWN, lookup
from sovereign_components.gate.pipeline import CapturedResource, analyze

ROOT_CONFIG = {"eu": "config.eu.json", "us": "config.us.json"}
#: A region outside each stack's boundary.
OUTSIDE_OF = {"eu": "eastus", "us": "westeurope"}
FAR_RG = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/far-rg/providers/"
MODES = [False, True]


def _config(stack: str):
    return ROOT / "policy" / ROOT_CONFIG[stack]


def _steps(path: str) -> list[Any]:
    return [int(p) if p.isdigit() else p for p in path.split(".")]


def _set(tree: dict[str, Any], path: str, value: Any) -> None:
    steps = _steps(path)
    for step in steps[:-1]:
        nxt = tree[step] if isinstance(step, int) else tree.get(step)
        if not isinstance(nxt, (dict, list)):
            nxt = {}
            tree[step] = nxt
        tree = nxt
    if value is DELETE:
        if isinstance(tree, dict):
            tree.pop(steps[-1], None)
    else:
        tree[steps[-1]] = value


def _subst(value: Any, stack: str, region: str) -> Any:
    if value == OUTSIDE:
        return OUTSIDE_OF[stack]
    if value == REGION:
        return region
    if isinstance(value, dict):
        return {k: _subst(v, stack, region) for k, v in value.items()}
    if isinstance(value, list):
        return [_subst(v, stack, region) for v in value]
    return value


def _stack_region(resources: list[CapturedResource]) -> str:
    for r in resources:
        if canonical_token(r.type) == "azure-native:resources:ResourceGroup":
            loc = r.inputs.get("location")
            if isinstance(loc, str) and loc != UNKNOWN:
                return loc
    raise AssertionError("the stack has no resource group with a known location")


def _find(resources: list[CapturedResource], token: str, select: str | None,
          label: str | None = None) -> CapturedResource | None:
    """The first ``token`` resource whose ``kind`` contains ``select`` and, with ``label``, that
    holds the label; without ``label``, the first one NOT declared a metadata channel (rows
    without a label mean the regional subscriptions; a channel is judged by its own rows)."""
    for r in resources:
        if r.custom and canonical_token(r.type) == token:
            kind, labels = r.inputs.get("kind"), r.inputs.get("labels")
            labelled = isinstance(labels, list) and (label or META) in labels
            if select is not None and not (isinstance(kind, str) and select in kind):
                continue
            if labelled != (label is not None):
                continue
            return r
    return None


def _refs(value: Any, resources: list[CapturedResource], added: dict[str, CapturedResource],
          unknowns: bool) -> tuple[Any, list[str]] | None:
    """Replace ``"<ref:TOKEN>"`` (the stack's first TOKEN resource) and ``"<add:KEY>"`` (an added
    resource) anywhere in ``value`` by that resource's id (unknown in unknowns mode); returns the
    new value and the URNs it was computed from (``None`` when a referenced resource is absent)."""
    if isinstance(value, str) and (value.startswith("<ref:") or value.startswith("<add:")):
        ref = _find(resources, value[5:-1], None) if value.startswith("<ref:") else added.get(value[5:-1])
        if ref is None:
            return None
        return (UNKNOWN if unknowns else ref.outputs.get("id", ref.id)), [ref.urn]
    if isinstance(value, dict):
        out, urns = {}, []
        for k, v in value.items():
            got = _refs(v, resources, added, unknowns)
            if got is None:
                return None
            out[k], urns = got[0], urns + got[1]
        return out, urns
    if isinstance(value, list):
        items, urns = [], []
        for v in value:
            got = _refs(v, resources, added, unknowns)
            if got is None:
                return None
            items.append(got[0])
            urns += got[1]
        return items, urns
    return value, []


def _mutate(base: list[CapturedResource], m: Mutation, stack: str, unknowns: bool, project: str
            ) -> tuple[list[CapturedResource], str] | None:
    resources = copy.deepcopy(base)
    region = _stack_region(resources)
    added: dict[str, CapturedResource] = {}
    for add in m.adds:
        urn = f"urn:pulumi:{stack}::{project}::{add.token}::{add.key}"
        inputs = _subst(copy.deepcopy(add.inputs), stack, region)
        deps: dict[str, list[str]] = {}
        if add.parent_key:
            deps[add.parent_input or ""] = [added[add.parent_key].urn]
        for key, value in list(inputs.items()):
            resolved = _refs(value, resources, added, unknowns)
            if resolved is None:
                return None
            if resolved[1]:
                inputs[key] = resolved[0]
                deps[key] = resolved[1]
        res = CapturedResource(urn=urn, type=add.token, name=add.key, inputs=inputs,
                               outputs={**inputs, "id": FAR_RG + add.arm}, property_dependencies=deps,
                               id=FAR_RG + add.arm)
        added[add.key] = res
        resources.append(res)
    target = _find(resources, m.token, m.select, m.label) if m.token else added[m.target or m.adds[0].key]
    if target is None:
        return None
    for path, value in m.sets.items():
        value = _subst(value, stack, region)
        _set(target.inputs, path, value)
        if _steps(path)[0] in target.outputs:
            _set(target.outputs, path, value)
    for path, (dep_key, add_key) in m.refs.items():
        ref = added[add_key]
        value = UNKNOWN if unknowns else ref.outputs["id"]
        _set(target.inputs, path, value)
        if _steps(path)[0] in target.outputs:
            _set(target.outputs, path, value)
        target.property_dependencies[dep_key] = [ref.urn]
    return resources, target.urn


def _stack_policy(m: Mutation) -> bool:
    from sovereign_components.policies import RULES_BY_NAME

    return RULES_BY_NAME[m.policy].kind == "stack"


#: Every mutation with known values; the cross-resource (stack-policy) mutations also with
#: unknown ids, where only property dependencies can place a target. Resource rules read the
#: mutated literal, which is known in both modes, so repeating them would test nothing new.
CASES = [(source, stack, unknowns, m) for source in sorted(SOURCES) for stack in ("eu", "us")
         for unknowns in MODES for m in MUTATIONS
         if stack in m.stacks and (m.sources is None or source in m.sources) and (not unknowns or _stack_policy(m))]


def _mandatory(result) -> list[Any]:
    return [v for v in result.violations if v.enforcement_level == "mandatory"]


@pytest.mark.parametrize("source, stack, unknowns", [(s, st, u) for s in sorted(SOURCES) for st in ("eu", "us")
                                                     for u in MODES],
                         ids=lambda v: str(v))
def test_unmutated_stack_has_no_mandatory_violation(source: str, stack: str, unknowns: bool, policy_pack,
                                                   tally) -> None:
    cap = capture(source, stack, unknowns)
    result = analyze(cap.resources, policy_pack, _config(stack), project=cap.project, stack=cap.stack,
                     stack_config=cap.config)
    tally["baselines"] += 1
    bad = [f"{source}/{stack}{'/unknowns' if unknowns else ''}: {v.policy} on {v.urn}: "
           f"{v.message.splitlines()[-1]}" for v in _mandatory(result)]
    undecided = [v for v in result.violations if v.undecided]
    tally["false_positives"].extend(bad)
    assert bad == []
    # a compliant stack decides everything, even with unknown ids (property dependencies)
    assert [v.message for v in undecided] == []


@pytest.mark.parametrize("source, stack, unknowns, mutation", CASES,
                         ids=[f"{s}-{st}-{'unk' if u else 'known'}-{m.id}" for s, st, u, m in CASES])
def test_mutation_is_blocked(source: str, stack: str, unknowns: bool, mutation: Mutation, policy_pack,
                             tally) -> None:
    cap = capture(source, stack, unknowns)
    mutated = _mutate(cap.resources, mutation, stack, unknowns, cap.project)
    if mutated is None:
        pytest.skip(f"{source}/{stack} has no {mutation.token} to mutate")
    resources, urn = mutated
    result = analyze(resources, policy_pack, _config(stack), project=cap.project, stack=cap.stack,
                     stack_config=cap.config)
    tally["mutations"] += 1
    hit = [v for v in _mandatory(result) if v.policy == mutation.policy and v.urn == urn and not v.undecided]
    if hit:
        tally["blocked"] += 1
    else:
        tally["missed"].append(f"{source}/{stack}{'/unknowns' if unknowns else ''}: {mutation.id}")
    assert hit, [(v.policy, v.enforcement_level, v.urn, v.message) for v in result.violations
                 if v.urn == urn or not v.urn]


def test_every_mutation_applies_somewhere() -> None:
    """Each mutation's target exists in at least one captured source (no silently empty rows)."""
    for m in MUTATIONS:
        if m.token is None:
            continue
        found = any(_find(capture(s, st, False).resources, m.token, m.select, m.label) is not None
                    for s in SOURCES if m.sources is None or s in m.sources for st in m.stacks)
        assert found, m.id


def test_every_mandatory_policy_has_a_mutation() -> None:
    from sovereign_components.policies import RULES

    mandatory = {r.name for r in RULES if r.level == "mandatory"}
    assert mandatory <= {m.policy for m in MUTATIONS}
