"""The program sends its own RegisterResource for an eastus group, bypassing the SDK classes.

What the monitor receives is what the engine would deploy, however the program built it.

Why: isolation (raw protocol)
Expect: violation
Blame: raw-us
"""

import pulumi
import pulumi.runtime.settings as settings
from google.protobuf import struct_pb2
from pulumi.runtime.proto import resource_pb2
from pulumi_azure_native import resources

rg = resources.ResourceGroup("rg", location="westeurope")
props = struct_pb2.Struct()
props.update({"location": "eastus"})


def send(stack_urn: str) -> None:
    settings.get_monitor().RegisterResource(resource_pb2.RegisterResourceRequest(
        type="azure-native:resources:ResourceGroup", name="raw-us", parent=stack_urn, custom=True,
        object=props))


pulumi.runtime.get_root_resource().urn.apply(send)
