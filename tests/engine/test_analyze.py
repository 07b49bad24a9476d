"""analyze(): the real pulumi_policy servicer over captured resources, with policy config."""

from __future__ import annotations

import copy
import json

import pytest

from sovereign_components.errors import ConfigError
from sovereign_components.gate.pipeline import analyze


def run(capture, pack, config=None):
    return analyze(capture.resources, pack, config, project=capture.project, stack=capture.stack,
                   stack_config=capture.config)


def hits(result, policy):
    return [v for v in result.violations if v.policy == policy]


def test_mandatory_and_advisory_violations_with_levels_and_severity(basic_capture, minimal_pack):
    result = run(basic_capture, minimal_pack)
    [storage] = hits(result, "storage-private")
    assert storage.enforcement_level == "mandatory" and storage.severity == "high"
    assert storage.urn.endswith("::demo-archive-sa")
    assert "publicNetworkAccess must be 'Disabled'" in storage.message
    [owner] = hits(result, "owner-tag")  # no level of its own -> the pack's ADVISORY
    assert owner.enforcement_level == "advisory" and owner.severity == "low"
    assert (result.mandatory, result.advisory, result.undecided) == (1, 1, 0)


def test_schema_default_config_is_applied(basic_capture, minimal_pack):
    # location-allowed reads allowedLocations (no config given): the schema default westeurope
    assert hits(run(basic_capture, minimal_pack), "location-allowed") == []


def test_config_property_changes_behaviour(basic_capture, minimal_pack):
    result = run(basic_capture, minimal_pack, {"location-allowed": {"allowedLocations": ["northeurope"]}})
    found = hits(result, "location-allowed")
    assert {v.urn.rsplit("::", 1)[-1] for v in found} == {"rg", "demo-archive-sa", "topic"}
    assert all(v.enforcement_level == "mandatory" for v in found)


def test_config_enforcement_level_downgrades_and_disables(basic_capture, minimal_pack):
    result = run(basic_capture, minimal_pack, {"storage-private": "advisory", "owner-tag": {"enforcementLevel": "disabled"}})
    assert [v.enforcement_level for v in hits(result, "storage-private")] == ["advisory"]
    assert hits(result, "owner-tag") == []
    assert result.mandatory == 0


def test_all_sets_every_level_and_named_entries_override(basic_capture, minimal_pack):
    result = run(basic_capture, minimal_pack, {"all": "disabled", "owner-tag": "mandatory"})
    assert {v.policy for v in result.violations} == {"owner-tag"}
    assert result.mandatory == 1


def test_config_from_a_file(tmp_path, basic_capture, minimal_pack):
    path = tmp_path / "config.json"
    path.write_text(json.dumps({"storage-private": "disabled"}))
    assert hits(run(basic_capture, minimal_pack, path), "storage-private") == []


@pytest.mark.parametrize(
    ("config", "key"),
    [
        ({"no-such-policy": "advisory"}, "no-such-policy"),
        ({"storage-private": "blocking"}, "storage-private"),
        ({"location-allowed": {"allowedLocations": "westeurope"}}, "location-allowed.allowedLocations"),
        ({"location-allowed": {"allowedLocation": ["westeurope"]}}, "location-allowed.allowedLocation"),
        ({"all": {"enforcementLevel": "advisory", "x": 1}}, "all"),
    ],
)
def test_bad_policy_config_names_the_key(basic_capture, minimal_pack, config, key):
    with pytest.raises(ConfigError) as err:
        run(basic_capture, minimal_pack, config)
    assert err.value.key == key
    assert f"'{key}'" in str(err.value)


def test_a_policy_that_raises_is_reported_not_fatal(basic_capture, minimal_pack):
    result = run(basic_capture, minimal_pack, {"crashing-policy": "mandatory"})
    [crash] = hits(result, "crashing-policy")
    assert crash.error and crash.enforcement_level == "mandatory"
    assert "RuntimeError: boom in policy" in crash.message and crash.urn.endswith("::rg")
    # the other policies still ran
    assert hits(result, "storage-private")


def test_unknown_ids_make_policies_undecided(basic_capture_unknowns, minimal_pack):
    seen = minimal_pack.policy("role-scope-is-arm-id").seen
    seen.clear()
    result = run(basic_capture_unknowns, minimal_pack)
    [undecided] = hits(result, "role-scope-is-arm-id")
    assert undecided.undecided and "can't run policy" in undecided.message
    assert undecided.urn.endswith("::archive-reader")
    assert seen == ["<unknown>"]  # the policy itself saw the unknown scope
    assert result.undecided == 2  # + location-allowed on the account (location unknown)


def test_known_ids_let_the_same_policy_decide(basic_capture, minimal_pack):
    seen = minimal_pack.policy("role-scope-is-arm-id").seen
    seen.clear()
    result = run(basic_capture, minimal_pack)
    assert hits(result, "role-scope-is-arm-id") == []
    assert len(seen) == 1 and seen[0].startswith("/subscriptions/") and "unknown" not in seen[0]


def test_stack_policy_sees_parents(basic_capture, minimal_pack):
    assert hits(run(basic_capture, minimal_pack), "components-have-children") == []
    orphaned = copy.deepcopy(basic_capture.resources)
    component = next(r for r in orphaned if r.type == "test:index:Archive")
    for r in orphaned:
        if r.parent == component.urn:
            r.parent = ""
    result = analyze(orphaned, minimal_pack)
    [v] = hits(result, "components-have-children")
    assert v.urn == component.urn and v.enforcement_level == "mandatory"


def test_repeated_analysis_of_mutated_copies_reuses_the_servicer(basic_capture, minimal_pack):
    run(basic_capture, minimal_pack)
    cached = len(minimal_pack.servicers)
    for value in ["Disabled", "Enabled", "Disabled"]:
        resources = copy.deepcopy(basic_capture.resources)
        account = next(r for r in resources if r.name == "demo-archive-sa")
        account.inputs["publicNetworkAccess"] = value
        found = hits(analyze(resources, minimal_pack), "storage-private")
        assert bool(found) == (value != "Disabled")
    assert len(minimal_pack.servicers) == cached
    # the captured resources themselves were not touched
    assert "publicNetworkAccess" not in next(r for r in basic_capture.resources if r.name == "demo-archive-sa").inputs


def test_analysis_restores_the_environment(basic_capture, minimal_pack, monkeypatch):
    import os

    monkeypatch.delenv("PULUMI_CONFIG", raising=False)
    monkeypatch.setenv("PULUMI_STACK", "outer")
    run(basic_capture, minimal_pack)
    assert "PULUMI_CONFIG" not in os.environ and os.environ["PULUMI_STACK"] == "outer"
