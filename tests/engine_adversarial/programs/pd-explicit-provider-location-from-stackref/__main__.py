"""An explicit provider whose location comes from another stack's output.

Why: provider defaults (explicit provider)
Expect: withheld
Mentions: acme/platform/prod
"""

import pulumi
import pulumi_azure_native as azure_native
from pulumi_azure_native import resources

platform = pulumi.StackReference("acme/platform/prod")
provider = azure_native.Provider("platform", location=platform.get_output("region"))
resources.ResourceGroup("rg", opts=pulumi.ResourceOptions(provider=provider))
