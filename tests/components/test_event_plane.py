"""RegionalEventPlane under mocks: every default (each test fails if its default is removed),
overrides, metadata channels, parentage, outputs, and invalid arguments rejected before any
resource registers.

Positive cases run one program with three planes through the offline engine (one capture for
the whole module); invalid-argument cases count registrations with a bare MockMonitor.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pulumi
import pytest

from sovereign_components.events import names as contract
from sovereign_components.components import wiring
from sovereign_components.geo.boundary import get_boundary
from sovereign_components.errors import ComponentArgumentError

EMAIL = "security-team@contoso.eu"
US_TOPIC = "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-us/providers/Microsoft.ServiceBus/namespaces/us-sb/topics/metadata"
WORKSPACE_ID = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-eu/providers/Microsoft.OperationalInsights/workspaces/central-eu"
SUBNET = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-eu/providers/Microsoft.Network/virtualNetworks/vnet/subnets"

KEY_URI = "https://kv-eu.vault.azure.net/keys/events"
PUBLISHER = "7c5e2f0a-1b2c-4d3e-8f9a-0b1c2d3e4f5a"
CMK_IDENTITY = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-eu/providers/Microsoft.ManagedIdentity/userAssignedIdentities/cmk"

PROGRAM = f'''
import pulumi
from pulumi_azure_native import cosmosdb
from sovereign_components.components.event_plane import RegionalEventPlane

# A store "managed elsewhere" (not a SovereignEventStore): the private plane grants itself.
store = cosmosdb.DatabaseAccount("managed-store", account_name="eu-managed-store", resource_group_name="rg-store",
                                 location="northeurope", database_account_offer_type="Standard",
                                 locations=[{{"location_name": "northeurope", "failover_priority": 0}}])

base = {{"resource_group_name": "rg-eu", "boundary": "EU", "alert_email": "{EMAIL}"}}
RegionalEventPlane("eu", {{**base, "location": "West Europe"}})
RegionalEventPlane("custom", {{
    **base,
    "location": "germanynorth",
    "service_bus_sku": "Standard",
    "capture_enabled": False,
    "event_hub_partition_count": 4.0,
    "processing_queue_name": "orders-queue",
    "processors": [{{"name": "orders", "included_event_types": ["OrderPlaced", "OrderCancelled"]}},
                   {{"name": "audit", "endpoint_type": "AzureFunction"}}],
    "event_store": {{"account_name": "eu-event-store", "database_name": "events", "container_name": "event-store"}},
    "compliance_dlq": {{"queue_name": "violations", "retention_days": 365.0}},
    "metadata_channels": [
        {{"name": "meta-to-us", "destination_resource_id": "{US_TOPIC}"}},
        {{"name": "meta-public", "destination_resource_id": "{US_TOPIC}", "endpoint_type": "ServiceBusQueue",
          "classifications": ["Public"], "grant_sender_role": False}},
    ],
    "function_package": pulumi.AssetArchive({{"host.json": pulumi.StringAsset("{{}}")}}),
    "tags": {{"cost-center": "events"}},
}})
RegionalEventPlane("private", {{
    **base,
    "location": "northeurope",
    "diagnostic_settings": {{"workspace_id": "{WORKSPACE_ID}"}},
    "private_endpoints": {{"subnet_id": "{SUBNET}/pe", "virtual_network_id": "/vnet"}},
    "function_subnet_id": "{SUBNET}/functions",
    "function_package_url": "https://pkgeu.blob.core.windows.net/releases/app.zip",
    "lock": {{"kind": "CanNotDelete"}},
    "protect": True,
    "customer_managed_key": {{"key_vault_key_uri": "{KEY_URI}", "user_assigned_identity_id": "{CMK_IDENTITY}"}},
    "event_store": {{"account_name": "eu-managed-store", "database_name": "events", "container_name": "event-store",
                    "grant_data_access": True, "account_id": store.id}},
    "metadata_channels": [{{"name": "meta-private", "destination_resource_id": "{US_TOPIC}", "grant_sender_role": False}}],
    "metadata_publisher_principal_id": "{PUBLISHER}",
}})
'''

PLANE = "sovereign:index:RegionalEventPlane"


@pytest.fixture(scope="module")
def capture(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from sovereign_components.gate.pipeline import capture_program

    directory: Path = tmp_path_factory.mktemp("plane-program")
    (directory / "Pulumi.yaml").write_text("name: plane-test\nruntime: python\n")
    (directory / "Pulumi.test.yaml").write_text("config: {}\n")
    (directory / "__main__.py").write_text(textwrap.dedent(PROGRAM))
    return capture_program(directory, "test")


class Plane:
    """The resources of one plane (the component and its direct children), by name suffix."""

    def __init__(self, capture: Any, name: str) -> None:
        (self.component,) = [r for r in capture.resources if r.type == PLANE and r.name == name]
        self.name = name
        self.children = [r for r in capture.resources if r.parent == self.component.urn]
        self.by_name = {r.name.removeprefix(f"{name}-"): r for r in self.children}

    def __getitem__(self, suffix: str) -> Any:
        return self.by_name[suffix]

    def of_type(self, token_suffix: str) -> list[Any]:
        return [r for r in self.children if r.type == f"azure-native:{token_suffix}"]

    def setting(self, key: str) -> Any:
        settings = {s["name"]: s["value"] for s in self["functions"].inputs["siteConfig"]["appSettings"]}
        return settings[key] if key in settings else None

    def app_settings(self) -> dict[str, Any]:
        return {s["name"]: s["value"] for s in self["functions"].inputs["siteConfig"]["appSettings"]}


@pytest.fixture(scope="module")
def eu(capture: Any) -> Plane:
    return Plane(capture, "eu")


@pytest.fixture(scope="module")
def custom(capture: Any) -> Plane:
    return Plane(capture, "custom")


@pytest.fixture(scope="module")
def private(capture: Any) -> Plane:
    return Plane(capture, "private")


def role_id(name: str) -> str:
    return wiring.role_guid(name)


def assignments(plane: Plane) -> dict[str, Any]:
    return {r.name.removeprefix(f"{plane.name}-"): r for r in plane.of_type("authorization:RoleAssignment")}


# --- structure ---------------------------------------------------------------------------


def test_children_are_parented_to_the_component(capture: Any, eu: Plane) -> None:
    plane_urns = {r.urn for r in capture.resources if r.type == PLANE}
    by_urn = {r.urn: r for r in capture.resources}
    for resource in capture.resources:
        if resource.type in (PLANE, "pulumi:pulumi:Stack") or resource.name == "managed-store":
            continue
        chain, parent = [], resource.parent
        while parent and parent not in plane_urns:
            chain.append(parent)
            parent = by_urn[parent].parent
        assert parent in plane_urns, f"{resource.name} is not under a RegionalEventPlane"
    assert all(r.name.startswith("eu-") for r in eu.children)


def test_plane_creates_every_service(eu: Plane) -> None:
    types = {r.type.removeprefix("azure-native:") for r in eu.children}
    assert types >= {
        "operationalinsights:Workspace", "eventgrid:Topic", "eventgrid:EventSubscription",
        "servicebus:Namespace", "servicebus:Queue", "eventhub:Namespace", "eventhub:EventHub",
        "storage:StorageAccount", "storage:BlobContainer", "storage:Blob", "web:AppServicePlan",
        "web:WebApp", "authorization:RoleAssignment", "monitor:DiagnosticSetting", "servicebus:NamespaceNetworkRuleSet",
    }
    assert eu["dlq"].type == "sovereign:index:ComplianceDLQ"


def test_outputs_registered(eu: Plane) -> None:
    out = eu.component.outputs
    assert out["topic_id"] == eu["topic"].id
    assert out["topic_name"] == eu["topic"].inputs["topicName"]
    assert out["service_bus_namespace_id"] == eu["servicebus"].id
    assert out["service_bus_namespace_name"] == eu["servicebus"].inputs["namespaceName"]
    assert out["service_bus_fqdn"] == f"{eu['servicebus'].inputs['namespaceName']}.servicebus.windows.net"
    assert out["processing_queue_name"] == "sovereign-events"
    assert out["event_hub_namespace_name"] == eu["eventhubs"].inputs["namespaceName"]
    assert out["event_hub_name"] == eu["eventhub"].inputs["eventHubName"] == "events"
    assert out["function_app_name"] == eu["functions"].inputs["name"]
    assert out["function_app_id"] == eu["functions"].id
    assert out["storage_account_name"] == eu["storage"].inputs["accountName"]
    assert out["workspace_id"] == eu["logs"].id
    assert out["processor_principal_id"] == eu["functions"].outputs["identity"]["principalId"]


# --- location ----------------------------------------------------------------------------


def test_every_regional_child_is_in_the_plane_region(capture: Any) -> None:
    expected = {"eu": "westeurope", "custom": "germanynorth", "private": "northeurope"}
    global_types = {"azure-native:privatedns:PrivateZone", "azure-native:privatedns:VirtualNetworkLink"}
    for plane, region in expected.items():
        for r in Plane(capture, plane).children:
            if r.type in global_types:
                assert r.inputs["location"] == "global"
            elif "location" in r.inputs:
                assert r.inputs["location"] == region, r.name
    located = {r.type for r in Plane(capture, "eu").children if "location" in r.inputs}
    assert located >= {"azure-native:eventgrid:Topic", "azure-native:servicebus:Namespace", "azure-native:eventhub:Namespace",
                       "azure-native:storage:StorageAccount", "azure-native:web:WebApp", "azure-native:web:AppServicePlan",
                       "azure-native:operationalinsights:Workspace"}


# --- Event Grid topic --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("inputSchema", "CloudEventSchemaV1_0"),
        ("dataResidencyBoundary", "WithinRegion"),
        ("publicNetworkAccess", "Disabled"),
        ("disableLocalAuth", True),
        ("minimumTlsVersionAllowed", "1.2"),
    ],
)
def test_topic_defaults(eu: Plane, key: str, value: Any) -> None:
    assert eu["topic"].inputs[key] == value


def test_topic_has_a_system_identity(eu: Plane) -> None:
    assert eu["topic"].inputs["identity"]["type"] == "SystemAssigned"


# --- processor subscriptions -------------------------------------------------------------


def test_processor_subscription_uses_the_regional_filter(eu: Plane) -> None:
    (flt,) = eu["processor"].inputs["filter"]["advancedFilters"]
    assert flt == {"operatorType": "StringIn", "key": contract.REGION_ATTRIBUTE, "values": get_boundary("EU").filter_values()}
    assert "EU" in flt["values"] and "westeurope" in flt["values"] and "northeurope" in flt["values"]
    assert "eastus" not in flt["values"]


def test_processor_subscription_scope_and_schema(eu: Plane) -> None:
    sub = eu["processor"].inputs
    assert sub["scope"] == eu["topic"].id
    assert sub["eventSubscriptionName"] == "processor"
    assert sub["eventDeliverySchema"] == "CloudEventSchemaV1_0"
    assert "labels" not in sub


def test_processor_subscription_retry_policy(eu: Plane) -> None:
    assert eu["processor"].inputs["retryPolicy"] == {"maxDeliveryAttempts": 10, "eventTimeToLiveInMinutes": 1440}


def test_processor_delivers_to_the_session_queue_with_the_topic_identity(eu: Plane) -> None:
    sub = eu["processor"].inputs
    assert "destination" not in sub  # not the AzureFunction path (F1: the app is not reachable)
    delivery = sub["deliveryWithResourceIdentity"]
    assert delivery["identity"] == {"type": "SystemAssigned"}
    assert delivery["destination"]["endpointType"] == "ServiceBusQueue"
    assert delivery["destination"]["resourceId"] == eu["processing-queue"].id
    assert eu["processing-queue"].inputs["requiresSession"] is True


def test_queue_delivery_maps_session_region_and_classification(eu: Plane) -> None:
    """Every message gets SessionId = aggregate id (strict order per aggregate on the session
    queue) and the DataRegion/DataClassification application properties the processor reads;
    the source fields are the CloudEvents attributes the mapping writes."""
    from sovereign_components.events.cloudevents_mapping import EXTENSIONS

    mappings = eu["processor"].inputs["deliveryWithResourceIdentity"]["destination"]["deliveryAttributeMappings"]
    assert all(m["type"] == "Dynamic" for m in mappings)
    by_name = {m["name"]: m["sourceField"] for m in mappings}
    assert by_name == {
        "SessionId": EXTENSIONS["aggregateId"],
        contract.SERVICE_BUS_REGION_PROPERTY: EXTENSIONS["dataRegion"],
        contract.SERVICE_BUS_CLASSIFICATION_PROPERTY: EXTENSIONS["dataClassification"],
    }
    assert by_name[contract.SERVICE_BUS_REGION_PROPERTY] == contract.REGION_ATTRIBUTE


def test_topic_identity_may_send_to_the_processing_queue_only(eu: Plane) -> None:
    role = assignments(eu)["topic-queue-sender"].inputs
    assert role["principalId"] == eu["topic"].outputs["identity"]["principalId"]
    assert role["roleDefinitionId"].endswith(role_id("Azure Service Bus Data Sender"))
    assert role["scope"] == eu["processing-queue"].id  # the queue, not the namespace


def test_queue_subscription_waits_for_its_role_and_network_rules(eu: Plane) -> None:
    deps = set(eu["processor"].dependencies)
    assert {eu["topic-queue-sender"].urn, eu["servicebus-network-rules"].urn, eu["processing-queue"].urn} <= deps


@pytest.mark.parametrize(
    ("key", "value"),
    [("defaultAction", "Deny"), ("publicNetworkAccess", "Disabled"), ("trustedServiceAccessEnabled", True)],
)
def test_service_bus_network_rules_deny_public_but_trust_event_grid(eu: Plane, key: str, value: Any) -> None:
    rules = eu["servicebus-network-rules"].inputs
    assert rules[key] == value
    assert rules["namespaceName"] == eu["servicebus"].inputs["namespaceName"]


def test_service_bus_network_rules_open_nothing(eu: Plane) -> None:
    rules = eu["servicebus-network-rules"].inputs
    assert not rules.get("ipRules") and not rules.get("virtualNetworkRules")


def test_azure_function_delivery_is_an_explicit_option(custom: Plane) -> None:
    audit = custom["audit"].inputs
    assert "deliveryWithResourceIdentity" not in audit
    assert audit["destination"]["endpointType"] == "AzureFunction"
    assert audit["destination"]["resourceId"] == f"{custom['functions'].id}/functions/{contract.EVENT_GRID_FUNCTION_NAME}"
    assert custom["functions"].urn in custom["audit"].dependencies
    # the other processor of the same plane keeps the queue path
    assert custom["orders"].inputs["deliveryWithResourceIdentity"]["destination"]["resourceId"] == custom["processing-queue"].id


def test_processor_dead_letters_to_the_regional_container_with_the_topic_identity(eu: Plane) -> None:
    dl = eu["processor"].inputs["deadLetterWithResourceIdentity"]
    assert dl["identity"] == {"type": "SystemAssigned"}
    assert dl["deadLetterDestination"] == {
        "endpointType": "StorageBlob", "resourceId": eu["storage"].id, "blobContainerName": "eventgrid-deadletter",
    }
    assert "deadLetterDestination" not in eu["processor"].inputs  # never the key/SAS-based form


def test_topic_identity_may_write_dead_letters(eu: Plane) -> None:
    role = assignments(eu)["topic-deadletter-writer"].inputs
    assert role["principalId"] == eu["topic"].outputs["identity"]["principalId"]
    assert role["roleDefinitionId"].endswith(role_id("Storage Blob Data Contributor"))
    assert role["scope"] == f"{eu['storage'].id}/blobServices/default/containers/eventgrid-deadletter"


def test_custom_processors(custom: Plane) -> None:
    orders, audit = custom["orders"].inputs, custom["audit"].inputs
    assert orders["filter"]["includedEventTypes"] == ["OrderPlaced", "OrderCancelled"]
    assert orders["filter"]["advancedFilters"][0]["key"] == contract.REGION_ATTRIBUTE
    assert "includedEventTypes" not in audit["filter"]
    assert "processor" not in custom.by_name


# --- metadata channels (issues 6 and 10) ------------------------------------------------------


def test_metadata_channel_reads_the_metadata_topic_never_the_main_topic(custom: Plane) -> None:
    """Issue 10: a channel on the main topic filtered on classification alone let a full
    Internal/Public SovereignEvent cross. Every channel's scope is the metadata topic."""
    for name in ("meta-to-us", "meta-public"):
        scope = custom[name].inputs["scope"]
        assert scope == custom["metadata-topic"].id
        assert scope != custom["topic"].id


