"""The project-level `config:` block of Pulumi.yaml sets azure-native:location eastus.

The stack file is silent, so the project value is the default provider's location.

Why: provider defaults (project config)
Expect: violation
Blame: rg
"""

from pulumi_azure_native import resources

resources.ResourceGroup("rg")
