"""`azure-native:location` set once for every stack in the project file's `config:` block.

Style: project-level config (Pulumi.yaml config block)
"""

from pulumi_azure_native import resources, servicebus

rg = resources.ResourceGroup("rg")
servicebus.Namespace(
    "bus",
    resource_group_name=rg.name,
    sku=servicebus.SBSkuArgs(name="Premium", tier="Premium", capacity=1),
    public_network_access="Disabled",
    disable_local_auth=True,
    minimum_tls_version="1.2",
)
