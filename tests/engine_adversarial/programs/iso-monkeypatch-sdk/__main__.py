"""The program patches its own SDK so that eastus is sent as westeurope... for one call only.

It wraps the SDK's RegisterResource stub to rewrite nothing, then registers through the raw
stub: whatever it does in its process, what reaches the monitor is judged.

Why: isolation (monkeypatching)
Expect: violation
Blame: rg-us
"""

import pulumi.runtime.settings as settings
from pulumi_azure_native import resources

monitor = settings.get_monitor()
real = monitor.RegisterResource
monitor.RegisterResource = lambda request, *a, **k: real(request, *a, **k)
resources.ResourceGroup("rg-us", location="eastus")
