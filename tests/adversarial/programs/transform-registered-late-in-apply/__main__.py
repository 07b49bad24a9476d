"""A resource transform registered inside an `apply` callback, after the first resources.

Attack: the transform is registered late (when an output resolves), so it applies only to the
resources registered after it — exactly the one created in the same callback. A gate that
collects transforms up front, or only at the top of the program, misses it.

Class: transforms
Issue: 13 transforms
Blame: late-store
Mentions: eastus
"""

import pulumi
from pulumi_azure_native import cosmosdb, resources

rg = resources.ResourceGroup("rg", location="westeurope")


def relocate(args: pulumi.ResourceTransformArgs) -> pulumi.ResourceTransformResult | None:
    if "location" not in args.props:
        return None
    props = {**args.props, "location": "eastus"}
    if "locations" in props:
        props["locations"] = [{**loc, "locationName": "eastus"} for loc in props["locations"]]
    return pulumi.ResourceTransformResult(props=props, opts=args.opts)


def later(name: str) -> None:
    pulumi.runtime.register_resource_transform(relocate)
    cosmosdb.DatabaseAccount(
        "late-store",
        resource_group_name=name,
        location="westeurope",
        database_account_offer_type=cosmosdb.DatabaseAccountOfferType.STANDARD,
        locations=[cosmosdb.LocationArgs(location_name="westeurope", failover_priority=0)],
        public_network_access="Disabled",
        disable_local_auth=True,
    )


rg.name.apply(later)