def test_metadata_channel_filter_requires_the_metadata_kind_and_non_regulated(custom: Plane) -> None:
    channel = custom["meta-to-us"].inputs
    assert channel["labels"] == [contract.METADATA_CHANNEL_LABEL]
    assert channel["filter"]["advancedFilters"] == [
        {"operatorType": "StringIn", "key": contract.KIND_ATTRIBUTE, "values": [contract.METADATA_KIND]},
        {"operatorType": "StringIn", "key": contract.CLASSIFICATION_ATTRIBUTE,
         "values": list(contract.NON_REGULATED_CLASSIFICATIONS)},
    ]
    assert channel["filter"]["enableAdvancedFilteringOnArrays"] is False
    # no regional filter: metadata crosses the boundary by design
    assert all(f["key"] != contract.REGION_ATTRIBUTE for f in channel["filter"]["advancedFilters"])


def test_metadata_topic_is_hardened_like_the_main_topic_and_tagged(custom: Plane) -> None:
    main, meta = custom["topic"].inputs, custom["metadata-topic"].inputs
    for key in ("inputSchema", "dataResidencyBoundary", "publicNetworkAccess", "disableLocalAuth",
                "minimumTlsVersionAllowed", "identity", "location", "resourceGroupName"):
        assert meta[key] == main[key], key
    assert meta["tags"] == {**main["tags"], contract.TOPIC_KIND_TAG: contract.METADATA_TOPIC_KIND}
    assert contract.TOPIC_KIND_TAG not in main["tags"]
    assert meta["topicName"] != main["topicName"]


