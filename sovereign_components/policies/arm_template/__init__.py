"""Escape hatches, expanded: the resources a generic ``resources:Resource`` or an inline ARM
template in ``resources:Deployment*`` / ``DeploymentStack*`` deploys, as virtual resources every
rule can judge. Pure: stdlib only (no pulumi, no pulumi_azure_native).

API::

    @dataclass(frozen=True)
    class VirtualResource:
        path: str            # "template.resources[2]", "template.resources[0].properties.template.resources[1]",
                             # "template.resources[1].copy[3]", "resource" (generic resource)
        arm_type: str        # "Microsoft.DocumentDB/databaseAccounts"; child types joined
                             # ("Microsoft.Sql/servers/failoverGroups")
        api_version: str | None
        name: str | None     # evaluated ARM name ("acct", "server/fg1") when known
        props: dict          # azure-native-shaped camelCase inputs: ARM top-level keys (location, sku,
                             # kind, identity, tags, zones, name ...) plus the `properties` object
                             # flattened into the top level; a property clashing with a top-level key
                             # stays under `properties` (noted); unknowns are values.UNKNOWN; every
                             # object is a FoldedDict: lookups ignore case, as resource providers do
        location: str | None # evaluated location; None when absent; values.UNKNOWN when unknown
        scope: str           # "resourceGroup" | "subscription" | "managementGroup" | "tenant"
        notes: tuple[str, ...]  # what the shape does not say: a condition judged as deployed, a
                                # clash, a nested deployment whose resources follow it

    class Unevaluable(Exception):   # fail closed: .reason says what and how to fix, .path where
        reason: str; path: str

    def expand(token: str, props: Mapping[str, Any], *, resource_group_location: str | None = None,
               subscription_id: str | None = None) -> list[VirtualResource]
    def is_escape_hatch(token: str) -> bool     # every spelling (v3, v2, /vYYYYMMDD) of the tokens below
    ESCAPE_HATCHES                              # v3 token -> (kind, scope)

``expand`` raises :class:`Unevaluable` when what is deployed cannot be determined offline (a
``templateLink``/``parametersLink``, a type, copy count or ``existing`` flag that cannot be
evaluated, a ``properties`` object unknown as a whole, limits exceeded) and ``ValueError`` for a
token that is not an escape hatch. Values it cannot evaluate (a parameter computed from another
resource's output, ``reference()``, ``listKeys()``, an unknown function, ``resourceGroup().location``
without ``resource_group_location``) come back as :data:`~sovereign_components.policies.values.UNKNOWN`,
which the rules treat as undecided. Nested deployments are returned too (their ``template`` and
``parameters`` removed: their resources follow them in the list) - do not expand them again.

What is evaluated, what fails closed and why, and the ids/names the placeholders produce:
``docs/arm-templates.md``. May import :mod:`sovereign_components.policies.values` and
:mod:`sovereign_components.policies.tokens` only.
"""

from __future__ import annotations

from .evaluator import KNOWN_FUNCTIONS
from .hatches import ESCAPE_HATCHES, GENERIC_RESOURCE, expand, hatch_token, is_escape_hatch
from .model import (
    DEFAULT_LIMITS,
    MANAGEMENT_GROUP_PLACEHOLDER,
    RESOURCE_GROUP_PLACEHOLDER,
    SCOPES,
    SUBSCRIPTION_PLACEHOLDER,
    Limits,
    Scope,
    Unevaluable,
    VirtualResource,
)

__all__ = [
    "DEFAULT_LIMITS",
    "ESCAPE_HATCHES",
    "GENERIC_RESOURCE",
    "KNOWN_FUNCTIONS",
    "MANAGEMENT_GROUP_PLACEHOLDER",
    "RESOURCE_GROUP_PLACEHOLDER",
    "SCOPES",
    "SUBSCRIPTION_PLACEHOLDER",
    "Limits",
    "Scope",
    "Unevaluable",
    "VirtualResource",
    "expand",
    "hatch_token",
    "is_escape_hatch",
]
