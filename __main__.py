"""Entry point of the multi-language component package (see PulumiPlugin.yaml next to it).

The Pulumi language host runs this directory as the plugin; this file only starts the gRPC
provider that serves RegionalEventPlane, SovereignEventStore and ComplianceDLQ. It is not the
stack program (that is ``stacks/__main__.py``, named by ``Pulumi.yaml``).
"""

import sys
from pathlib import Path

if __name__ == "__main__":
    # The plugin runs from a checkout, not an installed wheel: make the package next to this
    # file importable however the language host starts it.
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from sovereign_components.components.provider import main

    main()
