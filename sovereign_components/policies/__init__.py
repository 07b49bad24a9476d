"""The sovereignty CrossGuard policy pack: a type catalogue (data), rule predicates (pure) and
their policy objects. Default-deny: a resource is acceptable only when the catalogue
(``data/catalogue.toml``, :mod:`.catalogue`) vets its type; what the SDK declares about each
type is generated ahead into ``data/sdk_facts.json`` (:mod:`.facts`, ``tools/policy_facts.py``).

Public API::

    PACK_NAME, ENFORCEMENT_LEVEL, INITIAL_CONFIG
    build_policies() -> list[pulumi_policy.Policy]      # imports pulumi_policy lazily
    GLOBAL_TYPES                                        # tokens allowed at location 'global' (G10), from the catalogue
    RULES, RULES_BY_NAME                                # the rule table (data)
    context_from_config(config, stack_boundary=None)    # parse/validate one policy's config

Importing this package pulls in neither pulumi, pulumi_policy nor pulumi_azure_native.

May import: :mod:`sovereign_components.events` (the shared names only),
:mod:`sovereign_components.geo` and the shared ``errors`` module; ``pulumi_policy`` only in
:mod:`.pack`. Never imports pulumi_azure_native, the components or the gate.
"""

from __future__ import annotations

from typing import Any

from .context import PolicyContext, context_from_config
from .table import RULES, RULES_BY_NAME
from .tokens import GLOBAL_TYPES, canonical_token

PACK_NAME = "sovereign-events"
#: Pack default (``ENFORCEMENT_LEVEL``, a ``pulumi_policy.EnforcementLevel``, resolved lazily
#: so importing this package stays free of pulumi_policy): used only by a policy without its
#: own level - every row of the table has one - so it is MANDATORY to fail closed.
DEFAULT_ENFORCEMENT_LEVEL = "mandatory"
#: No initial config: the boundary comes from --policy-pack-config (policy/config.<b>.json)
#: or the stack config 'sovereign:boundary'.
INITIAL_CONFIG: dict[str, Any] | None = None

__all__ = [
    "DEFAULT_ENFORCEMENT_LEVEL",
    "ENFORCEMENT_LEVEL",
    "GLOBAL_TYPES",
    "INITIAL_CONFIG",
    "PACK_NAME",
    "RULES",
    "RULES_BY_NAME",
    "PolicyContext",
    "build_policies",
    "canonical_token",
    "context_from_config",
]


def __getattr__(name: str) -> Any:
    if name == "ENFORCEMENT_LEVEL":
        from pulumi_policy import EnforcementLevel

        return EnforcementLevel(DEFAULT_ENFORCEMENT_LEVEL)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def build_policies() -> list[Any]:
    """The pack's ``pulumi_policy`` policy objects (imports pulumi_policy on first call)."""
    from .pack import build_policies as _build

    return _build()
