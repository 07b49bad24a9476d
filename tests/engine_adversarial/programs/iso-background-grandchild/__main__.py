"""The program starts a background process that would outlive it, then registers eastus.

The program's whole process group is ended with the run (the test checks that the sleeper
is gone); the eastus group is judged.

Why: isolation (process left behind)
Expect: violation
Blame: rg-us
"""

import subprocess
import sys
from pathlib import Path

from pulumi_azure_native import resources

sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(300)"])
Path("sleeper.pid").write_text(str(sleeper.pid))
resources.ResourceGroup("rg-us", location="eastus")
