"""Copies of data or metadata to another region: Event Grid data residency (E4/G1), storage
geo-replication SKUs (T8/G3) and cross-tenant replication (T6), Cosmos DB multi-region writes,
automatic failover and periodic geo backups (G4), Service Bus geo-replication (G5).

Every "replicate to the pair" feature is allowed only where the region's published pair is
inside the boundary (G2: pairs may leave the jurisdiction or point one way). Pure.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..applicability import applies_to
from ..context import NO_BOUNDARY_MESSAGE, PolicyContext
from ..findings import Finding
from ..tokens import matches, short
from ..values import MISSING, as_bool, as_list, lookup, require
from .location import region_verdict
from ..catalogue import catalogue
from .properties import rule_check, rule_remediation

#: Storage SKUs that replicate to the paired region (G3).
GEO_REPLICATING_SKUS: frozenset[str] = frozenset(
    s.lower() for s in (
        "Standard_GRS", "Standard_RAGRS", "Standard_GZRS", "Standard_RAGZRS",
        "StandardV2_GRS", "StandardV2_GZRS",
    )
)


def _pair_message(ctx: PolicyContext, location: Any, feature: str) -> str | None:
    """``None`` when ``location``'s pair is inside the boundary, else why the copy leaves it."""
    if ctx.boundary is None:
        return f"{feature}: {NO_BOUNDARY_MESSAGE}"
    if not isinstance(location, str):
        return f"{feature}: the resource has no known location, so its pair cannot be shown inside"
    if ctx.pair_inside(location):
        return None
    return (f"{feature} copies to the pair of {location!r}, which is not inside the sovereignty "
            f"boundary {ctx.boundary_label} (or the region has no published pair)")


#: The tokens each hand-written check guards (declared for the wrapper's skip, and tested).
EVENTGRID_TOKENS = ("eventgrid:Topic", "eventgrid:Domain")
STORAGE_TOKENS = ("storage:StorageAccount",)
COSMOS_TOKENS = ("cosmosdb:DatabaseAccount",)
SERVICEBUS_TOKENS = ("servicebus:Namespace",)


@applies_to(*EVENTGRID_TOKENS)
def check_eventgrid_residency(token: str, props: Mapping[str, Any], ctx: PolicyContext, *, protect: bool = False) -> list[Finding]:
    """E4/G1: ``WithinRegion`` replicates nothing; ``WithinGeopair`` - explicit, or absent, which
    is the API default - replicates the topic's metadata to the region's pair, so it passes only
    where the pair is inside the boundary (westeurope -> northeurope inside the EU: compliant; a
    region without a published pair, or with its pair outside: a violation). Judging the absent
    key by the default it stands for, rather than demanding it be written, is what Azure documents
    (https://learn.microsoft.com/azure/event-grid/geo-disaster-recovery): no crying wolf."""
    if not matches(token, EVENTGRID_TOKENS):
        return []
    value = require(props, "dataResidencyBoundary")
    if value is not MISSING and str(value).lower() == "withinregion":
        return []
    if value is MISSING or str(value).lower() == "withingeopair":
        shown = "absent (API default WithinGeopair)" if value is MISSING else "'WithinGeopair'"
        why = _pair_message(ctx, require(props, "location"), f"dataResidencyBoundary {shown}")
        return [Finding(f"{why}; set 'WithinRegion'", "E4")] if why else []
    return [Finding(f"dataResidencyBoundary {value!r} is not 'WithinRegion'", "E4")]


def remediate_eventgrid_residency(token: str, props: Mapping[str, Any]) -> dict[str, Any] | None:
    """``WithinRegion`` is always at least as strict as any other value (G1)."""
    if not matches(token, EVENTGRID_TOKENS):
        return None
    value = lookup(props, "dataResidencyBoundary")
    if isinstance(value, str) and value.lower() == "withinregion":
        return None
    return {**dict(props), "dataResidencyBoundary": "WithinRegion"}


@applies_to(*STORAGE_TOKENS)
def check_storage_replication(token: str, props: Mapping[str, Any], ctx: PolicyContext, *, protect: bool = False) -> list[Finding]:
    """T8/G3: a GRS-family SKU copies every blob to the paired region; allowed only where the
    pair is inside. Azure Policy 7433c107 ("allowed SKUs") with an LRS/ZRS list is the anchor."""
    if not matches(token, STORAGE_TOKENS):
        return []
    sku = require(props, "sku.name")
    if sku is MISSING:
        return [Finding("storage account sku.name is absent; choose an LRS or ZRS SKU", "T8")]
    if str(sku).lower() not in GEO_REPLICATING_SKUS:
        return []
    why = _pair_message(ctx, require(props, "location"), f"sku {sku!r} (geo-redundant storage)")
    return [Finding(f"{why}; use a *_LRS or *_ZRS SKU", "G3")] if why else []


