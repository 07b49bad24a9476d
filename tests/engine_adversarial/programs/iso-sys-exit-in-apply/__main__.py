"""raise SystemExit(0) from an apply callback.

Why: isolation (sys.exit)
Expect: error
Mentions: incomplete run
"""

from pulumi_azure_native import resources

rg = resources.ResourceGroup("rg-us", location="eastus")


def leave(_name: str) -> str:
    raise SystemExit(0)


rg.name.apply(leave)
