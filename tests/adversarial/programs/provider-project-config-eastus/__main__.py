"""A resource group without `location`; the provider default comes from the project file.

Attack: the stack file has no `azure-native:location`; `Pulumi.yaml`'s project-level
`config:` block sets it to eastus. Pulumi merges project-level values for provider
namespaces into every stack's config, so the provider puts the group in eastus.

Class: provider defaults
Issue: 13 provider defaults
Blame: rg
Mentions: eastus
"""

from pulumi_azure_native import resources

resources.ResourceGroup("rg")
