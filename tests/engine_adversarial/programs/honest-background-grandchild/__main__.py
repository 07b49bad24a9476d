"""An honest program that starts a helper process and leaves it running.

Why: isolation (honest counterpart)
Expect: pass
"""

import subprocess
import sys
from pathlib import Path

from pulumi_azure_native import eventhub, resources

helper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(300)"])
Path("sleeper.pid").write_text(str(helper.pid))
rg = resources.ResourceGroup("rg", location="westeurope")
eventhub.Namespace(
    "ns",
    resource_group_name=rg.name,
    sku=eventhub.SkuArgs(name="Standard", tier="Standard"),
    public_network_access="Disabled",
    disable_local_auth=True,
    minimum_tls_version="1.2",
)
