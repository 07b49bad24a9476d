"""An atexit handler that exits with status 3 after a complete run.

A program that exits non-zero failed as far as the Pulumi CLI is concerned; the gate must
say so (exit 2 naming the code), never report a verdict for it.

Why: isolation (exit status)
Expect: error
Mentions: exited with code 3
"""

import atexit
import os

from pulumi_azure_native import resources

atexit.register(lambda: os._exit(3))
resources.ResourceGroup("rg", location="westeurope")
