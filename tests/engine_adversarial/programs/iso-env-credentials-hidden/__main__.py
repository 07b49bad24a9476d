"""The program behaves only when it can see the gate's Pulumi credentials in its environment.

The gate's PULUMI_* variables are not the program's business (the run sets
PULUMI_ACCESS_TOKEN): the program must not see them, so it takes its eastus branch.

Why: isolation (environment)
Expect: violation
Blame: rg-us
Env: PULUMI_ACCESS_TOKEN=pul-gate-token
"""

import os

from pulumi_azure_native import resources

if "PULUMI_ACCESS_TOKEN" in os.environ:
    resources.ResourceGroup("rg", location="westeurope")
else:
    resources.ResourceGroup("rg-us", location="eastus")
