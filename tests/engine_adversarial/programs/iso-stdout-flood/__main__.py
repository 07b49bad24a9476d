"""The program writes 4 MB to stdout and stderr before an eastus group.

The gate relays the program's output without blocking it and without mixing it into the
report.

Why: isolation (fake report)
Expect: violation
Blame: rg-us
"""

import sys

from pulumi_azure_native import resources

chunk = "x" * 1023 + "\n"
for _ in range(2048):
    sys.stdout.write(chunk)
    sys.stderr.write(chunk)
resources.ResourceGroup("rg-us", location="eastus")
