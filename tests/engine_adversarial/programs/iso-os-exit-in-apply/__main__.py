"""os._exit(0) inside an apply callback, once the eastus group's registration is in flight.

Why: isolation (os._exit)
Expect: error
Mentions: incomplete run
"""

import os

from pulumi_azure_native import resources

rg = resources.ResourceGroup("rg-us", location="eastus")
rg.name.apply(lambda _: os._exit(0))
