"""Construct each component through the component provider (schema names, wire shapes).

What the Pulumi engine does when a TypeScript/Go/C#/Java/YAML program creates
``sovereign:index:<Component>``: camelCase inputs, integers as floats (protobuf numbers),
nested objects as dicts, outputs of one component as inputs of the next. The construct states
are written to the file named by ``construct:out`` for the test to read.
"""

import json

import pulumi

from sovereign_components.components.provider import build_provider, token

provider = build_provider()
common = {"location": "West Europe", "resourceGroupName": "rg-construct", "boundary": "EU"}

plane = provider.construct(
    "plane",
    token("RegionalEventPlane"),
    {
        **common,
        "alertEmail": "security-team@contoso.example",
        "eventHubPartitionCount": 4.0,
        "logRetentionDays": 60.0,
        "maxDeliveryCount": 5.0,
        "complianceDlq": {"retentionDays": 30.0, "alertThreshold": 2.0},
        "processors": [{"name": "orders", "includedEventTypes": ["Orders.OrderPlaced"]}],
        "metadataChannels": [{
            "name": "inventory-metadata",
            "destinationResourceId": "/subscriptions/00000000-0000-0000-0000-000000000002/resourceGroups/rg-us"
                                     "/providers/Microsoft.ServiceBus/namespaces/us-metadata/topics/inventory",
            "grantSenderRole": False,
        }],
    },
)
store = provider.construct(
    "store",
    token("SovereignEventStore"),
    {
        **common,
        "defaultTtlSeconds": 3600.0,
        "writerPrincipalIds": [plane.state["processorPrincipalId"]],
    },
)
dlq = provider.construct(
    "dlq",
    token("ComplianceDLQ"),
    {
        **common,
        "serviceBusNamespaceName": plane.state["serviceBusNamespaceName"],
        "serviceBusNamespaceId": plane.state["serviceBusNamespaceId"],
        "alertEmail": "security-team@contoso.example",
        "retentionDays": 45.0,
        "queueName": "payments-violations",
        "maxDeliveryCount": 7.0,
        "lock": {"kind": "CanNotDelete"},
    },
)

states = {f"{component}.{key}": value for component, result in (("plane", plane), ("store", store), ("dlq", dlq))
          for key, value in result.state.items()}
out = pulumi.Config("construct").require("out")
pulumi.Output.all(**states).apply(lambda resolved: open(out, "w", encoding="utf-8").write(json.dumps(resolved)))
