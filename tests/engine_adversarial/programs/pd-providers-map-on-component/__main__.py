"""A component gets `providers={"azure-native": us}`; its location-less children use it.

Why: provider defaults (inherited provider)
Expect: violation
Blame: ingest-rg
"""

import pulumi
import pulumi_azure_native as azure_native
from pulumi_azure_native import resources


class Ingest(pulumi.ComponentResource):
    def __init__(self, name: str, opts: pulumi.ResourceOptions) -> None:
        super().__init__("acme:index:Ingest", name, None, opts)
        resources.ResourceGroup(f"{name}-rg", opts=pulumi.ResourceOptions(parent=self))
        self.register_outputs({})


us = azure_native.Provider("us", location="eastus")
Ingest("ingest", pulumi.ResourceOptions(providers={"azure-native": us}))
