"""The stack imports an ESC environment and sets no azure-native:location.

The environment may set the provider's location; ESC cannot be opened offline, so the
group's location is undecided, naming the environment.

Why: provider defaults (ESC)
Expect: withheld
Mentions: acme/azure-eastus
"""

from pulumi_azure_native import resources

resources.ResourceGroup("rg")
