"""``construct`` of each component through the multi-language provider, under the offline
engine's mocks: what the Pulumi engine asks of the plugin when a TypeScript, Go, C#, Java or
YAML program creates ``sovereign:index:<Component>``.

The program (``programs/construct``) passes camelCase inputs with integers as floats (how they
arrive over the wire; pulumi 3.272's own ``int()`` conversion is ineffective) and feeds one
component's construct state into the next. One capture is shared by the module.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sovereign_components.components import provider

PROGRAM = Path(__file__).parent / "programs" / "construct"


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, dict[str, Any]]:
    from sovereign_components.gate.pipeline import capture_program

    out = tmp_path_factory.mktemp("construct") / "states.json"
    capture = capture_program(PROGRAM, "test", config_overrides={"construct:out": str(out)})
    return capture, json.loads(out.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def capture(run: tuple[Any, dict[str, Any]]) -> Any:
    return run[0]


@pytest.fixture(scope="module")
def states(run: tuple[Any, dict[str, Any]]) -> dict[str, Any]:
    return run[1]


def _component(capture: Any, class_name: str, name: str) -> Any:
    (found,) = [r for r in capture.resources if r.type == provider.token(class_name) and r.name == name]
    return found


def _children(capture: Any, parent: Any) -> list[Any]:
    return [r for r in capture.resources if r.parent == parent.urn]


@pytest.mark.parametrize(
    ("class_name", "name", "child_types"),
    [
        ("RegionalEventPlane", "plane", {"azure-native:eventgrid:Topic", "azure-native:servicebus:Namespace",
                                          "azure-native:eventhub:Namespace", "azure-native:web:WebApp",
                                          "sovereign:index:ComplianceDLQ"}),
        ("SovereignEventStore", "store", {"azure-native:cosmosdb:DatabaseAccount",
                                           "azure-native:cosmosdb:SqlResourceSqlContainer"}),
        ("ComplianceDLQ", "dlq", {"azure-native:servicebus:Queue", "azure-native:monitor:MetricAlert",
                                  "azure-native:storage:StorageAccount"}),
    ],
)
def test_construct_registers_the_component_with_its_children(capture: Any, class_name: str, name: str,
                                                              child_types: set[str]) -> None:
    component = _component(capture, class_name, name)
    assert not component.custom
    assert child_types <= {child.type for child in _children(capture, component)}


@pytest.mark.parametrize(("class_name", "prefix"), [("RegionalEventPlane", "plane"), ("SovereignEventStore", "store"),
                                                   ("ComplianceDLQ", "dlq")])
def test_construct_state_carries_every_schema_output(states: dict[str, Any], class_name: str, prefix: str) -> None:
    outputs = set(provider.schema()["resources"][provider.token(class_name)]["properties"])
    returned = {key.split(".", 1)[1] for key in states if key.startswith(f"{prefix}.")}
    assert returned == outputs
    assert all(isinstance(states[f"{prefix}.{key}"], str) and states[f"{prefix}.{key}"] for key in outputs)


def test_integer_inputs_arriving_as_floats_become_integers(capture: Any) -> None:
    """45.0 -> ``P45D``, not ``P45.0D`` (Azure rejects the latter); nested too (30.0 in
    ``complianceDlq``)."""
    queues = {r.name: r.inputs for r in capture.resources if r.type == "azure-native:servicebus:Queue"}
    assert queues["dlq-queue"]["defaultMessageTimeToLive"] == "P45D"
    assert queues["plane-dlq-queue"]["defaultMessageTimeToLive"] == "P30D"
    assert queues["dlq-queue"]["maxDeliveryCount"] == 7
    assert queues["plane-processing-queue"]["maxDeliveryCount"] == 5
    hubs = [r.inputs for r in capture.resources if r.type == "azure-native:eventhub:EventHub"]
    assert [hub["partitionCount"] for hub in hubs] == [4]


def test_one_components_state_feeds_the_next(capture: Any, states: dict[str, Any]) -> None:
    (queue,) = [r for r in capture.resources if r.name == "dlq-queue"]
    assert queue.inputs["namespaceName"] == states["plane.serviceBusNamespaceName"]
    assignments = [r for r in capture.resources if r.type == "azure-native:cosmosdb:SqlResourceSqlRoleAssignment"]
    assert [a.inputs["principalId"] for a in assignments] == [states["plane.processorPrincipalId"]]


#: The construct program's metadata channel destination (another boundary, as in the EU stack).
CHANNEL_DESTINATION = ("/subscriptions/00000000-0000-0000-0000-000000000002/resourceGroups/rg-us"
                       "/providers/Microsoft.ServiceBus/namespaces/us-metadata/topics/inventory")


@pytest.mark.parametrize("allow_listed", [True, False], ids=["allow-listed", "not-allow-listed"])
def test_components_constructed_through_the_provider_pass_the_pack(capture: Any, allow_listed: bool) -> None:
    """With the channel's destination allow-listed with its region (as policy/config.eu.json
    does for the EU stack) nothing is mandatory; without it, exactly the channel is blocked."""
    from sovereign_components.gate.pipeline import analyze, load_policy_pack

    config = {"eventgrid-destinations-in-boundary": {
        "allowedExternalEndpoints": [{"endpoint": CHANNEL_DESTINATION, "region": "eastus"}] if allow_listed else []}}
    result = analyze(capture.resources, load_policy_pack(None), config, project=capture.project,
                     stack=capture.stack, stack_config=capture.config)
    mandatory = [f"{v.policy}: {v.urn}" for v in result.violations if v.enforcement_level == "mandatory"]
    (channel,) = [r.urn for r in capture.resources if r.name == "plane-inventory-metadata"]
    assert mandatory == ([] if allow_listed else [f"eventgrid-destinations-in-boundary: {channel}"])


def test_unknown_token_and_missing_required_input_are_rejected() -> None:
    from pulumi.errors import InputPropertyError

    built = provider.build_provider()
    with pytest.raises(ValueError, match="invalid provider"):
        built.construct("x", "other:index:ComplianceDLQ", {}, None)
    # Required inputs are checked against the schema before the component runs.
    with pytest.raises(InputPropertyError, match="alertEmail"):
        built.construct("x", provider.token("ComplianceDLQ"), {
            "location": "westeurope", "resourceGroupName": "rg", "boundary": "EU",
            "serviceBusNamespaceName": "ns", "serviceBusNamespaceId": "/ns",
        }, None)
