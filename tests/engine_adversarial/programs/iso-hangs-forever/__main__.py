"""The program never finishes: it sleeps in an apply callback.

A gate that waits forever gives CI nothing; the run is stopped at the time limit and is
exit 2 naming it (here SOVEREIGN_PROGRAM_TIMEOUT=4 s).

Why: isolation (timeout)
Expect: error
Env: SOVEREIGN_PROGRAM_TIMEOUT=4
Mentions: did not finish within 4 s
"""

import time

from pulumi_azure_native import resources

rg = resources.ResourceGroup("rg-us", location="eastus")
rg.name.apply(lambda _: time.sleep(3600))
