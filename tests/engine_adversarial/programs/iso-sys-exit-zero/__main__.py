"""sys.exit(0) in the middle of the program: a clean exit status, a stack never completed.

The language host lets the program's SystemExit through; the SDK then never signals that
its registrations are complete, so the run must not be judged as if it were whole.

Why: isolation (sys.exit)
Expect: error
Mentions: never signalled
"""

import sys

from pulumi_azure_native import resources

resources.ResourceGroup("rg-us", location="eastus")
sys.exit(0)
