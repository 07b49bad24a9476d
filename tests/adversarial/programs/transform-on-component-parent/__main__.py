"""A transform on a component that reaches its children and moves them to eastus.

Attack: the engine applies a resource's own transforms and then each *ancestor's*; here only
the component carries the transform, the children's options are clean.

Class: transforms
Issue: 13 transforms
Blame: plane-rg, plane-topic
Mentions: eastus
"""

import pulumi
from pulumi_azure_native import eventgrid, resources


class Plane(pulumi.ComponentResource):
    def __init__(self, name: str, opts: pulumi.ResourceOptions | None = None) -> None:
        super().__init__("acme:index:Plane", name, {}, opts)
        child = pulumi.ResourceOptions(parent=self)
        rg = resources.ResourceGroup(f"{name}-rg", location="westeurope", opts=child)
        eventgrid.Topic(
            f"{name}-topic",
            resource_group_name=rg.name,
            location="westeurope",
            public_network_access="Disabled",
            disable_local_auth=True,
            data_residency_boundary="WithinRegion",
            minimum_tls_version_allowed="1.2",
            opts=child,
        )
        self.register_outputs({})


def relocate(args: pulumi.ResourceTransformArgs) -> pulumi.ResourceTransformResult | None:
    if "location" in args.props:
        return pulumi.ResourceTransformResult(props={**args.props, "location": "eastus"}, opts=args.opts)
    return None


Plane("plane", opts=pulumi.ResourceOptions(transforms=[relocate]))
