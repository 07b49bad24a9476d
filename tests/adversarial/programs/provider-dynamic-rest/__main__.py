"""A dynamic provider whose `create` calls the ARM REST API to create a US Cosmos account.

Attack: `pulumi.dynamic.Resource` registers `pulumi-python:dynamic:Resource`; its behaviour
is Python code serialised into the state and run by the engine on `up`. Its inputs
(`location: eastus`) are data the gate can see, but the code can do anything; dynamic
providers are never allowed by default.

Class: other providers
Issue: 12 other providers
Blame: cosmos-via-rest
Mentions: dynamic
"""

import pulumi
from pulumi.dynamic import CreateResult, Resource, ResourceProvider


class ArmAccount(ResourceProvider):
    def create(self, props):  # runs only on `pulumi up`
        import urllib.request

        body = ('{"location": "%s", "properties": {"publicNetworkAccess": "Enabled"}}' % props["location"]).encode()
        urllib.request.urlopen(urllib.request.Request(props["url"], data=body, method="PUT"))
        return CreateResult(id_=props["url"], outs=props)


class Account(Resource):
    def __init__(self, name, props, opts=None):
        super().__init__(ArmAccount(), name, props, opts)


Account("cosmos-via-rest", {
    "url": "https://management.azure.com/subscriptions/0000/resourceGroups/rg/providers/"
           "Microsoft.DocumentDB/databaseAccounts/orders-us?api-version=2024-05-15",
    "location": "eastus",
})
