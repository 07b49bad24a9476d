"""A group whose location is another stack's output.

Why: invokes (StackReference)
Expect: withheld
Mentions: acme/platform/prod
"""

import pulumi
from pulumi_azure_native import resources

platform = pulumi.StackReference("acme/platform/prod")
resources.ResourceGroup("rg", location=platform.require_output("region"))