def test_only_the_metadata_publisher_may_send_to_the_metadata_topic(custom: Plane) -> None:
    grants = assignments(custom)
    topic_id = custom["metadata-topic"].id
    senders = [g.inputs for g in grants.values() if g.inputs["scope"] == topic_id]
    assert [(g["principalId"], g["roleDefinitionId"].rsplit("/", 1)[1]) for g in senders] == [
        (custom["metadata-publisher"].outputs["principalId"], role_id("EventGrid Data Sender"))]
    (identity,) = custom.of_type("managedidentity:UserAssignedIdentity")
    assert identity.inputs["location"] == "germanynorth"
    # the processor (which handles full events) has no role on the metadata topic
    processor = custom["functions"].outputs["identity"]["principalId"]
    assert not [g for g in grants.values() if g.inputs["principalId"] == processor and g.inputs["scope"] == topic_id]
    # and the main topic's role assignments never reach the metadata topic
    assert not [g for g in grants.values() if g.inputs["scope"].startswith(topic_id) and g.inputs is not senders[0]]


def test_caller_named_publisher_gets_the_role_and_no_identity_is_created(private: Plane) -> None:
    topic_id = private["metadata-topic"].id
    (sender,) = [g.inputs for g in assignments(private).values() if g.inputs["scope"] == topic_id]
    assert sender["principalId"] == PUBLISHER and sender["principalType"] == "ServicePrincipal"
    assert private.of_type("managedidentity:UserAssignedIdentity") == []
    # the metadata topic has its private endpoint and its diagnostics like every other data plane
    assert "metadata-topic-pe" in private.by_name and "metadata-topic-diagnostics" in private.by_name


