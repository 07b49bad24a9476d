"""The program registers a second root stack through the monitor, hoping to be judged as it.

Why: isolation (incomplete stream)
Expect: error
Mentions: 2 root stacks
"""

import pulumi.runtime.settings as settings
from pulumi.runtime.proto import resource_pb2
from pulumi_azure_native import resources

resources.ResourceGroup("rg", location="westeurope")
settings.get_monitor().RegisterResource(
    resource_pb2.RegisterResourceRequest(type="pulumi:pulumi:Stack", name="decoy-dev"))
