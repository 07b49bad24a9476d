"""An honest program that prints, logs warnings and errors through pulumi.log, and exports.

pulumi.log.error does not fail a Pulumi run (pulumi/pulumi#6090), so it must not fail the
gate either; the messages reach the gate's stderr.

Why: isolation (honest counterpart)
Expect: pass
Mentions: program warning: check the SKU
"""

import pulumi
from pulumi_azure_native import eventhub, resources

print("hello from the program")
pulumi.log.warn("check the SKU")
pulumi.log.error("an error message that does not fail the run")
rg = resources.ResourceGroup("rg", location="westeurope")
ns = eventhub.Namespace(
    "ns",
    resource_group_name=rg.name,
    sku=eventhub.SkuArgs(name="Standard", tier="Standard"),
    public_network_access="Disabled",
    disable_local_auth=True,
    minimum_tls_version="1.2",
)
pulumi.export("namespace", ns.name)
