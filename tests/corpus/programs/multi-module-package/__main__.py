"""A project whose infrastructure lives in a package (`infra/`) of small modules.

`infra/network.py` builds the VNet and the private DNS zone, `infra/data.py` a private storage
account reached through a private endpoint; `__main__.py` only wires them.

Style: multi-module project (package of modules)
"""

import pulumi
from pulumi_azure_native import resources

from infra import data, network

rg = resources.ResourceGroup("app", location="westeurope")
net = network.build(rg.name, "westeurope")
store = data.build(rg.name, "westeurope", net)
pulumi.export("account", store.name)
