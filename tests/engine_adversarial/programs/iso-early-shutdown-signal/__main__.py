"""The program signals "registrations complete" itself, then registers an eastus group.

Registrations after the shutdown signal are not part of a run the engine would accept;
the gate says so instead of judging the part before the signal.

Why: isolation (incomplete stream)
Expect: error
Mentions: after signalling completion
"""

import pulumi.runtime.settings as settings
from google.protobuf import empty_pb2
from pulumi_azure_native import resources

resources.ResourceGroup("rg", location="westeurope")
settings.get_monitor().SignalAndWaitForShutdown(empty_pb2.Empty())
resources.ResourceGroup("rg-us", location="eastus")