#: T6 (catalogue rows). Azure Policy 92a89a79 flags anything but an explicit false, but Azure
#: itself defaults ``allowCrossTenantReplication`` to false for accounts created since December
#: 2023, so an absent key on a new account is compliant (no crying wolf); ``check-state`` sees the
#: deployed value of older accounts in their outputs.
CROSS_TENANT_RULE = "storage-no-cross-tenant-replication"
CROSS_TENANT = catalogue().checks(CROSS_TENANT_RULE)
check_cross_tenant_replication = rule_check(CROSS_TENANT_RULE)
remediate_cross_tenant_replication = rule_remediation(CROSS_TENANT_RULE)

#: G4 (catalogue rows). Decision: true is a violation even with one location today - the flag
#: makes every region added later a write region, and the source design requires "multi-region
#: writes disabled".
MULTI_REGION_WRITES_RULE = "cosmos-no-multi-region-writes"
MULTI_REGION_WRITES = catalogue().checks(MULTI_REGION_WRITES_RULE)
check_cosmos_multi_region_writes = rule_check(MULTI_REGION_WRITES_RULE)
remediate_cosmos_multi_region_writes = rule_remediation(MULTI_REGION_WRITES_RULE)

#: Copies to the paired region named by a property (SQL backup storage redundancy, Notification
#: Hubs replication): allowed only where the region's pair is inside the boundary (G2).
PAIRED_COPIES_RULE = "paired-copies-in-boundary"
PAIRED_COPIES = catalogue().checks(PAIRED_COPIES_RULE)
check_paired_copies = rule_check(PAIRED_COPIES_RULE)
remediate_paired_copies = rule_remediation(PAIRED_COPIES_RULE)


@applies_to(*COSMOS_TOKENS)
def check_cosmos_failover(token: str, props: Mapping[str, Any], ctx: PolicyContext, *, protect: bool = False) -> list[Finding]:
    """G4: with ``enableAutomaticFailover`` the service may move the write region to any
    ``locations[]`` entry; every failover target must be inside (absent = API default false)."""
    if not matches(token, COSMOS_TOKENS):
        return []
    if as_bool(require(props, "enableAutomaticFailover")) is not True:
        return []
    return _listed_regions(props, "locations", ctx, "automatic failover target locations[{i}]", "G4")


@applies_to(*COSMOS_TOKENS)
def check_cosmos_backup(token: str, props: Mapping[str, Any], ctx: PolicyContext, *, protect: bool = False) -> list[Finding]:
    """G4: periodic backups default to geo-redundant storage in the pair of the account's
    regions. ``Continuous`` (stored in the account's own regions) or periodic ``Local``/``Zone``
    pass; periodic ``Geo`` (or absent, the service default, or no ``backupPolicy`` at all,
    which is periodic) passes only where every region's pair is inside."""
    if not matches(token, COSMOS_TOKENS):
        return []
    kind = require(props, "backupPolicy.type")
    if isinstance(kind, str) and kind.lower() == "continuous":
        return []
    redundancy = require(props, "backupPolicy.periodicModeProperties.backupStorageRedundancy")
    if isinstance(redundancy, str) and redundancy.lower() in ("local", "zone"):
        return []
    shown = "absent (service default Geo)" if redundancy is MISSING else repr(redundancy)
    regions = [require(e, "locationName") for e in as_list(require(props, "locations"))]
    regions = [r for r in regions if isinstance(r, str)] or [require(props, "location")]
    findings = []
    for region in regions:
        why = _pair_message(ctx, region if region is not MISSING else None,
                            f"periodic backup redundancy {shown}")
        if why:
            findings.append(Finding(f"{why}; set backupStorageRedundancy 'Local' or 'Zone', or "
                                    "use a Continuous backup policy", "G4"))
    return findings


@applies_to(*SERVICEBUS_TOKENS)
def check_servicebus_geo_replication(token: str, props: Mapping[str, Any], ctx: PolicyContext, *, protect: bool = False) -> list[Finding]:
    """G5: Service Bus geo-replication copies messages and metadata to every listed region."""
    if not matches(token, SERVICEBUS_TOKENS):
        return []
    return _listed_regions(props, "geoDataReplication.locations", ctx,
                           "geoDataReplication.locations[{i}].locationName", "G5")


def _listed_regions(props: Mapping[str, Any], path: str, ctx: PolicyContext, label: str, control: str) -> list[Finding]:
    """A verdict for each ``locationName`` of the list at ``path`` (a region data is copied to);
    ``label`` names the entry in the message, with ``{i}`` for its index."""
    findings = []
    for i, entry in enumerate(as_list(require(props, path))):
        name = require(entry, "locationName")
        found = region_verdict(name if name is not MISSING else None, ctx, label.format(i=i), control)
        if found:
            findings.append(found)
    return findings