def test_a_plane_without_channels_has_no_metadata_topic(eu: Plane) -> None:
    assert "metadata-topic" not in eu.by_name
    assert eu.of_type("managedidentity:UserAssignedIdentity") == []
    assert [t.inputs["topicName"] for t in eu.of_type("eventgrid:Topic")] == [eu["topic"].inputs["topicName"]]


def test_metadata_channel_delivers_with_the_metadata_topic_identity(custom: Plane) -> None:
    delivery = custom["meta-to-us"].inputs["deliveryWithResourceIdentity"]
    assert delivery["identity"] == {"type": "SystemAssigned"}
    assert delivery["destination"] == {"endpointType": "ServiceBusTopic", "resourceId": US_TOPIC}
    sender = assignments(custom)["meta-to-us-sender"].inputs
    assert sender["scope"] == US_TOPIC
    assert sender["roleDefinitionId"].endswith(role_id("Azure Service Bus Data Sender"))
    assert sender["principalId"] == custom["metadata-topic"].outputs["identity"]["principalId"]
    # dead letters: the metadata topic's identity may write the regional dead-letter container
    writer = assignments(custom)["metadata-topic-deadletter-writer"].inputs
    assert writer["principalId"] == custom["metadata-topic"].outputs["identity"]["principalId"]


def test_metadata_channel_overrides(custom: Plane) -> None:
    channel = custom["meta-public"].inputs
    assert channel["deliveryWithResourceIdentity"]["destination"]["endpointType"] == "ServiceBusQueue"
    assert channel["filter"]["advancedFilters"][1]["values"] == ["Public"]
    assert "meta-public-sender" not in assignments(custom)


def test_metadata_channel_is_allowed_by_the_policy_pack_predicate(custom: Plane, eu: Plane) -> None:
    from sovereign_components.policies.rules.cross_region import is_metadata_channel

    assert is_metadata_channel(custom["meta-to-us"].inputs)
    assert is_metadata_channel(custom["meta-public"].inputs)
    assert not is_metadata_channel(eu["processor"].inputs)


def test_metadata_outputs(capture: Any, custom: Plane, eu: Plane, private: Plane) -> None:
    def outputs(plane: Plane) -> dict[str, Any]:
        return plane.component.outputs

    assert outputs(custom)["metadata_topic_id"] == custom["metadata-topic"].id
    assert outputs(custom)["metadata_topic_endpoint"] == custom["metadata-topic"].outputs["endpoint"]
    assert outputs(custom)["metadata_publisher_identity_id"] == custom["metadata-publisher"].id
    assert outputs(custom)["metadata_publisher_client_id"] == custom["metadata-publisher"].outputs["clientId"]
    assert outputs(custom)["metadata_publisher_principal_id"] == custom["metadata-publisher"].outputs["principalId"]
    assert outputs(private)["metadata_publisher_principal_id"] == PUBLISHER
    assert outputs(private).get("metadata_publisher_identity_id") is None
    for key in ("metadata_topic_id", "metadata_topic_endpoint", "metadata_publisher_principal_id"):
        assert outputs(eu).get(key) is None, key


# --- Service Bus ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("publicNetworkAccess", "Disabled"),
        ("disableLocalAuth", True),
        ("minimumTlsVersion", "1.2"),
        ("zoneRedundant", True),  # westeurope has availability zones
    ],
)
def test_service_bus_defaults(eu: Plane, key: str, value: Any) -> None:
    assert eu["servicebus"].inputs[key] == value


def test_service_bus_is_premium_with_one_unit(eu: Plane) -> None:
    assert eu["servicebus"].inputs["sku"] == {"name": "Premium", "tier": "Premium", "capacity": 1}
    assert eu["servicebus"].inputs["identity"]["type"] == "SystemAssigned"


def test_service_bus_standard_override(custom: Plane) -> None:
    sb = custom["servicebus"].inputs
    assert sb["sku"] == {"name": "Standard", "tier": "Standard"}
    assert "zoneRedundant" not in sb
    assert sb["publicNetworkAccess"] == "Disabled"


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("queueName", "sovereign-events"),
        ("requiresSession", True),
        ("maxDeliveryCount", 3),
        ("deadLetteringOnMessageExpiration", True),
        ("requiresDuplicateDetection", True),
        ("duplicateDetectionHistoryTimeWindow", "PT10M"),
        ("lockDuration", "PT1M"),
        ("defaultMessageTimeToLive", "P14D"),
    ],
)
def test_processing_queue_defaults(eu: Plane, key: str, value: Any) -> None:
    assert eu["processing-queue"].inputs[key] == value


