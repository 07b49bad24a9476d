"""The program replaces the policy pack's rules with rules that find nothing.

Why: isolation (monkeypatching)
Expect: violation
Blame: rg-us
"""

import importlib

from pulumi_azure_native import resources

for module, name in (("sovereign_components.policies", "build_policies"),
                     ("sovereign_components.gate.analysis.analyzer", "analyze"),
                     ("sovereign_components.gate.pipeline", "audit")):
    try:
        setattr(importlib.import_module(module), name, lambda *a, **k: [])
    except ImportError:
        pass
resources.ResourceGroup("rg-us", location="eastus")
