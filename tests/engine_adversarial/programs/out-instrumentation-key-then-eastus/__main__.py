"""The program reads App Insights' computed instrumentation_key in its own code.

Computed outputs used to come back as None, so `.upper()` crashed the program (exit 2, not
gated). A typed placeholder lets it run; the eastus account is judged.

Why: outputs (computed)
Expect: violation
Blame: rg-us
"""

from pulumi_azure_native import applicationinsights, resources

rg = resources.ResourceGroup("rg", location="westeurope")
insights = applicationinsights.Component("insights", resource_group_name=rg.name, kind="web",
                                         application_type="web", location="westeurope")
resources.ResourceGroup("rg-us", location="eastus", tags={"key": insights.instrumentation_key.apply(str.upper)})
