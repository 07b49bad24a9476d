"""The external acme pack: its own unit tests (plain calls of its validate functions), then the
proof that the offline engine gives the same verdicts, honours its enforcement levels and
``--policy-pack-config`` (schema defaults too), applies its remediation, and reports the
policy that raises instead of crashing."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from pulumi_policy import ResourceValidationArgs, StackValidationArgs
from pulumi_policy.policy import PolicyResource
from pulumi_policy.proxy import unknown_checking_proxy

from sovereign_components.gate.model import CapturedResource

from .conftest import ACME_PROGRAM, EXTERNAL_PACK

STORAGE = "azure-native:storage:StorageAccount"
NAMESPACE = "azure-native:servicebus:Namespace"
QUEUE = "azure-native:servicebus:Queue"
TOPIC = "azure-native:eventgrid:Topic"


@pytest.fixture(scope="module")
def rules() -> ModuleType:
    """The pack's own rules module, imported from its directory under a private name."""
    spec = importlib.util.spec_from_file_location("acme_rules_under_test", EXTERNAL_PACK / "acme_rules.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _urn(token: str, name: str) -> str:
    return f"urn:pulumi:eu::acme::{token}::{name}"


def _call(fn: Any, token: str, name: str, props: dict[str, Any], config: dict[str, Any] | None = None) -> list[str]:
    found: list[str] = []
    args = ResourceValidationArgs(token, unknown_checking_proxy(props), _urn(token, name), name, None, None, config)
    fn(args, lambda message, urn=None: found.append(message))
    return found


def _call_stack(fn: Any, resources: list[CapturedResource], config: dict[str, Any] | None = None) -> list[tuple[str, str]]:
    by_urn = {r.urn: PolicyResource(r.type, unknown_checking_proxy(r.inputs), r.urn, r.name, None, None, None, [], {})
              for r in resources}
    for r in resources:
        by_urn[r.urn].property_dependencies = {k: [by_urn[u] for u in v if u in by_urn]
                                               for k, v in r.property_dependencies.items()}
    found: list[tuple[str, str]] = []
    fn(StackValidationArgs(list(by_urn.values()), config), lambda m, urn=None: found.append((m, urn or "")))
    return found


# -- the pack's own unit tests (what its authors expect) ------------------------------------
def test_unit_storage_https_only(rules):
    assert _call(rules.storage_https_only, STORAGE, "a", {"enableHttpsTrafficOnly": False})
    assert not _call(rules.storage_https_only, STORAGE, "a", {"enableHttpsTrafficOnly": True})
    assert not _call(rules.storage_https_only, STORAGE, "a", {})  # absent = HTTPS only (service default)
    assert not _call(rules.storage_https_only, TOPIC, "a", {"enableHttpsTrafficOnly": False})


def test_unit_remediation_sets_https(rules):
    args = ResourceValidationArgs(STORAGE, unknown_checking_proxy({"enableHttpsTrafficOnly": False, "kind": "StorageV2"}),
                                  _urn(STORAGE, "a"), "a", None, None)
    assert rules.storage_https_only_remediate(args) == {"enableHttpsTrafficOnly": True, "kind": "StorageV2"}


def test_unit_required_tags_default_and_config(rules):
    assert _call(rules.required_tags, STORAGE, "a", {"tags": {"owner": "x"}}) == ["missing tags: costCenter"]
    assert not _call(rules.required_tags, STORAGE, "a", {"tags": {"owner": "x"}}, {"tags": ["owner"]})
    assert not _call(rules.required_tags, QUEUE, "a", {})  # queues carry no ARM tags


def test_unit_servicebus_min_tls(rules):
    assert _call(rules.servicebus_min_tls, NAMESPACE, "a", {})
    assert _call(rules.servicebus_min_tls, NAMESPACE, "a", {"minimumTlsVersion": "1.1"})
    assert not _call(rules.servicebus_min_tls, NAMESPACE, "a", {"minimumTlsVersion": "1.2"})


def test_unit_exploding_policy_raises(rules):
    with pytest.raises(RuntimeError, match="simulated bug"):
        _call(rules.exploding, TOPIC, "t", {})


def _stack_case() -> list[CapturedResource]:
    ns = CapturedResource(_urn(NAMESPACE, "bus"), NAMESPACE, "bus")
    good = CapturedResource(_urn(QUEUE, "q1"), QUEUE, "q1", property_dependencies={"namespaceName": [ns.urn]})
    orphan = CapturedResource(_urn(QUEUE, "q2"), QUEUE, "q2", property_dependencies={"namespaceName": []})
    stack = CapturedResource("urn:pulumi:eu::acme::pulumi:pulumi:Stack::acme-eu", "pulumi:pulumi:Stack", "acme-eu",
                             custom=False)
    return [stack, ns, good, orphan]


def test_unit_stack_policies(rules):
    resources = _stack_case()
    assert [u for _, u in _call_stack(rules.queues_need_namespace, resources)] == [_urn(QUEUE, "q2")]
    assert not _call_stack(rules.resource_count_limit, resources)  # 3 counted <= default 50
    assert _call_stack(rules.resource_count_limit, resources, {"maxResources": 2})


# -- the same verdicts through the offline engine --------------------------------------------
def _expected(rules: ModuleType, resources: list[CapturedResource], config: dict[str, dict[str, Any]]) -> set[tuple[str, str]]:
    """Verdicts from plain calls: (policy, urn) for every report; raising policies included."""
    resource_fns = {"storage-https-only": rules.storage_https_only, "required-tags": rules.required_tags,
                    "servicebus-min-tls": rules.servicebus_min_tls, "exploding-policy": rules.exploding}
    stack_fns = {"resource-count-limit": rules.resource_count_limit,
                 "queues-need-namespace": rules.queues_need_namespace}
    out: set[tuple[str, str]] = set()
    for r in resources:
        if not r.custom:
            continue
        for name, fn in resource_fns.items():
            try:
                if _call(fn, r.type, r.name, r.inputs, config.get(name)):
                    out.add((name, r.urn))
            except RuntimeError:
                out.add((name, r.urn))
    for name, fn in stack_fns.items():
        out |= {(name, urn) for _, urn in _call_stack(fn, resources, config.get(name))}
    return out


def _engine_verdicts(result: Any) -> set[tuple[str, str]]:
    return {(v.policy, v.urn) for v in result.violations}


def test_engine_gives_the_unit_test_verdicts_on_the_program(rules, acme_preview_external):
    resources = acme_preview_external.resources
    defaults = {"required-tags": {"tags": rules.DEFAULT_REQUIRED_TAGS}}
    expected = _expected(rules, resources, defaults)
    assert expected  # the program violates several policies on purpose
    assert _engine_verdicts(acme_preview_external) == expected


def test_engine_gives_the_unit_test_verdicts_on_a_stack_case(rules, external_pack):
    from sovereign_components.gate.pipeline import analyze

    resources = _stack_case()
    result = analyze(resources, external_pack, {"resource-count-limit": {"maxResources": 2}})
    assert _engine_verdicts(result) == _expected(rules, resources, {"resource-count-limit": {"maxResources": 2}})


def test_enforcement_levels_are_the_packs(acme_preview_external):
    levels = {v.policy: v.enforcement_level for v in acme_preview_external.violations}
    assert levels["storage-https-only"] == "mandatory"  # policy-level MANDATORY
    assert levels["required-tags"] == "advisory"  # pack default ADVISORY
    assert acme_preview_external.exit_code() == 1


def test_raising_policy_is_reported_not_a_crash(acme_preview_external):
    errors = [v for v in acme_preview_external.violations if v.error]
    assert [(v.policy, v.urn.rsplit("::", 1)[-1]) for v in errors] == [("exploding-policy", "ingest")]
    assert "simulated bug" in errors[0].message
    assert errors[0].enforcement_level == "advisory"  # reported at the policy's own level


def test_policy_pack_config_file_is_honoured(rules, tmp_path: Path):
    from sovereign_components.gate.pipeline import run_preview

    config_file = EXTERNAL_PACK / "config.strict.json"
    report = run_preview(ACME_PROGRAM, "eu", policy_pack=EXTERNAL_PACK, policy_pack_config=config_file)
    by_policy: dict[str, list[Any]] = {}
    for v in report.violations:
        by_policy.setdefault(v.policy, []).append(v)
    assert "servicebus-min-tls" not in by_policy  # disabled by the config
    # required-tags: only "owner" required now (the archive has it) -> no finding at any level
    assert "required-tags" not in by_policy
    # resource-count-limit: maxResources 2 < the program's 5 custom resources
    assert [v.enforcement_level for v in by_policy["resource-count-limit"]] == ["mandatory"]
    config = json.loads(config_file.read_text())
    expected = _expected(rules, report.resources, {k: v for k, v in config.items() if isinstance(v, dict)})
    expected = {e for e in expected if e[0] != "servicebus-min-tls"}
    assert _engine_verdicts(report) == expected


def test_remediation_applies_at_remediate_level(tmp_path: Path):
    from sovereign_components.gate.pipeline import run_preview

    config = tmp_path / "remediate.json"
    config.write_text(json.dumps({"storage-https-only": "remediate"}))
    report = run_preview(ACME_PROGRAM, "eu", policy_pack=EXTERNAL_PACK, policy_pack_config=config)
    # the remediation fixed the inputs before Analyze: no violation left, and the fix is listed
    assert not [v for v in report.violations if v.policy == "storage-https-only"]
    assert any("storage-https-only" in line and "archive" in line for line in report.remediations)


def test_pack_loads_without_leaking_its_modules():
    assert "acme_rules" not in sys.modules
