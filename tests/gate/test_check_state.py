"""``sovereign check-state``: stack exports (v2 and v3 tokens) and preview --json files, secrets,
providers, exit codes and the one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sovereign_components.gate.cli import main
from sovereign_components.gate.model import UNKNOWN
from sovereign_components.gate.state import SECRET_SIG, SIG_KEY, load_state, parse_state, parse_urn

from .conftest import EU_CONFIG, EXTERNAL_PACK, STATE

V2_EXPORT = STATE / "eu-v2-public-multiregion-cosmos.export.json"
V3_EXPORT = STATE / "eu-v3-private.export.json"
PREVIEW = STATE / "us-preview.json"
COSMOS_URN = ("urn:pulumi:eu::sovereign-events::sovereign:index:SovereignEventStore"
              "$azure-native:documentdb:DatabaseAccount::events-cosmos")


# -- parsing ---------------------------------------------------------------------------------
def test_urn_parts():
    assert parse_urn(COSMOS_URN) == ("eu", "sovereign-events", "azure-native:documentdb:DatabaseAccount",
                                     "events-cosmos")
    assert parse_urn("urn:pulumi:s::p::t::a::b")[3] == "a::b"  # names may hold '::'
    with pytest.raises(ValueError):
        parse_urn("not-a-urn")


def test_export_keeps_tokens_structure_and_identity():
    state = load_state(V2_EXPORT)
    assert (state.project, state.stack, state.kind) == ("sovereign-events", "eu", "export")
    by_urn = {r.urn: r for r in state.resources}
    cosmos = by_urn[COSMOS_URN]
    assert cosmos.type == "azure-native:documentdb:DatabaseAccount"  # v2 token kept as deployed
    assert cosmos.parent.endswith("sovereign:index:SovereignEventStore::events")
    assert cosmos.property_dependencies["resourceGroupName"] == [
        "urn:pulumi:eu::sovereign-events::azure-native:resources:ResourceGroup::sov-eu-rg"]
    assert cosmos.provider.startswith("urn:pulumi:eu::sovereign-events::pulumi:providers:azure-native::default_2_90_0::")
    assert [loc["locationName"] for loc in cosmos.inputs["locations"]] == ["westeurope", "eastus"]
    assert not by_urn["urn:pulumi:eu::sovereign-events::sovereign:index:SovereignEventStore::events"].custom


def test_encrypted_secrets_become_unknown_and_are_noted():
    state = load_state(V2_EXPORT)
    settings = next(r for r in state.resources if r.type == "azure-native:web:WebAppApplicationSettings")
    assert settings.inputs["properties"] == {SIG_KEY: SECRET_SIG, "value": UNKNOWN}
    assert any("2 encrypted secret" in n for n in state.notes)


def test_plaintext_secrets_are_decoded():
    state = load_state(V3_EXPORT)
    settings = next(r for r in state.resources if r.type == "azure-native:web:WebAppApplicationSettings")
    assert settings.inputs["properties"][SIG_KEY] == SECRET_SIG
    assert settings.inputs["properties"]["value"]["DEPLOYMENT_REGION"] == "westeurope"
    assert state.notes == []


def test_preview_json_uses_new_state_and_drops_deletes():
    state = load_state(PREVIEW)
    assert (state.project, state.stack, state.kind) == ("sovereign-events", "us", "preview")
    names = {r.name for r in state.resources}
    assert "legacy" not in names  # op delete: gone after the update
    assert {"ingest", "archive", "sov-us-rg"} <= names
    assert state.config["azure-native:location"] == "eastus"


def test_resource_references_become_ids():
    doc = {"version": 3, "deployment": {"resources": [{
        "urn": "urn:pulumi:s::p::azure-native:x:Y::a", "custom": True, "type": "azure-native:x:Y",
        "inputs": {"target": {SIG_KEY: "5cf8f73096256a8f31e491e813e4eb8e", "urn": "urn:pulumi:s::p::t::b",
                              "id": "/subscriptions/0/b"}}}]}}
    assert parse_state(doc).resources[0].inputs["target"] == "/subscriptions/0/b"


@pytest.mark.parametrize("doc, needle", [
    ({"version": 2, "deployment": {"resources": []}}, "deployment version 2"),
    ({"hello": 1}, "neither a `pulumi stack export`"),
    ({"version": 3, "deployment": {"resources": []}}, "holds no resources"),
    ({"version": 3, "deployment": {"resources": [{"urn": "bogus"}]}}, "deployment.resources[0]"),
])
def test_bad_documents_are_usage_errors(doc, needle):
    from sovereign_components.errors import UsageError

    with pytest.raises(UsageError, match=None) as info:
        parse_state(doc, "f.json")
    assert needle in str(info.value) and str(info.value).startswith("f.json: ")


# -- the command -----------------------------------------------------------------------------
def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["check-state", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_public_multiregion_cosmos_fails_and_names_both_problems(capsys):
    code, out, _ = _run(capsys, str(V2_EXPORT), "--policy-pack-config", str(EU_CONFIG), "--format", "json")
    assert code == 1
    report = json.loads(out)
    on_cosmos = {v["policy"]: v for v in report["violations"] if v["urn"] == COSMOS_URN}
    # public network access (C1) and a replica outside the EU boundary (L3), both mandatory
    assert on_cosmos["no-public-network-access"]["enforcementLevel"] == "mandatory"
    assert "publicNetworkAccess" in on_cosmos["no-public-network-access"]["message"]
    assert on_cosmos["cosmos-allowed-locations"]["enforcementLevel"] == "mandatory"
    assert "eastus" in on_cosmos["cosmos-allowed-locations"]["message"]
    assert report["project"] == "sovereign-events" and report["stack"] == "eu"


def test_private_single_region_v3_state_passes(capsys, tmp_path: Path):
    # The fixture also holds a queue in a namespace outside the stack ('orphan', for the external
    # pack's queues-need-namespace rule), which the built-in pack rightly fails closed: audit the
    # stack without it.
    doc = json.loads(V3_EXPORT.read_text())
    doc["deployment"]["resources"] = [r for r in doc["deployment"]["resources"] if not r["urn"].endswith("::orphan")]
    private = tmp_path / "private.json"
    private.write_text(json.dumps(doc))
    code, out, _ = _run(capsys, str(private), "--policy-pack-config", str(EU_CONFIG), "--format", "json")
    report = json.loads(out)
    assert [v for v in report["violations"] if v["enforcementLevel"] == "mandatory"] == []
    assert code == 0


def _recorder_pack(tmp_path: Path) -> Path:
    """A pack whose resource and stack policies report every type they are shown."""
    pack = tmp_path / "recorder"
    pack.mkdir()
    (pack / "PulumiPolicy.yaml").write_text("runtime: python\nversion: 0.1.0\n")
    (pack / "__main__.py").write_text(
        "from pulumi_policy import PolicyPack, ResourceValidationPolicy, StackValidationPolicy\n"
        "def seen(args, report):\n"
        "    report('resource ' + args.resource_type)\n"
        "def seen_stack(args, report):\n"
        "    for r in args.resources:\n"
        "        report('stack ' + r.resource_type, r.urn)\n"
        "PolicyPack('recorder', [ResourceValidationPolicy('per-resource', 'd', seen),\n"
        "                        StackValidationPolicy('per-stack', 'd', seen_stack)])\n")
    return pack


def test_providers_reach_stack_policies_only(tmp_path: Path, capsys):
    code, out, _ = _run(capsys, str(V3_EXPORT), "--policy-pack", str(_recorder_pack(tmp_path)), "--format", "json")
    report = json.loads(out)
    per_resource = {v["message"].rsplit(" ", 1)[-1] for v in report["violations"] if v["policy"] == "per-resource"}
    per_stack = {v["message"].rsplit(" ", 1)[-1] for v in report["violations"] if v["policy"] == "per-stack"}
    assert "pulumi:providers:azure-native" not in per_resource
    assert "pulumi:pulumi:Stack" not in per_resource
    assert {"pulumi:providers:azure-native", "pulumi:pulumi:Stack"} <= per_stack
    assert "azure-native:servicebus:Queue" in per_resource
    assert code == 0  # the pack's default level is advisory


def test_strict_turns_undecided_into_failure(tmp_path: Path, capsys):
    # A policy reading an encrypted secret cannot decide: with --strict that fails the audit.
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "PulumiPolicy.yaml").write_text("runtime: python\nversion: 0.1.0\n")
    (pack / "__main__.py").write_text(
        "from pulumi_policy import PolicyPack, ResourceValidationPolicy\n"
        "def v(args, report):\n"
        "    if args.resource_type == 'azure-native:web:WebAppApplicationSettings':\n"
        "        if 'AzureWebJobsStorage' in args.props['properties']:\n"
        "            report('connection string in app settings')\n"
        "PolicyPack('secrets', [ResourceValidationPolicy('no-conn-strings', 'd', v)])\n")
    code, out, _ = _run(capsys, str(V2_EXPORT), "--policy-pack", str(pack), "--format", "json")
    report = json.loads(out)
    assert report["summary"]["undecided"] == 1 and code == 0
    code, _, _ = _run(capsys, str(V2_EXPORT), "--policy-pack", str(pack), "--format", "json", "--strict")
    assert code == 1


@pytest.mark.parametrize("argv, needle", [
    (["missing.json"], "missing.json: state file not found"),
    ([str(V3_EXPORT), "--policy-pack-config", "nope.json"], "nope.json: policy pack config file not found"),
    ([str(V3_EXPORT), "--policy-pack", "no-such-pack"], "no-such-pack"),
])
def test_errors_exit_2_with_one_line(capsys, argv, needle):
    code, _, err = _run(capsys, *argv)
    assert code == 2
    assert needle in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_not_json_names_the_file(tmp_path: Path, capsys):
    bad = tmp_path / "state.json"
    bad.write_text("{ not json")
    code, _, err = _run(capsys, str(bad))
    assert code == 2 and f"{bad}: not JSON" in err


def test_output_writes_the_report_and_prints_the_summary(tmp_path: Path, capsys):
    target = tmp_path / "audit.json"
    code, out, err = _run(capsys, str(V2_EXPORT), "--policy-pack-config", str(EU_CONFIG),
                          "--format", "json", "--output", str(target))
    assert code == 1 and out == ""
    report = json.loads(target.read_text())
    assert report["summary"]["mandatory"] >= 2
    assert f"{report['summary']['mandatory']} mandatory" in err


def test_output_into_a_missing_directory_is_refused_as_preview_does(tmp_path: Path, capsys):
    target = tmp_path / "no-such-dir" / "audit.json"
    code, _, err = _run(capsys, str(V3_EXPORT), "--output", str(target))
    assert code == 2 and "does not exist" in err and not target.parent.exists()


def test_a_resource_without_the_custom_key_is_audited_fail_closed(tmp_path: Path, capsys):
    """A hand-made or foreign export that omits ``custom`` must not let a resource skip the
    per-resource policies (a public, out-of-boundary storage account would pass as a component)."""
    urn = "urn:pulumi:eu::proj::azure-native:storage:StorageAccount::sa"
    doc = {"version": 3, "deployment": {"resources": [
        {"urn": "urn:pulumi:eu::proj::pulumi:pulumi:Stack::proj-eu", "type": "pulumi:pulumi:Stack", "custom": False},
        {"urn": urn, "type": "azure-native:storage:StorageAccount", "id": "/subscriptions/s/x",
         "inputs": {"location": "eastus"}, "outputs": {"location": "eastus"}},
    ]}}
    state = tmp_path / "state.json"
    state.write_text(json.dumps(doc))
    code, out, _ = _run(capsys, str(state), "--policy-pack-config", str(EU_CONFIG), "--format", "json")
    report = json.loads(out)
    mandatory = {v["policy"] for v in report["violations"] if v["urn"] == urn and v["enforcementLevel"] == "mandatory"}
    assert code == 1 and "allowed-locations" in mandatory


# -- malformed input: exit 2 naming the resource and the field ---------------------------------
SA_URN = "urn:pulumi:eu::proj::azure-native:storage:StorageAccount::sa"
STACK_URN = "urn:pulumi:eu::proj::pulumi:pulumi:Stack::proj-eu"
PROVIDER_REF = "urn:pulumi:eu::proj::pulumi:providers:azure-native::default::0b8e2b1c"


def _export(**fields) -> dict:
    resource = {"urn": SA_URN, "custom": True, "type": "azure-native:storage:StorageAccount",
                "inputs": {"location": "westeurope"}, "outputs": {}}
    resource.update(fields)
    return {"version": 3, "deployment": {"resources": [
        {"urn": STACK_URN, "custom": False, "type": "pulumi:pulumi:Stack"}, resource]}}


MALFORMED_FIELDS = [
    ({"dependencies": 5}, "dependencies", "a list of URNs"),
    ({"dependencies": ["not-a-urn"]}, "dependencies", "a list of URNs"),
    ({"dependencies": [5]}, "dependencies", "a list of URNs"),
    ({"parent": {}}, "parent", "a URN"),
    ({"parent": "urn:pulumi:eu::proj::t"}, "parent", "a URN"),
    ({"type": 1}, "type", "a non-empty type token"),
    ({"type": None}, "type", "a non-empty type token"),
    ({"custom": None}, "custom", "true or false"),
    ({"custom": "yes"}, "custom", "true or false"),
    ({"inputs": []}, "inputs", "an object"),
    ({"outputs": "x"}, "outputs", "an object"),
    ({"propertyDependencies": []}, "propertyDependencies", "an object mapping"),
    ({"propertyDependencies": {"location": "urn:pulumi:eu::proj::t::x"}}, "propertyDependencies", "lists of URNs"),
    ({"propertyDependencies": {"location": [None]}}, "propertyDependencies", "lists of URNs"),
    ({"protect": "true"}, "protect", "true or false"),
    ({"delete": 1}, "delete", "true or false"),
    ({"id": 7}, "id", "a string"),
    ({"provider": {"urn": "x"}}, "provider", "'<provider URN>::<provider id>'"),
    ({"provider": "urn:pulumi:eu::proj::azure-native:storage:StorageAccount::sa::id"}, "provider", "<provider URN>"),
    ({"aliases": "urn:pulumi:eu::proj::t::old"}, "aliases", "a list of URNs"),
]


@pytest.mark.parametrize(("fields", "field", "expected"), MALFORMED_FIELDS,
                         ids=[f"{i}-{c[1]}" for i, c in enumerate(MALFORMED_FIELDS)])
def test_a_malformed_field_names_the_resource_and_the_field(fields, field, expected):
    from sovereign_components.errors import UsageError

    with pytest.raises(UsageError) as info:
        parse_state(_export(**fields), "state.json")
    message = str(info.value)
    assert message.startswith(f"state.json: deployment.resources[1] ({SA_URN}): field '{field}' must be ")
    assert expected in message


@pytest.mark.parametrize(("urn", "fragment"), [
    ("urn:pulumi:eu::proj::azure-native:storage:StorageAccount", "not a Pulumi URN"),   # no name
    ("urn:pulumi:::proj::t::n", "not a Pulumi URN"),                                    # empty stack
    ("urn:pulumi:eu::proj::::n", "not a Pulumi URN"),                                   # empty type
    (5, "not a Pulumi URN"),
    (None, "not a Pulumi URN"),
])
def test_a_bad_urn_names_the_resource_index(urn, fragment):
    from sovereign_components.errors import UsageError

    with pytest.raises(UsageError) as info:
        parse_state(_export(urn=urn), "state.json")
    assert str(info.value).startswith("state.json: deployment.resources[1]: field 'urn': ")
    assert fragment in str(info.value)


def test_a_type_that_contradicts_the_urn_is_refused():
    """``type: pulumi:pulumi:Stack`` on a storage account's URN would hide it from the
    per-resource policies: which one is true is not for the audit to guess."""
    from sovereign_components.errors import UsageError

    with pytest.raises(UsageError, match=r"field 'type' is 'pulumi:pulumi:Stack' but the URN names the type "
                                         r"'azure-native:storage:StorageAccount'"):
        parse_state(_export(type="pulumi:pulumi:Stack"), "state.json")


@pytest.mark.parametrize(("doc", "needle"), [
    ({"version": True, "deployment": {"resources": []}}, "deployment version True"),
    ({"version": 3, "deployment": {"resources": {}}}, "'deployment.resources' must be a list"),
    ({"version": 3, "deployment": {"resources": [5]}}, "deployment.resources[0] must be an object"),
    ({"steps": [{"op": "create", "urn": SA_URN}]}, "op 'create' needs a 'newState' object"),
    ({"steps": [{"op": 3, "urn": SA_URN}]}, "field 'op' must be a string"),
    ({"steps": [{"op": "same", "urn": SA_URN, "newState": {"urn": STACK_URN}}]}, "but newState.urn is"),
    ({"steps": {}}, "'steps' must be a list"),
    ({"steps": [{"op": "same", "urn": SA_URN, "newState": {"custom": True}}], "config": []},
     "'config' must be an object"),
])
def test_malformed_documents_name_what_is_wrong(doc, needle):
    from sovereign_components.errors import UsageError

    with pytest.raises(UsageError) as info:
        parse_state(doc, "state.json")
    assert needle in str(info.value) and str(info.value).startswith("state.json: ")


def test_resources_of_two_stacks_or_one_urn_twice_are_refused():
    from sovereign_components.errors import UsageError

    doc = _export()
    doc["deployment"]["resources"].append({"urn": "urn:pulumi:us::proj::azure-native:x:Y::b", "custom": True})
    with pytest.raises(UsageError, match="belongs to stack 'us'"):
        parse_state(doc, "state.json")
    doc = _export()
    doc["deployment"]["resources"].append(dict(doc["deployment"]["resources"][1]))
    with pytest.raises(UsageError, match="appears twice"):
        parse_state(doc, "state.json")


def test_a_replaced_resource_pending_deletion_is_still_validated_but_not_audited():
    doc = _export()
    doc["deployment"]["resources"].append({**doc["deployment"]["resources"][1], "delete": True,
                                           "inputs": {"location": "eastus"}})
    state = parse_state(doc, "state.json")
    assert [r.inputs.get("location") for r in state.resources if r.urn == SA_URN] == ["westeurope"]
    doc["deployment"]["resources"][-1]["dependencies"] = 5
    with pytest.raises(Exception, match="field 'dependencies'"):
        parse_state(doc, "state.json")


def test_outputs_and_aliases_are_kept_for_analysis():
    state = parse_state(_export(inputs=None, outputs={"location": "eastus"},
                                aliases=["urn:pulumi:eu::proj::azure-native:storage:StorageAccount::old"]))
    sa = next(r for r in state.resources if r.urn == SA_URN)
    assert sa.inputs == {} and sa.outputs == {"location": "eastus"}
    assert sa.aliases == ["urn:pulumi:eu::proj::azure-native:storage:StorageAccount::old"]


BOUNDS = [
    ("[" * 900 + "]" * 900, "nested deeper than 100 levels"),
    ('{"version": 3, "deployment": {"resources": [' + '{"a": ' * 900 + "1" + "}" * 900 + "]}}",
     "nested deeper than 100 levels"),
    ('{"version": 3, "n": ' + "7" * 5000 + "}", "integer with 5,000 digits"),
    ('{"version": 3, "n": -' + "7" * 5000 + "}", "integer with 5,000 digits"),
    ('{"version": 3, "n": NaN}', "NaN is not a JSON number"),
    ('{"version": 3, "n": -Infinity}', "-Infinity is not a JSON number"),
    ('{"version": 3, "n": 1e999}', "too large"),
    ('{"version": 3, "version": 4}', "duplicate key 'version'"),
    ("[" * 100_000 + "]" * 100_000, "nested deeper"),
]


@pytest.mark.parametrize(("text", "needle"), BOUNDS, ids=[b[1][:30] + str(i) for i, b in enumerate(BOUNDS)])
def test_hostile_json_is_exit_2_without_a_traceback(tmp_path: Path, capsys, text, needle):
    state = tmp_path / "state.json"
    state.write_text(text)
    code, out, err = _run(capsys, str(state))
    assert code == 2 and out == ""
    assert err.startswith(f"sovereign check-state: error: {state}: ") and needle in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_secret_plaintext_is_read_within_the_same_bounds():
    from sovereign_components.errors import UsageError

    deep = {SIG_KEY: SECRET_SIG, "plaintext": "[" * 500 + "]" * 500}
    with pytest.raises(UsageError, match=r"\(urn:pulumi:eu::proj::azure-native:storage:StorageAccount::sa\): "
                                         r"a secret's plaintext: JSON nested deeper"):
        parse_state(_export(inputs={"x": deep}), "state.json")
    with pytest.raises(UsageError, match="must be JSON text"):
        parse_state(_export(inputs={"x": {SIG_KEY: SECRET_SIG, "plaintext": 5}}), "state.json")


# -- the JSON report as input ----------------------------------------------------------------------
def _report(**fields) -> dict:
    resource = {"urn": SA_URN, "type": "azure-native:storage:StorageAccount", "name": "sa", "parent": STACK_URN,
                "inputs": {"location": "westeurope"}, "protect": False, "dependencies": [], "propertyDependencies": {},
                "custom": True, "id": "/subscriptions/s/sa", "provider": PROVIDER_REF, "aliases": [],
                "outputs": {"primaryLocation": "westeurope"}, "external": False, "unreadableKeys": ["locaton"]}
    resource.update(fields)
    return {"project": "proj", "stack": "eu", "policyPack": {"name": "p", "version": "1"},
            "resources": [{"urn": STACK_URN, "type": "pulumi:pulumi:Stack", "name": "proj-eu", "custom": False},
                          resource],
            "violations": [], "summary": {}, "config": {"sovereign:boundary": "EU", "sovereign:tags": {"a": "b"}}}


def test_a_json_report_is_read_with_every_field_the_analysis_read():
    state = parse_state(_report(), "report.json")
    assert (state.kind, state.project, state.stack) == ("report", "proj", "eu")
    sa = next(r for r in state.resources if r.urn == SA_URN)
    assert (sa.unreadable_keys, sa.external, sa.provider) == (["locaton"], False, PROVIDER_REF)
    assert sa.outputs == {"primaryLocation": "westeurope"}
    assert state.config == {"sovereign:boundary": "EU", "sovereign:tags": '{"a": "b"}'}


@pytest.mark.parametrize(("doc", "needle"), [
    (_report(name="other"), "field 'name' is 'other' but the URN names 'sa'"),
    (_report(external="no"), "field 'external' must be true or false"),
    (_report(unreadableKeys="locaton"), "field 'unreadableKeys' must be a list of strings"),
    ({**_report(), "stack": "us"}, "'stack' is 'us' but the resources belong to 'eu'"),
    ({**_report(), "resources": {}}, "'resources' must be a list"),
    ({**_report(), "steps": []}, "holds the keys of several formats"),
])
def test_a_malformed_report_is_refused(doc, needle):
    from sovereign_components.errors import UsageError

    with pytest.raises(UsageError) as info:
        parse_state(doc, "report.json")
    assert needle in str(info.value)


# -- a preview report is a lossless audit input: aliases and external marks (issue 13 follow-up 6)
def test_check_state_of_a_preview_report_gives_policies_the_same_aliases_and_external_marks(
        tmp_path: Path, capsys):
    """``sovereign preview --format json`` of a program with aliases and a read resource, then
    ``check-state`` of that report with the probe pack: the policies are told the same alias
    URNs (``opts.aliases``) for every resource, and the same resources are read, not created."""
    from sovereign_components.gate.pipeline import analyze, capture_program, load_policy_pack

    fixtures = Path(__file__).resolve().parents[1] / "fixtures"
    program = tmp_path / "prog"
    program.mkdir()
    (program / "Pulumi.yaml").write_text("name: aliased\nruntime: python\n")
    (program / "Pulumi.dev.yaml").write_text("config:\n  azure-native:location: westeurope\n")
    (program / "__main__.py").write_text(
        "import pulumi\n"
        "from pulumi_azure_native import resources, storage\n"
        "storage.StorageAccount.get('old-account', '/subscriptions/6b0a4c1e-9d3f-4a27-8f5e-2c7b9d1e0f43/"
        "resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/old')\n"
        "resources.ResourceGroup('rg', opts=pulumi.ResourceOptions(aliases=[pulumi.Alias(name='legacy-rg'),\n"
        "    'urn:pulumi:dev::aliased::azure-native:resources:ResourceGroup::older-rg']))\n")
    report_path = tmp_path / "report.json"
    code = main(["preview", "--cwd", str(program), "--stack", "dev", "--policy-pack", str(fixtures / "packs" / "probe"),
                 "--format", "json", "--output", str(report_path)])
    capsys.readouterr()
    assert code == 0
    state = load_state(report_path)
    capture = capture_program(program, "dev")
    by_urn = {r.urn: r for r in state.resources}
    for r in capture.resources:
        assert by_urn[r.urn].aliases == r.aliases and by_urn[r.urn].external == r.external, r.urn
    rg = next(r for r in state.resources if r.name == "rg")
    # the program's two aliases (the SDK adds one per older API version of the type)
    assert {a.rsplit("::", 1)[1] for a in rg.aliases} >= {"legacy-rg", "older-rg"}

    pack = load_policy_pack(fixtures / "packs" / "probe")

    def told(resources, deployed):
        result = analyze(resources, pack, project="aliased", stack="dev", deployed=deployed)
        return sorted((v.urn, v.message.rsplit("alias=", 1)[1]) for v in result.violations if v.policy == "aliases")

    assert told(state.resources, True) == told(capture.resources, False) != []
