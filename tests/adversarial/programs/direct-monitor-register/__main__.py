"""The program sends a RegisterResourceRequest to the resource monitor itself, bypassing the SDK.

Attack: `pulumi.runtime.settings.get_monitor()` is the engine's resource monitor; a request
built by hand (a public Cosmos account in eastus) never passes through the SDK's resource
classes, transforms or any hook a gate installed there. What reaches the monitor is what the
real engine deploys, so it must be judged — or the run refused.

Class: process blinding
Issue: 13 isolation (the real monitor protocol)
Blame: direct-us
Mentions: direct-us
"""

import pulumi
from google.protobuf import struct_pb2
from pulumi.runtime import settings
from pulumi.runtime.proto import resource_pb2
from pulumi_azure_native import resources

rg = resources.ResourceGroup("rg", location="westeurope")


def send(_name: str) -> None:
    props = struct_pb2.Struct()
    props.update({
        "resourceGroupName": "rg-direct",
        "location": "eastus",
        "databaseAccountOfferType": "Standard",
        "locations": [{"locationName": "eastus", "failoverPriority": 0}],
        "publicNetworkAccess": "Enabled",
    })
    stack_urn = f"urn:pulumi:{pulumi.get_stack()}::{pulumi.get_project()}::pulumi:pulumi:Stack::" \
                f"{pulumi.get_project()}-{pulumi.get_stack()}"
    req = resource_pb2.RegisterResourceRequest(
        type="azure-native:cosmosdb:DatabaseAccount", name="direct-us", parent=stack_urn,
        custom=True, object=props, acceptSecrets=True, acceptResources=True)
    settings.get_monitor().RegisterResource(req)


rg.name.apply(send)
