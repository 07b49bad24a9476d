"""Pack loading (built-in module and directories), initial config, and the Remediate pass."""

from __future__ import annotations

import sys
import types

import pytest
from pulumi_policy import EnforcementLevel, PolicyConfigSchema, ResourceValidationPolicy

from sovereign_components._version import __version__
from sovereign_components.errors import UsageError
from sovereign_components.gate.pipeline import analyze, load_policy_pack
from sovereign_components.gate.model import CapturedResource
from sovereign_components.gate.analysis.pack_loader import LoadedPack
from sovereign_components.gate.analysis.policy_config import resolve_policy_config


def account(**inputs) -> CapturedResource:
    return CapturedResource(urn="urn:pulumi:s::p::azure-native:storage:StorageAccount::sa",
                            type="azure-native:storage:StorageAccount", name="sa", inputs=inputs)


def must_be_private(args, report_violation):
    if args.props.get("publicNetworkAccess") != "Disabled":
        report_violation("public")


def make_private(args):
    props = dict(args.props)
    props["publicNetworkAccess"] = "Disabled"
    return props


def fake_builtin(**attrs) -> types.ModuleType:
    module = types.ModuleType("sovereign_components.policies")
    for key, value in attrs.items():
        setattr(module, key, value)
    return module


def test_builtin_pack_comes_from_the_module_with_the_package_version(monkeypatch):
    policy = ResourceValidationPolicy(name="private", description="private", validate=must_be_private)
    monkeypatch.setitem(sys.modules, "sovereign_components.policies", fake_builtin(
        PACK_NAME="fake-builtin", build_policies=lambda: [policy],
        ENFORCEMENT_LEVEL=EnforcementLevel.MANDATORY, INITIAL_CONFIG=None))
    pack = load_policy_pack(None)
    assert (pack.name, pack.version) == ("fake-builtin", __version__)
    [v] = analyze([account()], pack).violations
    assert v.enforcement_level == "mandatory"  # the pack-level default, set explicitly


def test_builtin_pack_without_its_api_is_a_usage_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "sovereign_components.policies", fake_builtin())
    with pytest.raises(UsageError, match="--policy-pack"):
        load_policy_pack(None)


def test_pack_dir_version_comes_from_pulumipolicy_yaml(minimal_pack):
    assert minimal_pack.version == "0.3.1" and minimal_pack.name == "minimal-test-pack"
    assert minimal_pack.source.endswith("minimal")


def test_pack_dir_without_pulumipolicy_yaml(tmp_path):
    (tmp_path / "__main__.py").write_text("")
    with pytest.raises(UsageError, match="PulumiPolicy.yaml: file not found"):
        load_policy_pack(tmp_path)


def test_pack_that_raises_on_load_names_its_entry(tmp_path):
    (tmp_path / "PulumiPolicy.yaml").write_text("runtime: python\nversion: 1.0.0\n")
    (tmp_path / "__main__.py").write_text("raise ImportError('no module named policies_lib')\n")
    with pytest.raises(UsageError) as err:
        load_policy_pack(tmp_path)
    assert "__main__.py: the policy pack failed to load: ImportError" in str(err.value)


def test_pack_dir_does_not_serve_grpc_and_keeps_the_real_policypack(minimal_pack_dir):
    import pulumi_policy

    original = pulumi_policy.PolicyPack
    load_policy_pack(minimal_pack_dir)  # would block forever if PolicyPack were not intercepted
    assert pulumi_policy.PolicyPack is original


def pack_with(policies, initial_config=None, level=EnforcementLevel.ADVISORY) -> LoadedPack:
    return LoadedPack(name="t", version="1.0.0", policies=policies, enforcement_level=level,
                      initial_config=initial_config)


def test_initial_config_applies_and_user_config_overrides_it():
    policy = ResourceValidationPolicy(
        name="p", description="p", validate=must_be_private, enforcement_level=EnforcementLevel.MANDATORY,
        config_schema=PolicyConfigSchema(properties={"n": {"type": "integer", "default": 1}}),
    )
    pack = pack_with([policy], initial_config={"p": {"enforcementLevel": EnforcementLevel.ADVISORY, "n": 5}})
    resolved = resolve_policy_config(pack, None)
    assert (resolved["p"].enforcement_level, resolved["p"].properties) == ("advisory", {"n": 5})
    resolved = resolve_policy_config(pack, {"p": {"enforcementLevel": "mandatory"}})
    assert (resolved["p"].enforcement_level, resolved["p"].properties) == ("mandatory", {"n": 5})


def test_required_config_property_missing_is_named():
    policy = ResourceValidationPolicy(
        name="p", description="p", validate=must_be_private,
        config_schema=PolicyConfigSchema(properties={"boundary": {"type": "string"}}, required=["boundary"]),
    )
    from sovereign_components.errors import ConfigError

    with pytest.raises(ConfigError) as err:
        resolve_policy_config(pack_with([policy]), {"p": "mandatory"})
    assert err.value.key == "p" and "'boundary' is a required property" in str(err.value)


def test_remediate_runs_before_analyze_on_the_remediated_inputs():
    fixer = ResourceValidationPolicy(name="fix", description="fix", remediate=make_private,
                                     enforcement_level=EnforcementLevel.REMEDIATE)
    checker = ResourceValidationPolicy(name="check", description="check", validate=must_be_private,
                                       enforcement_level=EnforcementLevel.MANDATORY)
    pack = pack_with([fixer, checker])
    result = analyze([account(publicNetworkAccess="Enabled")], pack)
    assert result.violations == []
    assert result.remediations == ["fix remediated urn:pulumi:s::p::azure-native:storage:StorageAccount::sa"]
    # with the remediation disabled the checker sees the original input
    result = analyze([account(publicNetworkAccess="Enabled")], pack, {"fix": "disabled"})
    assert [v.policy for v in result.violations] == ["check"]


def test_async_policy_that_raises_is_reported():
    async def broken(args, report_violation):
        raise KeyError("missing")

    pack = pack_with([ResourceValidationPolicy(name="async", description="a", validate=broken,
                                               enforcement_level=EnforcementLevel.MANDATORY)])
    [v] = analyze([account()], pack).violations
    assert v.error and v.enforcement_level == "mandatory" and "'missing'" in v.message