def test_processing_queue_forwards_dead_letters_to_the_compliance_dlq(capture: Any, eu: Plane) -> None:
    dlq_queue = next(r for r in capture.resources if r.parent == eu["dlq"].urn and r.type == "azure-native:servicebus:Queue")
    queue = eu["processing-queue"].inputs
    assert queue["forwardDeadLetteredMessagesTo"] == dlq_queue.inputs["queueName"] == "sovereignty-violations-dlq"
    assert queue["namespaceName"] == dlq_queue.inputs["namespaceName"] == eu["servicebus"].inputs["namespaceName"]
    order = [r.urn for r in capture.resources]
    assert order.index(eu["dlq"].urn) < order.index(eu["processing-queue"].urn)


def test_processing_queue_and_rules_name_their_namespace_through_a_dependency(eu: Plane) -> None:
    """The queue has no location; the policy pack places it (as an Event Grid destination, G8)
    through the property dependency of ``namespaceName`` on the located namespace."""
    for child in ("processing-queue", "servicebus-network-rules"):
        assert eu[child].inputs["namespaceName"] == eu["servicebus"].inputs["namespaceName"]
        assert eu["servicebus"].urn in eu[child].property_dependencies["namespaceName"], child


def test_dlq_settings_are_forwarded(capture: Any, custom: Plane) -> None:
    dlq_queue = next(r for r in capture.resources if r.parent == custom["dlq"].urn and r.type == "azure-native:servicebus:Queue")
    assert dlq_queue.inputs["queueName"] == "violations"
    assert dlq_queue.inputs["defaultMessageTimeToLive"] == "P365D"
    assert custom["processing-queue"].inputs["forwardDeadLetteredMessagesTo"] == "violations"
    assert custom["processing-queue"].inputs["queueName"] == "orders-queue"


# --- Event Hubs --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("publicNetworkAccess", "Disabled"),
        ("disableLocalAuth", True),
        ("minimumTlsVersion", "1.2"),
        ("zoneRedundant", True),
    ],
)
def test_event_hub_namespace_defaults(eu: Plane, key: str, value: Any) -> None:
    assert eu["eventhubs"].inputs[key] == value


def test_event_hub_namespace_sku_and_identity(eu: Plane) -> None:
    assert eu["eventhubs"].inputs["sku"]["name"] == "Standard"
    assert eu["eventhubs"].inputs["identity"]["type"] == "SystemAssigned"


def test_event_hub_captures_to_the_regional_account_with_identity(eu: Plane) -> None:
    hub = eu["eventhub"].inputs
    assert hub["partitionCount"] == 2
    capture = hub["captureDescription"]
    assert capture["enabled"] is True
    assert capture["destination"]["storageAccountResourceId"] == eu["storage"].id
    assert capture["destination"]["blobContainer"] == "eventhub-capture"
    assert capture["destination"]["identity"] == {"type": "SystemAssigned"}
    assert "{PartitionId}" in capture["destination"]["archiveNameFormat"]
    role = assignments(eu)["eventhubs-capture-writer"].inputs
    assert role["principalId"] == eu["eventhubs"].outputs["identity"]["principalId"]
    assert role["scope"] == f"{eu['storage'].id}/blobServices/default/containers/eventhub-capture"


def test_capture_off_and_partition_override(custom: Plane) -> None:
    hub = custom["eventhub"].inputs
    assert "captureDescription" not in hub
    assert hub["partitionCount"] == 4
    assert "eventhubs-capture-writer" not in assignments(custom)


# --- storage -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("publicNetworkAccess", "Disabled"),
        ("allowBlobPublicAccess", False),
        ("minimumTlsVersion", "TLS1_2"),
        ("enableHttpsTrafficOnly", True),
        ("allowSharedKeyAccess", False),
        ("allowCrossTenantReplication", False),
    ],
)
def test_storage_defaults(eu: Plane, key: str, value: Any) -> None:
    assert eu["storage"].inputs[key] == value


def test_storage_network_rules_deny(eu: Plane) -> None:
    assert eu["storage"].inputs["networkRuleSet"]["defaultAction"] == "Deny"


def test_storage_is_zone_redundant_where_zones_exist_else_local(eu: Plane, custom: Plane) -> None:
    assert eu["storage"].inputs["sku"]["name"] == "Standard_ZRS"  # westeurope has zones
    assert custom["storage"].inputs["sku"]["name"] == "Standard_LRS"  # germanynorth has none


def test_storage_containers_are_private(eu: Plane) -> None:
    containers = {r.inputs["containerName"]: r.inputs for r in eu.of_type("storage:BlobContainer")}
    assert set(containers) == {"eventgrid-deadletter", "eventhub-capture", "function-packages"}
    assert all(c["publicAccess"] == "None" for c in containers.values())


# --- Function App ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("kind", "functionapp,linux"),
        ("httpsOnly", True),
        ("publicNetworkAccess", "Disabled"),
    ],
)
def test_function_app_defaults(eu: Plane, key: str, value: Any) -> None:
    assert eu["functions"].inputs[key] == value


@pytest.mark.parametrize(("key", "value"), [("minTlsVersion", "1.2"), ("scmMinTlsVersion", "1.2"), ("ftpsState", "Disabled")])
def test_function_site_config_defaults(eu: Plane, key: str, value: Any) -> None:
    assert eu["functions"].inputs["siteConfig"][key] == value


def test_function_app_identity_and_plan(eu: Plane) -> None:
    assert eu["functions"].inputs["identity"] == {"type": "SystemAssigned"}
    plan = eu["plan"].inputs
    assert plan["sku"] == {"name": "EP1", "tier": "ElasticPremium"}
    assert plan["reserved"] is True
    assert eu["functions"].inputs["serverFarmId"] == eu["plan"].id


def test_basic_publishing_credentials_disabled(eu: Plane) -> None:
    assert eu["ftp-basic-auth"].inputs["allow"] is False
    assert eu["scm-basic-auth"].inputs["allow"] is False


def test_app_settings_use_identity_based_connections_only(capture: Any, eu: Plane) -> None:
    settings = eu.app_settings()
    storage_name = eu["storage"].inputs["accountName"]
    archive = next(r for r in capture.resources if r.parent == eu["dlq"].urn and r.type == "azure-native:storage:StorageAccount")
    assert settings["AzureWebJobsStorage__accountName"] == storage_name
    assert settings[f"{contract.SERVICE_BUS_CONNECTION}__fullyQualifiedNamespace"] == eu.component.outputs["service_bus_fqdn"]
    assert settings[f"{contract.ARCHIVE_STORAGE_CONNECTION}__blobServiceUri"] == (
        f"https://{archive.inputs['accountName']}.blob.core.windows.net/"
    )
    for name, value in settings.items():
        text = str(value).lower()
        assert "accountkey" not in text and "sharedaccess" not in text and "sig=" not in text, name
        assert not name.endswith("ConnectionString"), name


