"""Predicate unit tests: every rule on compliant, violating and missing-key inputs, without
pulumi. Expected verdicts come from the controls reference (docs/controls.md) and the
service defaults in docs/sdk-notes.md, "SDK-injected defaults" and "TLS enums", not from running the code."""

from __future__ import annotations

import pytest

from sovereign_components.errors import ConfigError
from sovereign_components.policies import GLOBAL_TYPES, RULES_BY_NAME, context_from_config
from sovereign_components.policies.rules import auth, hardening, location, network, residency
from sovereign_components.policies.tokens import canonical_token
from sovereign_components.policies.values import UNKNOWN, Undecided

EU = context_from_config({"boundary": "EU"})
US = context_from_config({"boundary": "US"})
NONE = context_from_config({})

TOPIC = "azure-native:eventgrid:Topic"
SB = "azure-native:servicebus:Namespace"
EH = "azure-native:eventhub:Namespace"
COSMOS = "azure-native:cosmosdb:DatabaseAccount"
STORAGE = "azure-native:storage:StorageAccount"
WEBAPP = "azure-native:web:WebApp"


def controls(findings) -> list[str]:
    return sorted(f.control for f in findings)


# -- tokens ---------------------------------------------------------------------------------

@pytest.mark.parametrize("v2, v3", [
    ("azure-native:documentdb:DatabaseAccount", COSMOS),
    ("azure-native:insights:DiagnosticSetting", "azure-native:monitor:DiagnosticSetting"),
    ("azure-native:network:PrivateZone", "azure-native:privatedns:PrivateZone"),
    (TOPIC, TOPIC),
])
def test_v2_aliases_map_to_v3(v2: str, v3: str) -> None:
    assert canonical_token(v2) == v3


def test_v2_cosmos_token_is_checked_like_v3() -> None:
    props = {"publicNetworkAccess": "Enabled"}
    assert controls(network.check_public_network_access("azure-native:documentdb:DatabaseAccount", props, EU)) == ["C1"]


# -- L1 / L2 / L3 ---------------------------------------------------------------------------

@pytest.mark.parametrize("loc, ok", [
    ("westeurope", True), ("West Europe", True), ("northeurope", True), ("eastus", False),
    ("uksouth", False), ("switzerlandnorth", False), ("centraluseuap", False), ("", False),
])
def test_l1_location_against_eu(loc: str, ok: bool) -> None:
    assert (location.check_location(TOPIC, {"location": loc}, EU) == []) is ok


def test_l1_missing_location_on_regional_type_fails_closed() -> None:
    assert controls(location.check_location(SB, {}, EU)) == ["L1"]


def test_l1_missing_location_on_child_is_fine() -> None:
    assert location.check_location("azure-native:servicebus:Queue", {}, EU) == []


@pytest.mark.parametrize("token", sorted(GLOBAL_TYPES))
def test_l1_global_only_for_global_types(token: str) -> None:
    assert location.check_location(token, {"location": "Global"}, EU) == []


def test_l1_global_on_regional_type_is_violation() -> None:
    assert controls(location.check_location(SB, {"location": "global"}, EU)) == ["L1"]


def test_l1_unknown_location_is_undecided() -> None:
    with pytest.raises(Undecided):
        location.check_location(SB, {"location": UNKNOWN}, EU)


def test_l1_no_boundary_fails_closed_with_howto() -> None:
    [finding] = location.check_location(SB, {"location": "westeurope"}, NONE)
    assert "sovereign:boundary" in finding.message


def test_extra_allowed_regions_extend_boundary() -> None:
    ctx = context_from_config({"boundary": "EU", "extraAllowedRegions": ["Switzerland North"]})
    assert location.check_location(SB, {"location": "switzerlandnorth"}, ctx) == []


def test_custom_region_list_boundary() -> None:
    ctx = context_from_config({"boundary": ["westeurope"]})
    assert location.check_location(SB, {"location": "westeurope"}, ctx) == []
    assert location.check_location(SB, {"location": "northeurope"}, ctx) != []


