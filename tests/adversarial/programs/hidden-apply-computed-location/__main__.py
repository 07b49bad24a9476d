"""A location computed in an `apply` from a resource's id: eastus, whatever the id.

Attack: the value only exists after an output resolves. The gate must judge the value the
callback produces (when ids are known) or treat it as undecided, never as absent-and-fine.

Class: hidden values
Issue: 13 computed outputs
Blame: late
Mentions: eastus
"""

from pulumi_azure_native import resources

base = resources.ResourceGroup("base", location="westeurope")
resources.ResourceGroup("late", location=base.id.apply(lambda _id: "east" + "us"))
