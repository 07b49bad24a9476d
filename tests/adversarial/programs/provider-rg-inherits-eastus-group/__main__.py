"""A namespace without `location` in a resource group the program creates in eastus.

Attack: with no `azure-native:location` anywhere, the provider's Check takes the missing
location from the resource group (eastus). The group is blamed by any location rule; the
namespace must be too, since that is where the messages live.

Class: provider defaults
Issue: 13 provider defaults
Blame: bus
Mentions: eastus
"""

from pulumi_azure_native import resources, servicebus

rg = resources.ResourceGroup("rg-us", location="eastus")
servicebus.Namespace(
    "bus",
    resource_group_name=rg.name,
    sku={"name": "Premium", "tier": "Premium", "capacity": 1},
    public_network_access="Disabled",
    disable_local_auth=True,
    minimum_tls_version="1.2",
)
