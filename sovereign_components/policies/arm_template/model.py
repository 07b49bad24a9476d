"""What the expander returns and how it fails: :class:`VirtualResource`, :class:`Unevaluable`,
the limits that bound the work, and the placeholders used where ARM would know a value the
gate cannot (the subscription, a resource group name).

Pure: stdlib only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final, Literal

Scope = Literal["resourceGroup", "subscription", "managementGroup", "tenant"]
SCOPES: Final[tuple[Scope, ...]] = ("resourceGroup", "subscription", "managementGroup", "tenant")


@dataclass(frozen=True)
class VirtualResource:
    """One resource an escape hatch creates, shaped like the azure-native resource it stands for.

    ``path`` says where it came from (``template.resources[2]``,
    ``template.resources[0].properties.template.resources[1]``, ``template.resources[1].copy[3]``,
    ``resource`` for a generic ``resources:Resource``). ``arm_type`` is the full ARM type, child
    types joined (``Microsoft.Sql/servers/failoverGroups``). ``name`` is the evaluated ARM name
    (``server/fg1`` for a child) or ``None`` when it is not known. ``props`` holds the ARM
    top-level keys (``location``, ``sku``, ``kind``, ``identity``, ``tags``, ``zones`` ...) and
    the ``properties`` object flattened into the top level, as azure-native flattens it; unknown
    values are :data:`~sovereign_components.policies.values.UNKNOWN`. ``location`` is the
    evaluated location (``None`` when the template gives none, ``UNKNOWN`` when it cannot be
    evaluated). ``notes`` explains anything the shape does not say by itself (a clashing key
    kept under ``properties``, a nested deployment whose resources follow it).
    """

    path: str
    arm_type: str
    api_version: str | None
    name: str | None
    props: dict[str, Any]
    location: str | None
    scope: Scope
    notes: tuple[str, ...] = field(default=())


class Unevaluable(Exception):
    """The escape hatch deploys something the gate cannot determine offline: fail closed.

    ``reason`` says what could not be evaluated and how to fix it (inline the template, write
    the value literally, or allow the deployment deliberately in the policy config); ``path``
    says where (``template.resources[3].copy.count``)."""

    def __init__(self, reason: str, path: str = "") -> None:
        self.reason = reason
        self.path = path
        super().__init__(f"{path}: {reason}" if path else reason)


#: How to allow a deployment on purpose; the policy-config key is named by the pack.
ALLOW_HINT: Final = ("or, if the deployment is intended, allow it deliberately in the policy config "
                     "(see docs/arm-templates.md)")


@dataclass(frozen=True)
class Limits:
    """Bounds on the work one :func:`expand` call may do. Past a bound the call raises
    :class:`Unevaluable` (or, for one expression, yields an unknown value): a template built to
    exhaust the gate is blocked, not evaluated forever.

    The defaults sit at or above what ARM itself accepts, so an honest template never meets
    them: a template holds at most 800 resources including copy expansions and a copy loop at
    most 800 iterations, a template expression at most 24,576 characters, a template at most
    4 MB (https://learn.microsoft.com/azure/azure-resource-manager/templates/best-practices#template-limits,
    https://learn.microsoft.com/azure/azure-resource-manager/templates/copy-resources).
    The others (nesting depths, evaluation steps, value sizes) have no documented ARM
    counterpart; they are generous for real templates and keep Python's stack well clear of its
    recursion limit.
    """

    max_resources_per_template: int = 800
    max_copy_count: int = 800
    max_total_resources: int = 5000
    max_expression_chars: int = 24_576
    max_expression_depth: int = 40
    max_deployment_depth: int = 10
    max_value_depth: int = 100
    max_template_nodes: int = 500_000
    max_template_chars: int = 4 * 1024 * 1024
    max_steps: int = 2_000_000
    max_string_chars: int = 1_000_000
    max_collection_items: int = 10_000
    max_reference_chain: int = 32
    max_eval_nesting: int = 120
    max_value_nodes: int = 100_000


DEFAULT_LIMITS: Final = Limits()

#: The subscription id used in ids that ``resourceId()``/``subscription()`` build when the
#: caller does not pass ``subscription_id`` (the all-zero GUID: never a real subscription).
SUBSCRIPTION_PLACEHOLDER: Final = "00000000-0000-0000-0000-000000000000"
#: The resource-group name used in ids that ``resourceGroup()``/``resourceId()`` build when the
#: deployment's resource group name is not known (an output of another resource in preview).
RESOURCE_GROUP_PLACEHOLDER: Final = "deployment-resource-group"
#: The management-group name used by ``managementGroup()`` when it is not known.
MANAGEMENT_GROUP_PLACEHOLDER: Final = "deployment-management-group"
