"""A *remote* (multi-language) component of a third-party package asked to replicate to eastus.

Attack: `ComponentResource(..., remote=True)` is constructed by the package's provider
process at deployment time; its children never appear in the program. Offline nothing shows
what it creates — it must be blocked unless the package is allow-listed.

Class: other providers
Issue: 12 other providers
Blame: replicator
Mentions: acme-data:index:Replicator
"""

import pulumi

pulumi.ComponentResource(
    "acme-data:index:Replicator",
    "replicator",
    {"sourceAccount": "archiveweu", "targetRegion": "eastus"},
    remote=True,
)
