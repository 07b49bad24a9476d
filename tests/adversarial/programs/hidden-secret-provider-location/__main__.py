"""`azure-native:location` stored as a secret in the stack file; the resource group has none.

Attack: `pulumi config set --secret azure-native:location eastus` encrypts the value; offline
nobody can decrypt it, so a gate that treats a secret as "set, fine" or as absent never
learns the region. It must be undecided with the reason, not passed.

Class: hidden values
Issue: 13 provider defaults (secrets)
Blame: rg
Mentions: azure-native:location
"""

from pulumi_azure_native import resources

resources.ResourceGroup("rg")
