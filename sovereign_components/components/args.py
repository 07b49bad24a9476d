"""The argument vocabulary every component shares (as Azure Verified Modules do).

Each component's args ``TypedDict`` extends :class:`CommonArgs`, so ``location``, ``tags``,
``private_endpoints``, ``diagnostic_settings``, ``role_assignments``, ``lock``, ``protect`` and
``customer_managed_key`` mean the same thing everywhere. Members are ``pulumi.Input[...]``
(what the multi-language component host needs) and only use types its schema inference
supports: no unions, no ``Literal`` (docs/sdk-notes.md, "Component provider").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NotRequired, TypedDict

import pulumi


class PrivateEndpointArgs(TypedDict):
    """Where the component's private endpoints go (control PL: reach data planes privately)."""

    subnet_id: pulumi.Input[str]
    """ARM id of the subnet the private endpoints are created in (same region as the resource)."""
    private_dns_zone_ids: NotRequired[Mapping[str, pulumi.Input[str]]]
    """Existing private DNS zones by zone name (e.g. ``privatelink.servicebus.windows.net``).
    Zones not given here are created (location ``global``) and linked to ``virtual_network_id``."""
    virtual_network_id: NotRequired[pulumi.Input[str]]
    """Virtual network to link created private DNS zones to; required when a zone is created."""


class DiagnosticSettingsArgs(TypedDict):
    """Where resource logs and metrics go (control D1; sinks stay in-region, G9)."""

    workspace_id: pulumi.Input[str]
    """ARM id of a Log Analytics workspace in the same region: the only sink the components use,
    because storage, Event Hub and partner sinks can sit in any region."""
    name: NotRequired[str]
    """Name of each diagnostic setting (default ``sovereign-diagnostics``)."""


class RoleAssignmentArgs(TypedDict):
    """An extra Azure RBAC role assignment on the component's main resource."""

    principal_id: pulumi.Input[str]
    """Object id of the identity that gets the role."""
    role_definition_id: pulumi.Input[str]
    """Role definition GUID or full ARM id."""
    principal_type: NotRequired[pulumi.Input[str]]
    """``ServicePrincipal`` (default: managed identities), ``Group`` or ``User``. The SDK would
    otherwise send ``User``, which makes Azure's assignment of a managed identity slower to
    replicate (docs/sdk-notes.md, "SDK-injected defaults")."""
    description: NotRequired[pulumi.Input[str]]
    """Why the assignment exists, shown in the Azure portal's access review (least privilege is
    easier to audit when every grant says what it is for)."""


class LockArgs(TypedDict):
    """An Azure management lock on the component's data-holding resources."""

    kind: str
    """``CanNotDelete`` or ``ReadOnly``."""
    notes: NotRequired[str]
    """Text stored on the lock; default says the resource holds regulated data, so whoever meets
    the lock knows why deletion is blocked."""


class CustomerManagedKeyArgs(TypedDict):
    """Encryption at rest with a customer-managed key (controls C5, S4, H5, T10; SLZ SO-3)."""

    key_vault_key_uri: pulumi.Input[str]
    """Versionless key URI in a Key Vault / Managed HSM inside the boundary."""
    user_assigned_identity_id: NotRequired[pulumi.Input[str]]
    """User-assigned identity that may unwrap the key (needed where the service requires one)."""


class CommonArgs(TypedDict):
    """Arguments every sovereign component takes."""

    location: pulumi.Input[str]
    """Azure region for every regional child; validated against ``boundary`` (control L1).
    Required: the provider's fallback (the resource group's region) is unknown during preview
    and would turn the location policy into "can't decide" (G13)."""
    resource_group_name: pulumi.Input[str]
    """Resource group the children are created in."""
    boundary: str
    """Sovereignty boundary code (``EU``, ``US``, ``UK``, ...) every region must be inside.
    Required rather than derived from ``location``: westeurope is in EU, EEA and EUDB, and the
    jurisdiction is a legal choice the code must not guess."""
    allowed_regions: NotRequired[Sequence[str]]
    """Extra regions inside the boundary for this component (e.g. a second EU region)."""
    tags: NotRequired[Mapping[str, pulumi.Input[str]]]
    """Tags added to every taggable child (merged over the component's own tags)."""
    private_endpoints: NotRequired[PrivateEndpointArgs]
    """Create private endpoints for the data planes (public network access stays disabled)."""
    diagnostic_settings: NotRequired[DiagnosticSettingsArgs]
    """Send resource logs to this workspace; without it the component creates none (D1 advisory)."""
    role_assignments: NotRequired[Sequence[RoleAssignmentArgs]]
    """Extra role assignments on the component's main resource."""
    lock: NotRequired[LockArgs]
    """Azure management lock on the data-holding resources (none by default)."""
    protect: NotRequired[bool]
    """Pulumi ``protect`` on the data-holding resources (default differs per component)."""
    customer_managed_key: NotRequired[CustomerManagedKeyArgs]
    """Customer-managed key for encryption at rest; service-managed keys when absent."""
