"""The project-level config entry in its object form: `{value: eastus}`.

Why: provider defaults (project config)
Expect: violation
Blame: rg
"""

from pulumi_azure_native import resources

resources.ResourceGroup("rg")