def test_app_settings_carry_region_and_boundary(eu: Plane) -> None:
    settings = eu.app_settings()
    assert settings[contract.DEPLOYMENT_REGION_SETTING] == "westeurope"
    assert settings[contract.BOUNDARY_SETTING] == "EU"
    assert settings[contract.ALLOWED_DATA_REGIONS_SETTING].split(",") == get_boundary("EU").filter_values()
    assert settings["FUNCTIONS_EXTENSION_VERSION"] == "~4"
    assert settings["FUNCTIONS_WORKER_RUNTIME"] == "python"


def test_app_settings_name_the_queues_and_archive(eu: Plane, capture: Any) -> None:
    settings = eu.app_settings()
    container = next(r for r in capture.resources if r.parent == eu["dlq"].urn and r.type == "azure-native:storage:BlobContainer")
    assert settings[contract.PROCESSING_QUEUE_SETTING] == "sovereign-events"
    assert settings[contract.COMPLIANCE_DLQ_SETTING] == "sovereignty-violations-dlq"
    assert settings[contract.ARCHIVE_CONTAINER_SETTING] == container.inputs["containerName"]
    assert contract.COSMOS_ENDPOINT_SETTING not in settings  # no event store given


def test_function_package_is_uploaded_and_run_from_its_url_by_identity(eu: Plane) -> None:
    blob = eu["function-package"].inputs
    assert blob["accountName"] == eu["storage"].inputs["accountName"]
    settings = eu.app_settings()
    url = settings["WEBSITE_RUN_FROM_PACKAGE"]
    assert url == f"https://{blob['accountName']}.blob.core.windows.net/{blob['containerName']}/{blob['blobName']}"
    assert "?" not in url  # no SAS
    assert settings["WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID"] == "SystemAssigned"
    assert blob["source"]  # the archive is the blob's content


def test_default_package_is_the_project_functions_archive(eu: Plane) -> None:
    from sovereign_components.components.functions_package import archive_files

    source = eu["function-package"].inputs["source"]
    assert set(archive_files()) <= set(source["assets"])


def test_event_store_settings_without_a_duplicate_grant(custom: Plane) -> None:
    """The store grants its writers (SovereignEventStore.writer_principal_ids); by default the
    plane only configures the app."""
    settings = custom.app_settings()
    assert settings[contract.COSMOS_ENDPOINT_SETTING] == "https://eu-event-store.documents.azure.com:443/"
    assert settings[contract.EVENT_STORE_DATABASE_SETTING] == "events"
    assert settings[contract.EVENT_STORE_CONTAINER_SETTING] == "event-store"
    assert custom.of_type("cosmosdb:SqlResourceSqlRoleAssignment") == []


def test_opt_in_cosmos_grant_depends_on_the_account(capture: Any, private: Plane) -> None:
    (account,) = [r for r in capture.resources if r.name == "managed-store"]
    (sql_role,) = private.of_type("cosmosdb:SqlResourceSqlRoleAssignment")
    inputs = sql_role.inputs
    assert inputs["accountName"] == "eu-managed-store"
    assert inputs["resourceGroupName"] == "rg-store"  # read from the account id, not the plane's group
    assert inputs["principalId"] == private["functions"].outputs["identity"]["principalId"]
    assert inputs["roleDefinitionId"] == (
        f"{account.id}/sqlRoleDefinitions/" + wiring.cosmos_role_guid("Cosmos DB Built-in Data Contributor")
    )
    assert inputs["scope"] == f"{account.id}/dbs/events"
    for key in ("scope", "roleDefinitionId"):
        assert account.urn in sql_role.property_dependencies[key], key


def test_function_identity_roles_are_least_privilege(capture: Any, eu: Plane) -> None:
    roles = assignments(eu)
    processor = eu["functions"].outputs["identity"]["principalId"]
    dlq_queue = next(r for r in capture.resources if r.parent == eu["dlq"].urn and r.type == "azure-native:servicebus:Queue")
    archive = next(r for r in capture.resources if r.parent == eu["dlq"].urn and r.type == "azure-native:storage:StorageAccount")
    expected = {
        "functions-queue-receiver": ("Azure Service Bus Data Receiver", eu["processing-queue"].id),
        "functions-dlq-receiver": ("Azure Service Bus Data Receiver", dlq_queue.id),
        "functions-storage-owner": ("Storage Blob Data Owner", eu["storage"].id),
        "functions-archive-writer": ("Storage Blob Data Contributor", archive.id),
    }
    for suffix, (role, scope) in expected.items():
        inputs = roles[suffix].inputs
        assert inputs["principalId"] == processor, suffix
        assert inputs["roleDefinitionId"].endswith(role_id(role)), suffix
        assert inputs["scope"] == scope, suffix
    function_roles = [r for r in roles.values() if r.inputs["principalId"] == processor]
    assert len(function_roles) == len(expected)  # nothing broader, no Event Hubs role


def test_every_role_assignment_is_for_a_service_principal(capture: Any) -> None:
    roles = [r for r in capture.resources if r.type == "azure-native:authorization:RoleAssignment"]
    assert roles
    assert all(r.inputs["principalType"] == "ServicePrincipal" for r in roles)


# --- monitoring --------------------------------------------------------------------------


def test_workspace_is_regional_and_entra_only(eu: Plane) -> None:
    ws = eu["logs"].inputs
    assert ws["location"] == "westeurope"
    assert ws["features"]["disableLocalAuth"] is True
    assert ws["retentionInDays"] == 30


def test_diagnostics_for_every_resource_go_only_to_the_workspace(eu: Plane) -> None:
    settings = {r.inputs["resourceUri"]: r.inputs for r in eu.of_type("monitor:DiagnosticSetting")}
    expected = {eu["topic"].id, eu["servicebus"].id, eu["eventhubs"].id, eu["functions"].id,
                f"{eu['storage'].id}/blobServices/default"}
    assert set(settings) == expected
    for setting in settings.values():
        assert setting["workspaceId"] == eu["logs"].id
        assert not {"storageAccountId", "eventHubAuthorizationRuleId", "serviceBusRuleId", "marketplacePartnerId"} & set(setting)


