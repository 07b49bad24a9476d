"""A resource group without `location` whose provider default comes from an ESC environment.

Attack: `Pulumi.dev.yaml` imports the Pulumi ESC environment `acme/azure-eastus`, whose
`pulumiConfig` sets `azure-native:location: eastus`. ESC cannot be read offline; a gate that
ignores `environment:` treats the location as absent or falls back to something else. It must
be reported as undecided naming the environment, never passed.

Class: hidden values
Issue: 13 provider defaults (ESC)
Blame: rg
Mentions: acme/azure-eastus
"""

from pulumi_azure_native import resources

resources.ResourceGroup("rg")
