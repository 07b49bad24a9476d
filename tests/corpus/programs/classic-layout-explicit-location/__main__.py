"""Every resource takes its region from a required project config key (classic-provider layout).

Programs written in the style of the `azure-classic-python` template read `location` from
config and pass it to every resource explicitly; this one does that with azure-native: a
group, a private Event Hubs namespace and a hub.

Style: azure-classic template layout (explicit location from config)
"""

import pulumi
from pulumi_azure_native import eventhub, resources

config = pulumi.Config()
location = config.require("location")

rg = resources.ResourceGroup("rg", location=location)
ns = eventhub.Namespace(
    "ingest",
    resource_group_name=rg.name,
    location=location,
    sku=eventhub.SkuArgs(name="Standard", tier="Standard", capacity=1),
    public_network_access="Disabled",
    disable_local_auth=True,
    minimum_tls_version="1.2",
)
eventhub.EventHub("telemetry", resource_group_name=rg.name, namespace_name=ns.name,
                  partition_count=4, message_retention_in_days=1)
pulumi.export("namespace", ns.name)
