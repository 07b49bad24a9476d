"""Wire truth (issue 13 item 7): inputs are captured as the SDK sends them, and every key the
resource's SDK input type does not declare is marked (``unreadableKeys``), derived from the SDK's
declared input names — a dict passed for a union-typed argument goes out with snake_case keys."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from sovereign_components.gate.engine.wire import unreadable_keys
from sovereign_components.gate.sdk import load_schema


def inputs_of(token: str):
    return load_schema().resource(token).inputs


def test_snake_case_keys_in_a_union_typed_argument_are_unreadable():
    spec = inputs_of("azure-native:eventgrid:EventSubscription")
    wire = {"scope": "/x", "destination": {"endpoint_type": "ServiceBusQueue", "resource_id": "/q"},
            "filter": {"advancedFilters": [{"operatorType": "StringIn", "key": "k", "values": ["a"]},
                                           {"operator_type": "StringIn", "key": "k"}]}}
    assert unreadable_keys(wire, spec) == ["destination.endpoint_type", "destination.resource_id",
                                           "filter.advancedFilters[1].operator_type"]


def test_declared_keys_secrets_and_maps_are_readable():
    spec = inputs_of("azure-native:storage:StorageAccount")
    wire = {"kind": "StorageV2", "sku": {"name": "Standard_LRS"}, "tags": {"any_key": "v"},
            "publicNetworkAccess": {"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
                                    "value": "Disabled"},
            "networkRuleSet": {"defaultAction": "Deny", "ip_rules": []}}
    assert unreadable_keys(wire, spec) == ["networkRuleSet.ip_rules"]
    assert unreadable_keys({"anything": 1}, None) == []  # a type no installed SDK declares


def test_the_report_marks_what_the_sdk_sent(tmp_path: Path, capsys):
    from sovereign_components.gate.cli import main

    (tmp_path / "Pulumi.yaml").write_text("name: w\nruntime: python\n")
    (tmp_path / "Pulumi.dev.yaml").write_text("config:\n  azure-native:location: westeurope\n")
    (tmp_path / "__main__.py").write_text(textwrap.dedent('''
        from pulumi_azure_native import eventgrid

        eventgrid.EventSubscription("s", scope="/subscriptions/x/resourceGroups/rg",
                                    destination={"endpoint_type": "ServiceBusQueue", "resource_id": "/q"})
    '''))
    main(["preview", "--cwd", str(tmp_path), "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    sub = next(r for r in report["resources"] if r["name"] == "s")
    # the SDK cannot tell which member of the union the dict is, so it sends the keys as written
    assert sub["inputs"]["destination"] == {"endpoint_type": "ServiceBusQueue", "resource_id": "/q"}
    assert sorted(sub["unreadableKeys"]) == ["destination.endpoint_type", "destination.resource_id"]