def test_stack_boundary_fallback_and_policy_config_wins() -> None:
    assert context_from_config({}, stack_boundary="US").inside("eastus")
    assert not context_from_config({"boundary": "EU"}, stack_boundary="US").inside("eastus")


def test_l2_resource_group() -> None:
    rg = "azure-native:resources:ResourceGroup"
    assert location.check_resource_group_location(rg, {"location": "westeurope"}, EU) == []
    assert controls(location.check_resource_group_location(rg, {"location": "eastus"}, EU)) == ["L2"]
    assert location.check_location(rg, {"location": "eastus"}, EU) == []  # L1 leaves RGs to L2


def test_l3_cosmos_locations_normalised() -> None:
    ok = {"locations": [{"locationName": "West Europe"}, {"locationName": "northeurope"}]}
    bad = {"locations": [{"locationName": "West Europe"}, {"locationName": "East US"}]}
    assert location.check_cosmos_locations(COSMOS, ok, EU) == []
    assert controls(location.check_cosmos_locations(COSMOS, bad, EU)) == ["L3"]


# -- residency ------------------------------------------------------------------------------

def test_multi_region_writes() -> None:
    assert residency.check_cosmos_multi_region_writes(COSMOS, {}, EU) == []
    assert residency.check_cosmos_multi_region_writes(COSMOS, {"enableMultipleWriteLocations": False}, EU) == []
    assert controls(residency.check_cosmos_multi_region_writes(
        COSMOS, {"enableMultipleWriteLocations": True}, EU)) == ["G4"]


def test_failover_outside_boundary() -> None:
    inside = {"enableAutomaticFailover": True, "locations": [{"locationName": "westeurope"},
                                                             {"locationName": "northeurope"}]}
    outside = {"enableAutomaticFailover": True, "locations": [{"locationName": "westeurope"},
                                                              {"locationName": "uksouth"}]}
    assert residency.check_cosmos_failover(COSMOS, inside, EU) == []
    assert controls(residency.check_cosmos_failover(COSMOS, outside, EU)) == ["G4"]
    assert residency.check_cosmos_failover(COSMOS, {**outside, "enableAutomaticFailover": False}, EU) == []


@pytest.mark.parametrize("props, region, ok", [
    ({"backupPolicy": {"type": "Continuous"}}, "italynorth", True),
    ({"backupPolicy": {"type": "Periodic", "periodicModeProperties": {"backupStorageRedundancy": "Local"}}},
     "italynorth", True),
    # absent policy = periodic Geo: italynorth has no pair -> cannot stay inside
    ({}, "italynorth", False),
    ({"backupPolicy": {"type": "Periodic"}}, "italynorth", False),
    # westeurope's pair northeurope is inside the EU
    ({"backupPolicy": {"type": "Periodic", "periodicModeProperties": {"backupStorageRedundancy": "Geo"}}},
     "westeurope", True),
])
def test_cosmos_backup(props: dict, region: str, ok: bool) -> None:
    props = {**props, "locations": [{"locationName": region}]}
    assert (residency.check_cosmos_backup(COSMOS, props, EU) == []) is ok


def test_cosmos_geo_backup_from_brazil_leaves_brazil() -> None:
    br = context_from_config({"boundary": "BR"})
    props = {"locations": [{"locationName": "brazilsouth"}]}  # one-way pair to southcentralus
    assert controls(residency.check_cosmos_backup(COSMOS, props, br)) == ["G4"]


@pytest.mark.parametrize("value, loc, ok", [
    ("WithinRegion", "westeurope", True),
    ("WithinGeopair", "westeurope", True),   # pair northeurope inside
    ("WithinGeopair", "italynorth", False),  # no pair
    (None, "westeurope", True),              # absent = the API default WithinGeopair: pair inside
    (None, "italynorth", False),             # absent, and no published pair
    (None, "brazilsouth", False),            # absent, one-way pair out of Brazil (in the EU: outside anyway)
])
def test_eventgrid_data_residency(value, loc: str, ok: bool) -> None:
    props = {"location": loc}
    if value is not None:
        props["dataResidencyBoundary"] = value
    assert (residency.check_eventgrid_residency(TOPIC, props, EU) == []) is ok


