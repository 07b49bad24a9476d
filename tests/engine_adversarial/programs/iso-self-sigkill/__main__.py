"""The program kills itself with SIGKILL after queueing an eastus group.

Why: isolation (killed)
Expect: error
Mentions: SIGKILL
"""

import os
import signal

from pulumi_azure_native import resources

rg = resources.ResourceGroup("rg-us", location="eastus")
rg.name.apply(lambda _: os.kill(os.getpid(), signal.SIGKILL))
