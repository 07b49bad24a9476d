"""Resource logs of an in-stack namespace sent to a workspace id read from another stack.

Attack: the sink id comes from `StackReference("acme/soc/prod")`; that workspace is in the US.
An unknown sink is not an in-boundary sink: the gate must name the stack and not pass.

Class: hidden values
Issue: 13 invokes and StackReference
Blame: ns-logs
Mentions: acme/soc/prod
"""

import pulumi
from pulumi_azure_native import monitor, servicebus

soc = pulumi.StackReference("acme/soc/prod")
ns = servicebus.Namespace(
    "ns",
    resource_group_name="rg-bus",
    location="westeurope",
    sku={"name": "Premium", "tier": "Premium", "capacity": 1},
    public_network_access="Disabled",
    disable_local_auth=True,
    minimum_tls_version="1.2",
)
monitor.DiagnosticSetting(
    "ns-logs",
    resource_uri=ns.id,
    workspace_id=soc.require_output("workspaceId"),
    logs=[monitor.DiagnosticsLogSettingsArgs(category_group="allLogs", enabled=True)],
)