def test_eventgrid_residency_remediation() -> None:
    assert residency.remediate_eventgrid_residency(TOPIC, {"location": "westeurope"})["dataResidencyBoundary"] == \
        "WithinRegion"
    assert residency.remediate_eventgrid_residency(TOPIC, {"dataResidencyBoundary": "WithinRegion"}) is None


@pytest.mark.parametrize("sku, loc, ctx, ok", [
    ("Standard_LRS", "italynorth", EU, True),
    ("Standard_ZRS", "westeurope", EU, True),
    ("Standard_GRS", "westeurope", EU, True),     # pair northeurope inside
    ("Standard_RAGZRS", "italynorth", EU, False),  # no pair
    ("Standard_GRS", "eastus", US, True),
    ("Standard_GRS", "brazilsouth", context_from_config({"boundary": "BR"}), False),
    ("StandardV2_GZRS", "swedencentral", context_from_config({"boundary": ["swedencentral"]}), False),
])
def test_storage_sku(sku: str, loc: str, ctx, ok: bool) -> None:
    props = {"sku": {"name": sku}, "location": loc}
    assert (residency.check_storage_replication(STORAGE, props, ctx) == []) is ok


def test_cross_tenant_replication() -> None:
    assert residency.check_cross_tenant_replication(STORAGE, {"allowCrossTenantReplication": False}, EU) == []
    # absent: Azure's default for accounts created since December 2023 is false (no crying wolf)
    assert residency.check_cross_tenant_replication(STORAGE, {}, EU) == []
    assert controls(residency.check_cross_tenant_replication(STORAGE, {"allowCrossTenantReplication": True}, EU)) \
        == ["T6"]


def test_servicebus_geo_replication() -> None:
    ok = {"geoDataReplication": {"locations": [{"locationName": "westeurope", "roleType": "Primary"},
                                               {"locationName": "germanywestcentral", "roleType": "Secondary"}]}}
    bad = {"geoDataReplication": {"locations": [{"locationName": "westeurope", "roleType": "Primary"},
                                                {"locationName": "uksouth", "roleType": "Secondary"}]}}
    assert residency.check_servicebus_geo_replication(SB, {}, EU) == []
    assert residency.check_servicebus_geo_replication(SB, ok, EU) == []
    assert controls(residency.check_servicebus_geo_replication(SB, bad, EU)) == ["G5"]


# -- network / auth -------------------------------------------------------------------------

@pytest.mark.parametrize("token, props, expected", [
    (TOPIC, {"publicNetworkAccess": "Disabled"}, []),
    (TOPIC, {"publicNetworkAccess": "Enabled"}, ["E1"]),
    ("azure-native:eventgrid:Domain", {}, ["E1"]),
    ("azure-native:eventgrid:Namespace", {}, ["E1"]),
    ("azure-native:eventgrid:Namespace", {"publicNetworkAccess": "Enabled"}, ["E1"]),
    ("azure-native:eventgrid:Namespace", {"publicNetworkAccess": "Disabled"}, []),
    (SB, {"publicNetworkAccess": "Disabled"}, []),
    # a perimeter is judged with the stack (network-perimeter-closed), not here
    (SB, {"publicNetworkAccess": "SecuredByPerimeter"}, []),
    ("azure-native:eventgrid:Topic", {"publicNetworkAccess": "SecuredByPerimeter"}, ["E1"]),  # no NSP support
    ("azure-native:servicebus:NamespaceNetworkRuleSet", {}, ["S1"]),
    ("azure-native:eventhub:NamespaceNetworkRuleSet", {"publicNetworkAccess": "Enabled"}, ["H1"]),
    (EH, {"publicNetworkAccess": "disabled"}, []),
    (COSMOS, {}, ["C1"]),
    (STORAGE, {}, ["T1"]),
    (STORAGE, {"publicNetworkAccess": "SecuredByPerimeter"}, []),
    (WEBAPP, {"kind": "functionapp,linux"}, ["F1"]),
    (WEBAPP, {"kind": "functionapp,linux", "publicNetworkAccess": "Disabled"}, []),
    (WEBAPP, {"kind": "app,linux"}, []),  # not a Function App: F1 does not apply
])
def test_public_network_access(token: str, props: dict, expected: list[str]) -> None:
    assert controls(network.check_public_network_access(token, props, EU)) == expected


