"""A resource group in "East US", written as the display name Azure also accepts.

Attack: Azure normalises location names (case and spaces); a gate comparing raw strings
against `eastus` misses `"East US"`. It must normalise (as Azure Policy's Cosmos-locations
rule does) or refuse an unknown spelling.

Class: token spellings
Issue: 12 spellings nobody listed
Blame: rg-display
"""

from pulumi_azure_native import resources

resources.ResourceGroup("rg-display", location="East US")
