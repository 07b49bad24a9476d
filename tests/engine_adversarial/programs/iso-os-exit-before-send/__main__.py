"""os._exit(0) right after constructing an eastus group: its registration never leaves the process.

The SDK only queues work in constructors; exiting with status 0 before it runs used to end
the gate with exit 0 and nothing judged. The monitor received no stack: an incomplete run.

Why: isolation (os._exit)
Expect: error
Mentions: the program registered no stack
"""

import os

from pulumi_azure_native import resources

resources.ResourceGroup("rg-us", location="eastus")
os._exit(0)
