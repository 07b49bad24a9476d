"""A region picked at deployment time by `random:index/randomShuffle:RandomShuffle`.

Attack: the shuffle's `results[0]` is computed by the random provider on `up` (eastus half of
the time); a gate that fills computed outputs with a harmless-looking placeholder, or with
the first input, passes it. The value is unknowable offline and must not pass.

Class: hidden values
Issue: 13 computed outputs
Blame: shuffled-rg
Mentions: shuffled-rg
"""

import pulumi
from pulumi_azure_native import resources


class RandomShuffle(pulumi.CustomResource):
    """What `pulumi_random.RandomShuffle` registers (inputs, plus the computed `results`)."""

    results: pulumi.Output[list]

    def __init__(self, name: str, inputs: list[str]) -> None:
        super().__init__("random:index/randomShuffle:RandomShuffle", name,
                         {"inputs": inputs, "resultCount": 1, "results": None})


pick = RandomShuffle("region", ["westeurope", "eastus"])
resources.ResourceGroup("shuffled-rg", location=pick.results.apply(lambda r: r[0]))