def test_given_workspace_is_used_and_none_created(private: Plane) -> None:
    assert "logs" not in private.by_name
    settings = private.of_type("monitor:DiagnosticSetting")
    assert len(settings) == 6  # topic, metadata topic, Service Bus, Event Hubs, blob, functions
    assert {s.inputs["workspaceId"] for s in settings} == {WORKSPACE_ID}
    assert private.component.outputs["workspace_id"] == WORKSPACE_ID


# --- private networking, locks, protect --------------------------------------------------------


def test_private_endpoints_for_every_data_plane(private: Plane) -> None:
    endpoints = {r.name.removeprefix("private-"): r.inputs for r in private.of_type("network:PrivateEndpoint")}
    expected = {
        "topic-pe": (private["topic"].id, "topic"),
        "metadata-topic-pe": (private["metadata-topic"].id, "topic"),
        "servicebus-pe": (private["servicebus"].id, "namespace"),
        "eventhubs-pe": (private["eventhubs"].id, "namespace"),
        "blob-pe": (private["storage"].id, "blob"),
        "functions-pe": (private["functions"].id, "sites"),
    }
    assert set(endpoints) == set(expected)
    for key, (target, group) in expected.items():
        (connection,) = endpoints[key]["privateLinkServiceConnections"]
        assert connection["privateLinkServiceId"] == target
        assert connection["groupIds"] == [group]
        assert endpoints[key]["location"] == "northeurope"


def test_each_private_dns_zone_is_created_once_and_shared_with_the_dlq(capture: Any, private: Plane) -> None:
    zones = [r.inputs["privateZoneName"] for r in private.of_type("privatedns:PrivateZone")]
    assert sorted(zones) == sorted(set(zones))
    assert "privatelink.servicebus.windows.net" in zones
    dlq_zones = [r for r in capture.resources if r.type == "azure-native:privatedns:PrivateZone" and r.parent == private["dlq"].urn]
    assert dlq_zones == []  # the DLQ archive's endpoint reuses the plane's blob zone


def test_function_outbound_vnet_integration(private: Plane, eu: Plane) -> None:
    assert private["functions"].inputs["virtualNetworkSubnetId"] == f"{SUBNET}/functions"
    assert private["functions"].inputs["siteConfig"]["vnetRouteAllEnabled"] is True
    assert "virtualNetworkSubnetId" not in eu["functions"].inputs


def test_package_url_override_skips_the_upload(private: Plane) -> None:
    assert "function-package" not in private.by_name
    assert private.setting("WEBSITE_RUN_FROM_PACKAGE") == "https://pkgeu.blob.core.windows.net/releases/app.zip"


def test_lock_and_protect_on_data_holders(private: Plane, eu: Plane) -> None:
    locks = {r.inputs["scope"] for r in private.of_type("authorization:ManagementLockByScope")}
    assert locks == {private["storage"].id, private["servicebus"].id, private["eventhubs"].id}
    assert all(private[k].protect for k in ("storage", "servicebus", "eventhubs"))
    assert not any(eu[k].protect for k in ("storage", "servicebus", "eventhubs"))  # transient data by default


def test_storage_infrastructure_encryption_by_default(eu: Plane) -> None:
    assert eu["storage"].inputs["encryption"]["requireInfrastructureEncryption"] is True
    assert "encryption" not in eu["servicebus"].inputs


def test_customer_managed_key_on_service_bus(private: Plane) -> None:
    sb = private["servicebus"].inputs
    assert sb["encryption"]["keySource"] == "Microsoft.KeyVault"
    assert sb["encryption"]["requireInfrastructureEncryption"] is True
    (key,) = sb["encryption"]["keyVaultProperties"]
    assert key == {"keyName": "events", "keyVaultUri": "https://kv-eu.vault.azure.net",
                   "identity": {"userAssignedIdentity": CMK_IDENTITY}}
    assert sb["identity"] == {"type": "SystemAssigned, UserAssigned", "userAssignedIdentities": [CMK_IDENTITY]}


def test_customer_managed_key_on_storage(private: Plane) -> None:
    account = private["storage"].inputs
    assert account["encryption"]["keySource"] == "Microsoft.Keyvault"
    assert account["encryption"]["keyVaultProperties"] == {"keyName": "events", "keyVaultUri": "https://kv-eu.vault.azure.net"}
    assert account["encryption"]["encryptionIdentity"] == {"encryptionUserAssignedIdentity": CMK_IDENTITY}
    assert account["identity"] == {"type": "UserAssigned", "userAssignedIdentities": [CMK_IDENTITY]}


def test_tags_are_merged(custom: Plane) -> None:
    tags = custom["topic"].inputs["tags"]
    assert tags["cost-center"] == "events"
    assert tags["managed-by"] == "sovereign-events"
    assert tags["sovereignty-boundary"] == "EU"


# --- the contract: the filter the plane configures matches the events ----------------------


def test_region_filter_matches_the_event_contract(eu: Plane) -> None:
    from sovereign_components.events.cloudevents_mapping import routing_view
    from sovereign_components.events.contract import event_from_json

    seed = {
        "id": "evt-12345", "aggregateId": "order-67890", "aggregateType": "Order", "eventType": "OrderPlaced",
        "eventVersion": 1, "timestamp": "2024-01-15T10:30:00Z", "dataRegion": "EU", "dataClassification": "Confidential",
        "causationId": "cmd-11111", "correlationId": "session-22222", "metadata": {"userId": "user-33333", "clientIp": "10.0.0.1"},
        "payload": {"orderId": "order-67890", "customerId": "cust-44444", "total": 150.00},
    }
    (flt,) = eu["processor"].inputs["filter"]["advancedFilters"]
    values = {v.lower() for v in flt["values"]}  # Event Grid StringIn is case-insensitive
    for region, delivered in (("EU", True), ("westeurope", True), ("US", False), ("eastus", False)):
        view = routing_view(event_from_json({**seed, "dataRegion": region}))
        assert (str(view[flt["key"]]).lower() in values) is delivered, region


