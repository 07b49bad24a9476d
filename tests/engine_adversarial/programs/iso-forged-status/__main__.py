"""The program writes forged "success" records into every descriptor it can find.

The only channel from the program to the gate is its failure report; anything written there
can only fail the run (exit 2), never pass it.

Why: isolation (fake report)
Expect: error
Mentions: nothing was judged
"""

import os

from pulumi_azure_native import resources

resources.ResourceGroup("rg-us", location="eastus")
for fd in range(3, 64):
    try:
        os.write(fd, b'{"kind": "ok", "mandatory": 0}\nnot json\n')
    except OSError:
        pass
