"""A StackReference (used for a tag) no longer ends the run; the eastus group is judged.

Why: invokes (StackReference)
Expect: violation
Blame: rg-us
"""

import pulumi
from pulumi_azure_native import resources

shared = pulumi.StackReference("acme/shared/prod")
resources.ResourceGroup("rg-us", location="eastus", tags={"team": shared.get_output("team")})
