"""The program patches the gate's report so that every verdict is exit 0.

In the gate's own process PreviewReport.exit_code was the verdict; the program's process
holds only its own copy of the module.

Why: isolation (monkeypatching)
Expect: violation
Blame: rg-us
"""

from pulumi_azure_native import resources

from sovereign_components.gate import model

model.PreviewReport.exit_code = lambda self, strict=False: 0
resources.ResourceGroup("rg-us", location="eastus")
