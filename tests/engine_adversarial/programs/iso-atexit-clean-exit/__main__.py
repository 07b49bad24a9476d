"""An atexit handler that ends the interpreter with status 0 after the program ran.

In the gate's own process this skipped the verdict; here the stream was complete before the
handler ran, so the eastus group is judged.

Why: isolation (atexit)
Expect: violation
Blame: rg-us
"""

import atexit
import os

from pulumi_azure_native import resources

atexit.register(lambda: os._exit(0))
resources.ResourceGroup("rg-us", location="eastus")
