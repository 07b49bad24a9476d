"""A Premium container registry without admin user, anonymous pull or public network.

Style: build infrastructure (Azure Container Registry)
"""

from pulumi_azure_native import containerregistry, resources

rg = resources.ResourceGroup("build", location="westeurope")
containerregistry.Registry(
    "images",
    resource_group_name=rg.name,
    location="westeurope",
    sku=containerregistry.SkuArgs(name="Premium"),
    admin_user_enabled=False,
    anonymous_pull_enabled=False,
    public_network_access="Disabled",
    network_rule_bypass_options="None",
)
