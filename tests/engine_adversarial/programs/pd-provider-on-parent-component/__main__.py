"""`provider=` on a component: the children inherit it through their parent.

Why: provider defaults (inherited provider)
Expect: violation
Blame: plane-rg
"""

import pulumi
import pulumi_azure_native as azure_native
from pulumi_azure_native import resources


class Plane(pulumi.ComponentResource):
    def __init__(self, name: str, opts: pulumi.ResourceOptions) -> None:
        super().__init__("acme:index:Plane", name, None, opts)
        resources.ResourceGroup(f"{name}-rg", opts=pulumi.ResourceOptions(parent=self))
        self.register_outputs({})


Plane("plane", pulumi.ResourceOptions(provider=azure_native.Provider("us", location="eastus")))
