"""A resource group without location that uses an explicit provider set to eastus.

The provider's Check fills a missing location from the provider's configuration: for an
explicit provider resource that is its `location` input (stack config is the default
provider's), so the group is in eastus although the stack says westeurope.

Why: provider defaults (explicit provider)
Expect: violation
Blame: rg
Mentions: explicit provider 'us'
"""

import pulumi
import pulumi_azure_native as azure_native
from pulumi_azure_native import resources

us = azure_native.Provider("us", location="eastus")
resources.ResourceGroup("rg", opts=pulumi.ResourceOptions(provider=us))
