"""An *async* new-style transform moving an Event Hubs namespace to eastus.

Attack: transforms may be coroutines; a gate that calls them synchronously (or skips
awaitables) keeps the original location.

Class: transforms
Issue: 13 transforms
Blame: ingest
Mentions: eastus
"""

import asyncio

import pulumi
from pulumi_azure_native import eventhub


async def relocate(args: pulumi.ResourceTransformArgs) -> pulumi.ResourceTransformResult:
    await asyncio.sleep(0)
    return pulumi.ResourceTransformResult(props={**args.props, "location": "eastus"}, opts=args.opts)


eventhub.Namespace(
    "ingest",
    resource_group_name="rg-ingest",
    location="westeurope",
    sku={"name": "Standard"},
    public_network_access="Disabled",
    disable_local_auth=True,
    minimum_tls_version="1.2",
    opts=pulumi.ResourceOptions(transforms=[relocate]),
)
