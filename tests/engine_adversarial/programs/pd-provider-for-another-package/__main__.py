"""A component's providers map names only a `random` provider: children keep the default one.

Honest: the azure-native children use the default provider (stack config westeurope); a
provider of another package is not inherited by them.

Why: provider defaults (honest counterpart)
Expect: pass
"""

import pulumi
from pulumi_azure_native import eventhub, resources


class Fake(pulumi.ProviderResource):
    def __init__(self, name: str) -> None:
        super().__init__("random", name, {})


class Bus(pulumi.ComponentResource):
    def __init__(self, name: str, opts: pulumi.ResourceOptions) -> None:
        super().__init__("acme:index:Bus", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        rg = resources.ResourceGroup(f"{name}-rg", opts=child)
        eventhub.Namespace(f"{name}-ns", resource_group_name=rg.name,
                           sku=eventhub.SkuArgs(name="Standard", tier="Standard"),
                           public_network_access="Disabled", disable_local_auth=True, minimum_tls_version="1.2",
                           opts=child)
        self.register_outputs({})


Bus("bus", pulumi.ResourceOptions(providers={"random": Fake("rnd")}))