# --- invalid arguments: rejected before anything registers ---------------------------------


VALID = {"location": "westeurope", "resource_group_name": "rg-eu", "boundary": "EU", "alert_email": EMAIL}
STORE = {"account_name": "eu-store", "database_name": "events", "container_name": "event-store"}
COSMOS_IDS = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-eu/providers/Microsoft.DocumentDB/databaseAccounts"


@pytest.mark.parametrize(
    ("overrides", "argument"),
    [
        ({"location": "eastus"}, "location"),
        ({"location": "westeurop"}, "location"),
        ({"boundary": "ATLANTIS"}, "boundary"),
        ({"alert_email": "not-an-address"}, "alert_email"),
        ({"alert_email": None}, "alert_email"),
        ({"metadata_channels": [{"name": "meta-us", "destination_resource_id": US_TOPIC, "classifications": ["Confidential"]}]},
         "metadata_channels[0].classifications"),
        ({"metadata_channels": [{"name": "meta-us", "destination_resource_id": US_TOPIC, "classifications": ["Restricted"]}]},
         "metadata_channels[0].classifications"),
        ({"metadata_channels": [{"name": "meta-us", "destination_resource_id": US_TOPIC, "endpoint_type": "WebHook"}]},
         "metadata_channels[0].endpoint_type"),
        ({"metadata_publisher_principal_id": PUBLISHER}, "metadata_publisher_principal_id"),
        ({"metadata_channels": [{"name": "meta-us", "destination_resource_id": US_TOPIC}],
          "metadata_publisher_principal_id": "/subscriptions/x/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/u"},
         "metadata_publisher_principal_id"),
        ({"private_endpoints": {"subnet_id": "/s", "virtual_network_id": "/v"}, "service_bus_sku": "Standard"}, "service_bus_sku"),
        ({"private_endpoints": {"subnet_id": "/s"}}, "private_endpoints.virtual_network_id"),
        ({"service_bus_sku": "Basic"}, "service_bus_sku"),
        ({"event_hub_partition_count": 0}, "event_hub_partition_count"),
        ({"event_hub_partition_count": 33}, "event_hub_partition_count"),
        ({"event_hub_partition_count": 2.5}, "event_hub_partition_count"),
        ({"processors": [{"name": "ok-name"}, {"name": "OK-NAME"}]}, "processors"),
        ({"processors": [{"name": "x"}]}, "processors[0].name"),
        ({"processors": []}, "processors"),
        ({"processing_queue_name": "sovereignty-violations-dlq", "compliance_dlq": {"queue_name": "sovereignty-violations-dlq"}},
         "compliance_dlq.queue_name"),
        ({"compliance_dlq": {"retention_days": 0}}, "compliance_dlq.retention_days"),
        ({"log_retention_days": 7}, "log_retention_days"),
        ({"customer_managed_key": {"key_vault_key_uri": "https://kv.vault.azure.net/keys/k"}}, "customer_managed_key.user_assigned_identity_id"),
        ({"function_package_url": "https://acct.blob.core.windows.net/c/app.zip?sv=2022&sig=abc"}, "function_package_url"),
        ({"lock": {"kind": "Nope"}}, "lock.kind"),
        ({"processors": [{"name": "processor", "endpoint_type": "WebHook"}]}, "processors[0].endpoint_type"),
        ({"event_store": {**STORE, "grant_data_access": True}}, "event_store.account_id"),
        ({"event_store": {**STORE, "grant_data_access": True, "account_id": f"{COSMOS_IDS}/other-account"}},
         "event_store.account_id"),
        ({"event_store": {**STORE, "grant_data_access": "yes", "account_id": f"{COSMOS_IDS}/eu-store"}},
         "event_store.grant_data_access"),
    ],
)
def test_invalid_argument_raises_before_any_registration(
    counting: Any, overrides: dict[str, Any], argument: str
) -> None:
    from sovereign_components.components.event_plane import RegionalEventPlane

    monitor = counting
    errors: list[ComponentArgumentError] = []

    @pulumi.runtime.test
    def program() -> None:
        try:
            RegionalEventPlane("bad", {**VALID, **overrides})  # type: ignore[arg-type]
        except ComponentArgumentError as exc:
            errors.append(exc)

    program()
    assert len(errors) == 1, "no ComponentArgumentError raised"
    assert errors[0].argument == argument
    assert errors[0].component == "RegionalEventPlane"
    assert monitor.types == []


def test_valid_arguments_do_register(counting: Any) -> None:
    """The counterpart of the test above: the same harness sees registrations when valid."""
    from sovereign_components.components.event_plane import RegionalEventPlane

    monitor = counting

    @pulumi.runtime.test
    def program() -> None:
        RegionalEventPlane("good", {**VALID, "function_package_url": "https://a.blob.core.windows.net/c/p.zip"})  # type: ignore[arg-type]

    program()
    assert "sovereign:index:RegionalEventPlane" in monitor.types
    assert "azure-native:eventgrid:Topic" in monitor.types


# --- multi-language schema ---------------------------------------------------------------------


def test_component_schema_infers_inputs_and_outputs() -> None:
    """What `pulumi package add` users see: required inputs, the nested arg types, and exactly
    the declared outputs (``compliance_dlq`` is a Python attribute, not a schema output)."""
    from sovereign_components.components import provider

    schema = provider.schema()
    resource = schema["resources"]["sovereign:index:RegionalEventPlane"]
    assert set(resource["requiredInputs"]) == {"alertEmail", "boundary", "location", "resourceGroupName"}
    assert {"processors", "metadataChannels", "eventStore", "complianceDlq", "serviceBusSku"} <= set(resource["inputProperties"])
    assert set(resource["properties"]) == {
        "workspaceId", "topicId", "topicEndpoint", "topicName", "serviceBusNamespaceId", "serviceBusNamespaceName",
        "serviceBusFqdn", "processingQueueName", "eventHubNamespaceName", "eventHubName", "functionAppName",
        "functionAppId", "processorPrincipalId", "storageAccountName", "metadataTopicId", "metadataTopicEndpoint",
        "metadataPublisherPrincipalId", "metadataPublisherIdentityId", "metadataPublisherClientId",
    }
    assert "sovereign:index:MetadataChannelArgs" in schema["types"]
