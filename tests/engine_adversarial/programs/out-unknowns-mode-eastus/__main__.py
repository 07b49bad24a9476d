"""Under --unknowns (ids and computed outputs unknown, as in `pulumi preview`) an eastus group.

Why: outputs (unknowns mode)
Expect: violation
Blame: rg-us
Flags: --unknowns
"""

from pulumi_azure_native import resources

rg = resources.ResourceGroup("rg-us", location="eastus")
resources.ResourceGroup("child", location="westeurope", tags={"parent": rg.id})
