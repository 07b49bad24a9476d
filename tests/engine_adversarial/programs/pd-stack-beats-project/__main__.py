"""Project config westeurope, stack file eastus: the stack file wins.

Why: provider defaults (project config)
Expect: violation
Blame: rg
"""

from pulumi_azure_native import resources

resources.ResourceGroup("rg")
