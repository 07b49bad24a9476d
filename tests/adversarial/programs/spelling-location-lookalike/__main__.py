"""A location spelled with a Greek omicron: `westeur\u03bfpe` looks like westeurope.

Attack: a reviewer reads westeurope; the string is not a region the gate knows. An unknown
region must fail closed (blocked as "not a region of the boundary"), never be passed as
"probably fine" or skipped.

Class: token spellings
Issue: 12 spellings nobody listed
Blame: lookalike
"""

from pulumi_azure_native import resources

resources.ResourceGroup("lookalike", location="westeur\u03bfpe")
