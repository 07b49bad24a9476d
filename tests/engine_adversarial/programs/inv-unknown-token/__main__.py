"""A function no installed provider SDK declares.

Its result cannot be shaped; the run ends with exit 2 naming the token, never with `{}`.

Why: invokes (unshapeable)
Expect: error
Mentions: acme:index:getRegion
"""

import pulumi
from pulumi_azure_native import resources

region = pulumi.runtime.invoke("acme:index:getRegion", {}).value["name"]
resources.ResourceGroup("rg", location=region)
