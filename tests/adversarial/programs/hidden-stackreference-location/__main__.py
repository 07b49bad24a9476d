"""A resource group whose `location` is an output of another stack.

Attack: `StackReference("acme/platform/prod").get_output("region")` returns eastus at
deployment time; offline the value is unknown. The gate must say which stack it could not
read and not pass the group.

Class: hidden values
Issue: 13 invokes and StackReference
Blame: rg
Mentions: acme/platform/prod
"""

import pulumi
from pulumi_azure_native import resources

platform = pulumi.StackReference("acme/platform/prod")
resources.ResourceGroup("rg", location=platform.get_output("region"))