def test_public_network_access_remediation_only_touches_the_property() -> None:
    fixed = network.remediate_public_network_access(COSMOS, {"locations": [], "publicNetworkAccess": "Enabled"})
    assert fixed == {"locations": [], "publicNetworkAccess": "Disabled"}
    assert network.remediate_public_network_access(COSMOS, {"publicNetworkAccess": "Disabled"}) is None


def test_anonymous_blob_access() -> None:
    container = "azure-native:storage:BlobContainer"
    assert network.check_anonymous_blob_access(STORAGE, {"allowBlobPublicAccess": False}, EU) == []
    # absent: false for accounts created since November 2023 (no crying wolf)
    assert network.check_anonymous_blob_access(STORAGE, {}, EU) == []
    assert controls(network.check_anonymous_blob_access(STORAGE, {"allowBlobPublicAccess": True}, EU)) == ["T2"]
    assert network.check_anonymous_blob_access(container, {}, EU) == []
    assert network.check_anonymous_blob_access(container, {"publicAccess": "None"}, EU) == []
    assert controls(network.check_anonymous_blob_access(container, {"publicAccess": "Container"}, EU)) == ["T2"]


@pytest.mark.parametrize("token, props, expected", [
    (TOPIC, {"disableLocalAuth": False}, ["E2"]),
    (TOPIC, {"disableLocalAuth": True}, []),
    (SB, {}, ["S2"]),
    (EH, {"disableLocalAuth": True}, []),
    (COSMOS, {}, ["C2", "C3"]),
    (COSMOS, {"disableLocalAuth": True, "disableKeyBasedMetadataWriteAccess": True}, []),
    (STORAGE, {}, ["T5"]),
    (STORAGE, {"allowSharedKeyAccess": False}, []),
    (STORAGE, {"allowSharedKeyAccess": "false"}, []),
])
def test_local_auth(token: str, props: dict, expected: list[str]) -> None:
    assert controls(auth.check_local_auth(token, props, EU)) == expected


def test_unknown_public_access_is_undecided_not_a_pass() -> None:
    with pytest.raises(Undecided):
        network.check_public_network_access(COSMOS, {"publicNetworkAccess": UNKNOWN}, EU)


# -- hardening ------------------------------------------------------------------------------

@pytest.mark.parametrize("token, props, expected", [
    (TOPIC, {"minimumTlsVersionAllowed": "1.2"}, []),
    (TOPIC, {"minimumTlsVersionAllowed": "1.1"}, ["E5"]),
    (SB, {"minimumTlsVersion": "1.3"}, []),
    (EH, {}, []),  # absent = 1.2, the ARM default (TLS 1.0/1.1 retired)
    (EH, {"minimumTlsVersion": "1.1"}, ["H3"]),
    (TOPIC, {}, ["E5"]),  # absent = the API default 1.0
    (STORAGE, {}, ["T3"]),
    (COSMOS, {"minimalTlsVersion": "Tls"}, ["C6"]),
    (COSMOS, {"minimalTlsVersion": "Tls12"}, []),
    (STORAGE, {"minimumTlsVersion": "TLS1_0"}, ["T3"]),
    (WEBAPP, {"siteConfig": {"minTlsVersion": "1.2"}}, []),
    (WEBAPP, {"siteConfig": {}}, []),  # absent = 1.2, the App Service default
    (WEBAPP, {"siteConfig": {"minTlsVersion": "1.0"}}, ["F3"]),
])
def test_minimum_tls(token: str, props: dict, expected: list[str]) -> None:
    assert controls(hardening.check_minimum_tls(token, props, EU)) == expected


