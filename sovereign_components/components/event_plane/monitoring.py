"""The regional Log Analytics workspace and the diagnostic settings that send every resource's
logs to it, and only to it (D1; sinks in the region, G9)."""

from __future__ import annotations

from collections.abc import Mapping

import pulumi

from .. import wiring
from ..args import DiagnosticSettingsArgs
from .context import PlaneContext


def workspace(ctx: PlaneContext) -> pulumi.CustomResource:
    """Per-GB workspace in the plane's region; local (shared key) auth off so only Entra
    identities query or ingest (the workspace holds resource logs, which name data subjects'
    resources). Public ingestion is off (diagnostic settings use the Azure backbone); public
    query stays on so operators can read logs without an Azure Monitor Private Link Scope."""
    from pulumi_azure_native import operationalinsights

    return operationalinsights.Workspace(
        f"{ctx.name}-logs",
        workspace_name=ctx.names.workspace,
        resource_group_name=ctx.resource_group_name,
        location=ctx.location,
        sku=operationalinsights.WorkspaceSkuArgs(name="PerGB2018"),
        retention_in_days=ctx.plan.log_retention_days,
        features=operationalinsights.WorkspaceFeaturesArgs(disable_local_auth=True),
        public_network_access_for_ingestion="Disabled",
        public_network_access_for_query="Enabled",
        tags=ctx.tags,
        opts=ctx.opts(),
    )


def diagnostics(
    ctx: PlaneContext, settings: DiagnosticSettingsArgs, targets: Mapping[str, pulumi.Input[str]]
) -> list[pulumi.CustomResource]:
    """One diagnostic setting per target (``suffix -> resource id``), all logs and metrics."""
    return [
        wiring.diagnostic_setting(f"{ctx.name}-{suffix}-diagnostics", resource_id=resource_id, settings=settings, parent=ctx.parent)
        for suffix, resource_id in targets.items()
    ]
