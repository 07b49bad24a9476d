"""An honest program whose own code reads computed outputs (keys, endpoints, ids).

Why: outputs (honest counterpart)
Expect: pass
"""

import pulumi
from pulumi_azure_native import applicationinsights, eventhub, resources

rg = resources.ResourceGroup("rg", location="westeurope")
insights = applicationinsights.Component("insights", resource_group_name=rg.name, kind="web",
                                         application_type="web", location="westeurope")
ns = eventhub.Namespace(
    "ns",
    resource_group_name=rg.name,
    sku=eventhub.SkuArgs(name="Standard", tier="Standard"),
    public_network_access="Disabled",
    disable_local_auth=True,
    minimum_tls_version="1.2",
    tags={"insights": insights.instrumentation_key.apply(lambda k: k[:8])},
)
pulumi.export("connection", pulumi.Output.concat("InstrumentationKey=", insights.instrumentation_key))
pulumi.export("namespace", ns.service_bus_endpoint.apply(lambda e: e.rstrip("/")))
