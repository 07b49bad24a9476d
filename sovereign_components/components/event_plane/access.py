"""Least-privilege data-plane access for the plane's managed identities.

Every identity-based connection the plane configures needs exactly one role, at the narrowest
scope Azure supports for it (a queue, a container, a database); all with ``principalType``
ServicePrincipal (managed identities). Local auth is off everywhere, so these assignments are
the only way in (S2, H2, T5, C2).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import pulumi

from .. import wiring
from .context import PlaneContext


@dataclass(frozen=True)
class Grant:
    """One role assignment: ``suffix`` names the Pulumi resource, ``why`` is its description."""

    suffix: str
    role: str
    scope: pulumi.Input[str]
    principal_id: pulumi.Input[str]
    why: str


def principal_of(resource: pulumi.CustomResource) -> pulumi.Output[str]:
    """The system-assigned identity's object id of ``resource``."""
    return resource.identity.apply(lambda identity: identity.principal_id if identity is not None else None)  # type: ignore[attr-defined]


def grant(ctx: PlaneContext, item: Grant) -> pulumi.CustomResource:
    return wiring.assign_role(
        f"{ctx.name}-{item.suffix}",
        scope=item.scope,
        principal_id=item.principal_id,
        role_definition=ctx.role(item.role),
        principal_type="ServicePrincipal",
        description=item.why,
        parent=ctx.parent,
    )


def resource_group_of(resource_id: str) -> str:
    """The resource group segment of an ARM id (``/subscriptions/s/resourceGroups/<rg>/...``)."""
    parts = resource_id.split("/")
    for i, part in enumerate(parts[:-1]):
        if part.lower() == "resourcegroups":
            return parts[i + 1]
    raise ValueError(f"not an ARM resource id: {resource_id!r}")


def cosmos_data_contributor(
    ctx: PlaneContext, principal_id: pulumi.Input[str], *, account_id: pulumi.Input[str], account_name: str, database_name: str
) -> pulumi.CustomResource:
    """Cosmos DB Built-in Data Contributor on the event-store database only (a SQL data-plane
    role assignment; Azure RBAC roles do not reach Cosmos data when local auth is off, C2).

    Only for a store managed elsewhere (``EventStoreReferenceArgs.grant_data_access``): the
    role definition and scope are built from ``account_id`` so that, given the account's ``id``
    output, the grant waits for the account. The assignment id is a stable UUID so a re-run
    updates instead of duplicating it."""
    from pulumi_azure_native import cosmosdb

    account = pulumi.Output.from_input(account_id)
    return cosmosdb.SqlResourceSqlRoleAssignment(
        f"{ctx.name}-event-store-writer",
        account_name=account_name,
        # The store may live in another resource group than the plane: read it from the id.
        resource_group_name=account.apply(resource_group_of),
        role_assignment_id=str(uuid.uuid5(uuid.NAMESPACE_URL, f"sovereign-events/{ctx.names.function_app}/{account_name}/{database_name}")),
        role_definition_id=pulumi.Output.concat(
            account, "/sqlRoleDefinitions/", wiring.cosmos_role_guid("Cosmos DB Built-in Data Contributor")
        ),
        scope=pulumi.Output.concat(account, "/dbs/", database_name),
        principal_id=principal_id,
        opts=ctx.opts(),
    )
