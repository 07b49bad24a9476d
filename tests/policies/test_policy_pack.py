"""The policy objects through the real servicer path (the offline engine's ``analyze``), the
pack project files, and the generated docs/configs being current."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from sovereign_components._version import __version__
from sovereign_components.policies import PACK_NAME, RULES, build_policies
from sovereign_components.policies import configs, docs
from sovereign_components.policies.values import UNKNOWN
from sovereign_components.gate.pipeline import CapturedResource, analyze, load_policy_pack

ROOT = Path(__file__).resolve().parents[2]
EU_CONFIG = ROOT / "policy" / "config.eu.json"


@pytest.fixture(scope="module")
def pack():
    return load_policy_pack(None)


def resource(name: str, token: str, inputs: dict[str, Any], **kw: Any) -> CapturedResource:
    return CapturedResource(urn=f"urn:pulumi:eu::proj::{token}::{name}", type=token, name=name, inputs=inputs, **kw)


COMPLIANT_COSMOS = {
    "location": "westeurope",
    "locations": [{"locationName": "westeurope", "failoverPriority": 0.0}],
    "publicNetworkAccess": "Disabled",
    "disableLocalAuth": True,
    "disableKeyBasedMetadataWriteAccess": True,
    "backupPolicy": {"type": "Continuous"},
    "minimalTlsVersion": "Tls12",
    "keyVaultKeyUri": "https://kv.vault.azure.net/keys/k",
}


def mandatory(result, urn: str | None = None) -> set[str]:
    return {v.policy for v in result.violations
            if v.enforcement_level == "mandatory" and (urn is None or v.urn == urn)}


#: The Key Vault of COMPLIANT_COSMOS's customer-managed key (a vault outside the stack could be
#: anywhere: data-flows-in-boundary would block the key reference).
KEY_VAULT = {"location": "westeurope", "vaultName": "kv",
             "properties": {"publicNetworkAccess": "Disabled", "tenantId": "00000000-0000-0000-0000-000000000000",
                            "sku": {"family": "A", "name": "standard"}}}


def test_compliant_cosmos_has_no_mandatory_violation(pack) -> None:
    r = resource("db", "azure-native:cosmosdb:DatabaseAccount", COMPLIANT_COSMOS, protect=True)
    kv = resource("kv", "azure-native:keyvault:Vault", KEY_VAULT)
    result = analyze([r, kv], pack, EU_CONFIG)
    assert mandatory(result) == set()
    # alone in a stack it has no private endpoint or diagnostic setting: only those advisories
    assert {v.policy for v in result.violations if v.urn == r.urn} == {
        "private-endpoints-present", "diagnostic-settings-present"}


def test_missing_public_access_and_local_auth_block_on_the_urn(pack) -> None:
    inputs = {k: v for k, v in COMPLIANT_COSMOS.items()
              if k not in ("publicNetworkAccess", "disableLocalAuth")}
    r = resource("db", "azure-native:documentdb:DatabaseAccount", inputs)  # v2 token from old state
    kv = resource("kv", "azure-native:keyvault:Vault", KEY_VAULT)
    assert mandatory(analyze([r, kv], pack, EU_CONFIG), r.urn) == {"no-public-network-access", "no-local-auth"}


def test_unknown_location_is_undecided_not_passed(pack) -> None:
    r = resource("db", "azure-native:cosmosdb:DatabaseAccount", {**COMPLIANT_COSMOS, "location": UNKNOWN})
    result = analyze([r], pack, EU_CONFIG)
    undecided = [v for v in result.violations if v.undecided]
    assert [v.policy for v in undecided] == ["allowed-locations"]
    assert "can't run policy" in undecided[0].message


def test_boundary_falls_back_to_stack_config(pack) -> None:
    r = resource("db", "azure-native:cosmosdb:DatabaseAccount", {**COMPLIANT_COSMOS, "location": "eastus"})
    no_boundary: dict[str, Any] = {}
    # no policy-config boundary, stack says US: eastus passes L1; stack says EU: blocked
    assert "allowed-locations" not in mandatory(analyze([r], pack, no_boundary, stack_config={"sovereign:boundary": "US"}))
    assert "allowed-locations" in mandatory(analyze([r], pack, no_boundary, stack_config={"sovereign:boundary": "EU"}))
    # neither: fail closed, saying how to configure
    result = analyze([r], pack, no_boundary)
    messages = [v.message for v in result.violations if v.policy == "allowed-locations"]
    assert messages and "sovereign:boundary" in messages[0]


def test_exemption_needs_and_uses_a_reason(pack) -> None:
    r = resource("db", "azure-native:cosmosdb:DatabaseAccount", {**COMPLIANT_COSMOS, "publicNetworkAccess": "Enabled"})
    config = {"no-public-network-access": {"exemptions": [{"urn": r.urn, "reason": "migration window, CHG-1"}]}}
    assert "no-public-network-access" not in mandatory(analyze([r], pack, config))


def test_remediation_only_when_configured(pack) -> None:
    r = resource("db", "azure-native:cosmosdb:DatabaseAccount", {**COMPLIANT_COSMOS, "publicNetworkAccess": "Enabled"})
    assert "no-public-network-access" in mandatory(analyze([r], pack, EU_CONFIG))
    config = {**json.loads(EU_CONFIG.read_text()), "no-public-network-access": "remediate"}
    result = analyze([r], pack, config)
    assert "no-public-network-access" not in mandatory(result)
    assert any("no-public-network-access" in line for line in result.remediations)


def test_cross_region_stack_policy_through_the_servicer(pack) -> None:
    ns = resource("ns", "azure-native:servicebus:Namespace", {"location": "eastus", "namespaceName": "ns"},
                  outputs={"id": "/subscriptions/0/resourceGroups/rg/providers/Microsoft.ServiceBus/namespaces/ns"})
    q = resource("q", "azure-native:servicebus:Queue", {"namespaceName": "ns", "queueName": "q"},
                 property_dependencies={"namespaceName": [ns.urn]})
    s = resource("s", "azure-native:eventgrid:EventSubscription",
                 {"destination": {"endpointType": "ServiceBusQueue", "resourceId": UNKNOWN}},
                 property_dependencies={"destination": [q.urn]})
    result = analyze([ns, q, s], pack, EU_CONFIG)
    assert "eventgrid-destinations-in-boundary" in mandatory(result, s.urn)


def test_undecided_stack_target_is_reported_as_undecided(pack) -> None:
    s = resource("s", "azure-native:eventgrid:EventSubscription", {"destination": {"resourceId": UNKNOWN}})
    result = analyze([s], pack, EU_CONFIG)
    [v] = [v for v in result.violations if v.policy == "eventgrid-destinations-in-boundary"]
    assert v.undecided and v.enforcement_level == "advisory"


def test_protect_visible_to_the_advisory_rule(pack) -> None:
    unprotected = resource("db", "azure-native:cosmosdb:DatabaseAccount", COMPLIANT_COSMOS)
    result = analyze([unprotected], pack, EU_CONFIG)
    assert [v.enforcement_level for v in result.violations if v.policy == "data-stores-protected"] == ["advisory"]


def test_policy_metadata() -> None:
    policies = build_policies()
    assert [p.name for p in policies] == [r.name for r in RULES]
    for p in policies:
        assert p.url.endswith(f"docs/policies.md#{p.name}")
        assert p.remediation_steps and "exemptions" in p.remediation_steps
        assert p.severity is not None and p.config_schema is not None
        assert "exemptions" in p.config_schema.properties


def test_policy_pack_project_matches_the_package(pack) -> None:
    meta = yaml.safe_load((ROOT / "policy" / "PulumiPolicy.yaml").read_text())
    assert meta["version"] == __version__
    assert meta["runtime"]["name"] == "python"
    loaded = load_policy_pack(ROOT / "policy")  # runs policy/__main__.py with PolicyPack intercepted
    assert loaded.name == PACK_NAME and loaded.version == __version__
    assert [p.name for p in loaded.policies] == [p.name for p in pack.policies]


ENDPOINTS = ROOT / "stacks" / "external_endpoints.toml"


@pytest.mark.parametrize("boundary", ["EU", "US"])
def test_committed_configs_are_current(boundary: str) -> None:
    path = ROOT / "policy" / f"config.{boundary.lower()}.json"
    assert path.read_text() == configs.render(boundary, configs.load_endpoints(ENDPOINTS).get(boundary, []))


def test_eu_config_allow_lists_the_declared_metadata_channel_destination_only() -> None:
    """The EU stack's metadata channel destination (read from Pulumi.eu.yaml, not copied) is
    allow-listed with its region for the Event Grid destination policy and nowhere else."""
    from sovereign_components.stack_config.project import load_project

    raw = load_project(ROOT, "eu").config["sovereign:eventPlane"]
    plane = json.loads(raw) if isinstance(raw, str) else raw
    destinations = [c["destinationResourceId"] for c in plane["metadataChannels"]]
    config = json.loads((ROOT / "policy" / "config.eu.json").read_text())
    listed = {name: entry.get("allowedExternalEndpoints") for name, entry in config.items()
              if entry.get("allowedExternalEndpoints")}
    assert listed == {"eventgrid-destinations-in-boundary": [{"endpoint": d, "region": "eastus"} for d in destinations]}
    us = json.loads((ROOT / "policy" / "config.us.json").read_text())
    assert all("allowedExternalEndpoints" not in entry for entry in us.values())
    assert set(us) == set(config)  # the same policies carry the boundary in both files


def test_endpoints_file_errors_name_the_key(tmp_path: Path) -> None:
    from sovereign_components.errors import ConfigError

    cases = {
        '[[EU]]\npolicy = "no-such-policy"\nendpoint = "x.example.com"\nregion = "eastus"\nwhy = "w"\n': "EU[0].policy",
        '[[EU]]\npolicy = "eventgrid-destinations-in-boundary"\nendpoint = "x.example.com"\nregion = "mars"\n'
        'why = "w"\n': "EU[0].region",
        '[[EU]]\npolicy = "eventgrid-destinations-in-boundary"\nendpoint = "x.example.com"\nregion = "eastus"\n': "EU[0].why",
        'EU = "x"\n': "'EU'",
    }
    for text, key in cases.items():
        path = tmp_path / "endpoints.toml"
        path.write_text(text)
        with pytest.raises(ConfigError) as err:
            configs.load_endpoints(path)
        assert key in str(err.value) and str(path) in str(err.value)


def test_config_generator_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert configs.main(["eu", "--endpoints", str(ENDPOINTS)]) == 0
    assert capsys.readouterr().out == (ROOT / "policy" / "config.eu.json").read_text()
    assert configs.main(["EU"]) == 0
    assert "allowedExternalEndpoints" not in capsys.readouterr().out
    assert configs.main(["EU", "--endpoints", str(tmp_path / "missing.toml")]) == 2
    assert "missing.toml" in capsys.readouterr().err


def test_committed_docs_are_current() -> None:
    assert (ROOT / "docs" / "policies.md").read_text() == docs.render()
    for rule in RULES:
        assert f"### {rule.name}" in docs.render()


def test_plain_unwraps_the_real_proxy_and_keeps_unknowns() -> None:
    from pulumi_policy.proxy import unknown_checking_proxy

    from sovereign_components.policies.pack import plain

    proxied = unknown_checking_proxy({"a": {"b": [UNKNOWN, {"c": 1}]}, "d": UNKNOWN})
    assert plain(proxied) == {"a": {"b": [UNKNOWN, {"c": 1}]}, "d": UNKNOWN}


def test_resource_validation_args_path_with_proxy() -> None:
    """Direct ResourceValidationArgs call (docs/sdk-notes.md, "Policy analyzer"): unknown -> UnknownValueError."""
    from pulumi_policy import ResourceValidationArgs
    from pulumi_policy.policy import PolicyCustomTimeouts, PolicyResourceOptions
    from pulumi_policy.proxy import UnknownValueError, unknown_checking_proxy

    [policy] = [p for p in build_policies() if p.name == "no-public-network-access"]
    opts = PolicyResourceOptions(False, [], None, [], PolicyCustomTimeouts(0, 0, 0), [])
    found: list[str] = []

    def call(props: dict) -> None:
        args = ResourceValidationArgs("azure-native:storage:StorageAccount", unknown_checking_proxy(props),
                                      "urn:pulumi:s::p::azure-native:storage:StorageAccount::st", "st", opts, None)
        policy.validate(args, lambda msg, urn=None: found.append(msg))

    call({"publicNetworkAccess": "Enabled"})
    assert len(found) == 1 and "T1" in found[0]
    with pytest.raises(UnknownValueError):
        call({"publicNetworkAccess": UNKNOWN})


def _channel(filters: list[dict[str, Any]]) -> CapturedResource:
    from sovereign_components.events.names import METADATA_CHANNEL_LABEL

    return resource("meta", "azure-native:eventgrid:EventSubscription", {
        "labels": [METADATA_CHANNEL_LABEL],
        "scope": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/"
                 "Microsoft.EventGrid/topics/metadata",
        "destination": {"endpointType": "WebHook", "endpointUrl": "https://metadata.us.example.com/api/events"},
        "filter": {"advancedFilters": filters},
    })


def test_metadata_channel_through_the_servicer(pack) -> None:
    """Cross-boundary delivery (eastus from EU) passes only as a declared metadata channel that
    reads the stack's metadata topic and whose filter admits only metadata events of
    non-regulated classifications, and only to an allow-listed target."""
    from sovereign_components.events.names import (CLASSIFICATION_ATTRIBUTE, KIND_ATTRIBUTE, METADATA_KIND,
                                                   METADATA_TOPIC_KIND, TOPIC_KIND_TAG)

    topic = resource("metadata", "azure-native:eventgrid:Topic", {
        "location": "westeurope", "topicName": "metadata", "tags": {TOPIC_KIND_TAG: METADATA_TOPIC_KIND},
        "publicNetworkAccess": "Disabled", "disableLocalAuth": True, "dataResidencyBoundary": "WithinRegion"})
    config = json.loads(EU_CONFIG.read_text())
    config["eventgrid-destinations-in-boundary"]["allowedExternalEndpoints"] = [
        {"endpoint": "metadata.us.example.com", "region": "eastus"}]
    kind = {"operatorType": "StringIn", "key": KIND_ATTRIBUTE, "values": [METADATA_KIND]}
    narrow = _channel([kind, {"operatorType": "StringIn", "key": CLASSIFICATION_ATTRIBUTE,
                              "values": ["Public", "Internal"]}])
    unfiltered = _channel([])
    without_kind = _channel([{"operatorType": "StringIn", "key": CLASSIFICATION_ATTRIBUTE, "values": ["Public"]}])
    wide = _channel([kind, {"operatorType": "StringIn", "key": CLASSIFICATION_ATTRIBUTE,
                            "values": ["Public", "Confidential"]}])
    policy = "eventgrid-destinations-in-boundary"
    assert policy not in mandatory(analyze([topic, narrow], pack, config), narrow.urn)
    assert policy in mandatory(analyze([topic, unfiltered], pack, config), unfiltered.urn)
    assert policy in mandatory(analyze([topic, without_kind], pack, config), without_kind.urn)
    assert policy in mandatory(analyze([topic, wide], pack, config), wide.urn)
    # reading a topic that is not the stack's metadata topic: not a channel
    assert policy in mandatory(analyze([narrow], pack, config), narrow.urn)
    # the same narrow channel without the allow-list entry fails closed
    assert policy in mandatory(analyze([topic, narrow], pack, EU_CONFIG), narrow.urn)


def test_predicates_import_no_pulumi() -> None:
    """The package and its rule modules stay pure: no pulumi, pulumi_policy or azure-native
    (design.md: policies match token strings; the CLI imports stay cheap)."""
    import subprocess
    import sys

    code = ("import sys, sovereign_components.policies, sovereign_components.policies.docs, "
            "sovereign_components.policies.resolve, sovereign_components.policies.rules.cross_region; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('pulumi', 'pulumi_policy', 'pulumi_azure_native')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# -- check-state: deployed truth, every spelling ----------------------------------------------------

def test_check_state_judges_a_versioned_token_by_every_rule(pack) -> None:
    """A versioned Service Bus namespace in recorded state with public access gets the public
    access rule (not only the location rule), and its recorded outputs count where inputs are
    absent (a deployed Tls12 / 1.2 is not "absent")."""
    token = "azure-native:servicebus/v20221001preview:Namespace"
    inputs = {"location": "westeurope", "namespaceName": "sbv", "disableLocalAuth": True}
    outputs = {**inputs, "publicNetworkAccess": "Enabled", "minimumTlsVersion": "1.0",
               "id": "/subscriptions/0/resourceGroups/rg/providers/Microsoft.ServiceBus/namespaces/sbv"}
    r = CapturedResource(urn=f"urn:pulumi:eu::proj::{token}::sbv", type=token, name="sbv", inputs=inputs,
                         outputs=outputs)
    result = analyze([r], pack, EU_CONFIG, deployed=True)
    assert "no-public-network-access" in mandatory(result, r.urn)
    assert "minimum-tls-version" in {v.policy for v in result.violations if v.urn == r.urn}
    fixed = CapturedResource(urn=r.urn, type=token, name="sbv", inputs=inputs,
                             outputs={**outputs, "publicNetworkAccess": "Disabled", "minimumTlsVersion": "1.2"})
    result = analyze([fixed], pack, EU_CONFIG, deployed=True)
    assert {v.policy for v in result.violations if v.urn == r.urn} <= {"private-endpoints-present",
                                                                     "diagnostic-settings-present",
                                                                     "customer-managed-keys"}


def test_check_state_judges_an_arm_type_spelling(pack) -> None:
    """State exported from ARM (or a virtual resource) may carry the ARM type as its type."""
    r = CapturedResource(urn="urn:pulumi:eu::proj::Microsoft.DocumentDB/databaseAccounts::db",
                         type="Microsoft.DocumentDB/databaseAccounts", name="db",
                         inputs={**COMPLIANT_COSMOS, "publicNetworkAccess": "Enabled"})
    kv = resource("kv", "azure-native:keyvault:Vault", KEY_VAULT)
    result = analyze([r, kv], pack, EU_CONFIG)
    assert mandatory(result, r.urn) == {"no-public-network-access"}
