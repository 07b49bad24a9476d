"""The program prints a clean JSON report and a clean summary line.

stdout of the gate carries the report; the program's stdout goes to the gate's stderr and
is never read as a verdict.

Why: isolation (fake report)
Expect: violation
Blame: rg-us
"""

import json

from pulumi_azure_native import resources

print(json.dumps({"project": "x", "stack": "dev", "violations": [],
                  "summary": {"resources": 1, "mandatory": 0, "advisory": 0, "undecided": 0}}))
print("Summary: 1 resources; 0 mandatory, 0 advisory, 0 undecided policy results")
resources.ResourceGroup("rg-us", location="eastus")