def test_tls_remediation_uses_the_service_enum() -> None:
    assert hardening.remediate_minimum_tls(COSMOS, {"minimalTlsVersion": "Tls"})["minimalTlsVersion"] == "Tls12"
    assert hardening.remediate_minimum_tls(STORAGE, {})["minimumTlsVersion"] == "TLS1_2"
    assert hardening.remediate_minimum_tls(WEBAPP, {"siteConfig": {"ftpsState": "Disabled", "minTlsVersion": "1.0"}}
                                           )["siteConfig"] == {"ftpsState": "Disabled", "minTlsVersion": "1.2"}
    assert hardening.remediate_minimum_tls(COSMOS, {}) is None  # absent is already Tls12


def test_customer_managed_keys() -> None:
    assert controls(hardening.check_customer_managed_keys(COSMOS, {}, EU)) == ["C5"]
    assert hardening.check_customer_managed_keys(COSMOS, {"keyVaultKeyUri": "https://kv.vault.azure.net/keys/k"}, EU) \
        == []
    assert controls(hardening.check_customer_managed_keys(STORAGE, {"encryption": {"keySource": "Microsoft.Storage"}},
                                                          EU)) == ["T10"]
    assert hardening.check_customer_managed_keys(SB, {"encryption": {"keySource": "Microsoft.KeyVault"}}, EU) == []


def test_protect() -> None:
    assert controls(hardening.check_protected(COSMOS, {}, EU)) == ["DS"]
    assert hardening.check_protected(COSMOS, {}, EU, protect=True) == []
    assert hardening.check_protected(SB, {}, EU) == []


def test_https_only() -> None:
    assert hardening.check_https_only(STORAGE, {}, EU) == []
    assert controls(hardening.check_https_only(STORAGE, {"enableHttpsTrafficOnly": False}, EU)) == ["T4"]
    assert controls(hardening.check_https_only(WEBAPP, {}, EU)) == ["F2"]


# -- config validation ----------------------------------------------------------------------

@pytest.mark.parametrize("config, key", [
    ({"boundary": "ATLANTIS"}, "boundary"),
    ({"boundary": ["westeurope", "narnia"]}, "boundary"),
    ({"boundary": 3}, "boundary"),
    ({"extraAllowedRegions": ["nowhere"]}, "extraAllowedRegions"),
    ({"allowedExternalEndpoints": [{"endpoint": "x.example.com"}]}, "allowedExternalEndpoints[0].region"),
    ({"allowedExternalEndpoints": [{"endpoint": "x.example.com", "region": "mars"}]},
     "allowedExternalEndpoints[0].region"),
    ({"exemptions": [{"urn": "urn:pulumi:s::p::t::n", "reason": "  "}]}, "exemptions[0].reason"),
    ({"exemptions": [{"urn": "not-a-urn", "reason": "r"}]}, "exemptions[0].urn"),
])
def test_bad_config_names_the_key(config: dict, key: str) -> None:
    with pytest.raises(ConfigError) as err:
        context_from_config(config, policy="allowed-locations")
    assert err.value.key == key


def test_rule_table_is_complete() -> None:
    mandatory = {n for n, r in RULES_BY_NAME.items() if r.level == "mandatory"}
    assert {"allowed-locations", "no-public-network-access", "no-local-auth", "eventgrid-data-residency",
            "eventgrid-destinations-in-boundary", "dr-partner-in-boundary"} <= mandatory
    for rule in RULES_BY_NAME.values():
        assert (rule.resource_check is None) != (rule.stack_check is None)
        assert rule.kind == ("resource" if rule.resource_check else "stack")
