"""A component handed an eastus provider through `providers=`; its children have no location.

Attack: the provider reaches the children only by inheritance from the component
(`ResourceOptions(providers={"azure-native": us})`); the children's own options name no
provider. The real engine resolves the inherited provider and its `location`.

Class: provider defaults
Issue: 13 provider defaults
Blame: ingest-rg, ingest-ns
Mentions: eastus
"""

import pulumi
import pulumi_azure_native as azure_native
from pulumi_azure_native import eventhub, resources


class Ingest(pulumi.ComponentResource):
    def __init__(self, name: str, opts: pulumi.ResourceOptions | None = None) -> None:
        super().__init__("acme:index:Ingest", name, {}, opts)
        child = pulumi.ResourceOptions(parent=self)
        rg = resources.ResourceGroup(f"{name}-rg", opts=child)
        eventhub.Namespace(
            f"{name}-ns",
            resource_group_name=rg.name,
            sku={"name": "Standard"},
            public_network_access="Disabled",
            disable_local_auth=True,
            minimum_tls_version="1.2",
            opts=child,
        )
        self.register_outputs({})


us = azure_native.Provider("us", location="eastus")
Ingest("ingest", opts=pulumi.ResourceOptions(providers={"azure-native": us}))
