"""The stack says eastus; the program rewrites its own in-memory config to say westeurope.

Attack: `azure-native:location: eastus` in the stack file is what the provider uses (the engine
hands the provider the stack's config, not the program's memory). The program calls
`pulumi.runtime.set_config("azure-native:location", "westeurope")` before creating a group
without `location`; a gate that emulates the provider default from the program's runtime config
(instead of the stack and project files) places the group in westeurope.

Class: provider defaults
Issue: 13 provider defaults
Blame: rg
Mentions: eastus
"""

import pulumi
from pulumi_azure_native import resources

pulumi.runtime.set_config("azure-native:location", "westeurope")
resources.ResourceGroup("rg")
