"""Placing a cross-resource reference in a region. Pure: no Pulumi.

A reference (an Event Grid destination, a capture account, a diagnostic sink, a DR partner) is
an ARM id or URL whose region is not in the referencing resource's inputs, and during a real
preview the id is usually unknown. Resolution order:

1. the value is **unknown**: the referencing property's ``property_dependencies`` name the
   resources it was computed from; each located one (resource groups excluded: their location
   is metadata, not where the target lives) gives a region — a location-less child (queue,
   function, container) takes the region of its nearest located ancestor, found through its
   own parent-naming property dependencies, its Pulumi parent, or its ARM id;
2. the value is **known**: an allow-listed endpoint (``allowedExternalEndpoints``) gives its
   declared region; an ARM id is matched to a stack resource (by ``id`` output, by id prefix
   for child ids such as ``.../sites/app/functions/fn``, or by ARM type + name *in the same
   place*: every ancestor name in the id equals the resource's parent-naming input, and the
   subscription / resource group equal its own where known); a URL host is matched to a stack
   resource's host (``<site>.azurewebsites.net``, ``<namespace>.servicebus.windows.net``).

A known value that matches neither is *unresolved* (the rule fails closed). Property
dependencies are not trusted for a known value: a literal foreign id with a stale dependency on
an in-boundary resource must not pass. An unknown value with no located dependency is
*unknown* (the rule reports it as undecided).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from ..geo.regions import GLOBAL_LOCATIONS, canonical_region, is_known_region, normalize_region_name
from .arm import ArmId, parse_arm_id, url_host
from .context import PolicyContext
from .findings import StackResource
from .catalogue import catalogue
from .tokens import PARENT_KEYS, canonical_token, full, token_for_arm_type, tokens_for_arm_type
from .values import is_unknown, lookup

RESOURCE_GROUP = "azure-native:resources:ResourceGroup"

#: Data-plane host suffixes of stack resources, from the catalogue: (token, name key, suffix).
#: A host matches when it ends with the suffix and its first label is the resource's name
#: (``acct.blob.core.windows.net``, ``topic.westeurope-1.eventgrid.azure.net``).
HOST_SUFFIXES: tuple[tuple[str, str, str], ...] = tuple(
    (entry.token, entry.name_key or "name", suffix)
    for entry in catalogue().types.values() for suffix in entry.hosts
)


#: ``Placement.via`` of a target placed by the operator's allow-list.
ALLOW_LISTED = "allowedExternalEndpoints"
#: Why a reference to a resource the program only reads is undecided: it exists, nothing offline
#: says where, and a guess either way would be wrong half the time.
READ_UNKNOWN = ("a resource this program reads but does not create (Resource.get / StackReference), whose region "
                "is unknown offline; give the target's region in allowedExternalEndpoints, or accept with "
                "--allow-undecided after checking it")


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a reference points: ``resolved`` with its region(s), ``unknown`` (undecidable in
    this preview) or ``unresolved`` (known value that cannot be placed: fail closed)."""

    status: Literal["resolved", "unknown", "unresolved"]
    regions: tuple[str, ...] = ()
    via: str = ""

    @property
    def allow_listed(self) -> bool:
        """Placed by an ``allowedExternalEndpoints`` entry (not by a stack resource)."""
        return self.status == "resolved" and self.via == ALLOW_LISTED


def _region_value(value: Any) -> str | None:
    if not isinstance(value, str) or is_unknown(value) or not value.strip():
        return None
    key = normalize_region_name(value)
    if key in GLOBAL_LOCATIONS:
        return None
    return canonical_region(value) if is_known_region(value) else key


class StackIndex:
    """The stack's resources by URN, with region lookup for any of them.

    Built once per stack validation and indexed so that every lookup costs O(1) amortised:
    by canonical token, by lower-case ARM ``id`` output, by (token, name key) -> Azure name and
    by ``defaultHostName``; the name/host/id indexes are built on first use, and the region of a
    resource is memoised. A stack rule is thereby O(resources + references) (issue 5: 5x the
    resources may cost at most 6x the time). Every lookup returns what a scan of the resources in
    stack order would (the first match wins, ``exclude`` skips one URN)."""

    def __init__(self, resources: Iterable[StackResource]) -> None:
        self.resources: list[StackResource] = list(resources)
        self.by_urn: dict[str, StackResource] = {r.urn: r for r in self.resources}
        self.by_token: dict[str, list[StackResource]] = {}
        for res in self.resources:
            self.by_token.setdefault(canonical_token(res.type), []).append(res)
        self._by_id: dict[str, list[StackResource]] | None = None
        self._by_name: dict[tuple[str, str], dict[str, list[StackResource]]] = {}
        self._by_host: dict[str, StackResource] | None = None
        self._regions: dict[str, str | None] = {}

    def of_token(self, token: str) -> list[StackResource]:
        """The resources of ``token`` (a v3 token, full or short; any spelling in the stack), in
        stack order: what ``tokens.matches(res.type, (token,))`` selects."""
        return self.by_token.get(full(token), [])

    # -- regions of stack resources -------------------------------------------------------
    def region_of(self, resource: StackResource, _seen: frozenset[str] = frozenset()) -> str | None:
        """The region ``resource`` lives in: its own ``location``, else its nearest located
        ancestor's (parent-naming property dependencies, Pulumi parent, ARM id).

        Memoised for top-level calls only: a call inside a walk (``_seen`` non-empty) may stop
        at a cycle where a fresh walk from that resource would not."""
        if not _seen and resource.urn in self._regions and self.by_urn.get(resource.urn) is resource:
            return self._regions[resource.urn]
        region = self._region_of(resource, _seen)
        if not _seen and self.by_urn.get(resource.urn) is resource:
            self._regions[resource.urn] = region
        return region

    def _region_of(self, resource: StackResource, _seen: frozenset[str]) -> str | None:
        if resource.urn in _seen:
            return None
        seen = _seen | {resource.urn}
        own = _region_value(lookup(resource.props, "location"))
        if own is not None:
            return own
        if canonical_token(resource.type) == RESOURCE_GROUP:
            return None
        for key in PARENT_KEYS:
            for urn in resource.property_dependencies.get(key, ()):
                dep = self.by_urn.get(urn)
                if dep is not None and canonical_token(dep.type) != RESOURCE_GROUP:
                    region = self.region_of(dep, seen)
                    if region:
                        return region
        parent = self.catalogue_parent(resource)
        if parent is not None:
            region = self.region_of(parent, seen)
            if region:
                return region
        if resource.parent and resource.parent in self.by_urn:
            region = self.region_of(self.by_urn[resource.parent], seen)
            if region:
                return region
        own_id = lookup(resource.props, "id")
        if isinstance(own_id, str) and not is_unknown(own_id):
            parsed = parse_arm_id(own_id)
            if parsed is not None and len(parsed.names) > 1:
                match = self.find_by_arm_id("/".join(own_id.rstrip("/").split("/")[:-2]), exclude=resource.urn)
                if match is not None:
                    return self.region_of(match, seen)
        return None

    def catalogue_parent(self, resource: StackResource) -> StackResource | None:
        """The ARM parent of a ``parent``-kind resource (catalogue), found through the property
        dependencies of its parent-naming input, else by that input's literal name among the
        stack's resources of the parent type *in the same resource group* (a namesake in another
        group is another resource). ``None`` when the stack has no such parent."""
        entry = catalogue().types.get(canonical_token(resource.type))
        if entry is None or entry.location != "parent" or not entry.parent or not entry.parent_key:
            return None
        for urn in resource.property_dependencies.get(entry.parent_key, ()):
            dep = self.by_urn.get(urn)
            if dep is not None and canonical_token(dep.type) == entry.parent:
                return dep
        name = lookup(resource.props, entry.parent_key)
        if not isinstance(name, str) or is_unknown(name) or not name.strip():
            return None
        parent_entry = catalogue().types.get(entry.parent)
        key = (parent_entry.name_key if parent_entry is not None else None) or "name"
        groups = self._input_names(resource, "resourceGroupName")
        for cand in self._names(entry.parent, key).get(name.strip().lower(), ()):
            if cand.urn == resource.urn:
                continue
            theirs = self._input_names(cand, "resourceGroupName")
            if groups and theirs and not groups & theirs:
                continue
            return cand
        return None

    # -- finding the stack resource a known value names ------------------------------------
    def _ids(self) -> dict[str, list[StackResource]]:
        if self._by_id is None:
            self._by_id = {}
            for res in self.resources:
                rid = lookup(res.props, "id")
                if not isinstance(rid, str) or is_unknown(rid) or not rid:
                    continue
                self._by_id.setdefault(rid.rstrip("/").lower(), []).append(res)
        return self._by_id

    def find_by_arm_id(self, value: str, *, exclude: str = "") -> StackResource | None:
        """The stack resource an ARM id names (itself or an ancestor of a child id): the one
        whose ``id`` is the longest prefix of ``value`` ending at a segment, else the deepest
        segment whose ARM type + name matches a resource *in the same place*
        (:meth:`_same_place`: every ancestor name, and the subscription / resource group where
        the resource's own are known). A name alone is not enough: every regional plane names
        its processing queue ``sovereign-events``, so another region's queue id must not be
        taken for this stack's (G8: an unplaceable target fails closed)."""
        wanted = value.strip().rstrip("/").lower()
        ids = self._ids()
        # candidates longest first: the whole id, then each prefix that ends before a '/'
        cuts = [len(wanted)] + [i for i in range(len(wanted) - 1, -1, -1) if wanted[i] == "/"]
        for cut in cuts:
            for res in ids.get(wanted[:cut], ()):
                if res.urn != exclude:
                    return res
        parsed = parse_arm_id(value)
        if parsed is None:
            return None
        for depth in range(len(parsed.names) - 1, -1, -1):
            arm_type = parsed.type_at(depth)
            for token, name_key in tokens_for_arm_type(arm_type) if arm_type else ():
                for res in self._names(token, name_key).get(parsed.names[depth].lower(), ()):
                    if res.urn != exclude and self._same_place(res, parsed, depth):
                        return res
        return None

    def _same_place(self, candidate: StackResource, parsed: ArmId, depth: int) -> bool:
        """Whether ``candidate`` (matched by type + name at segment ``depth`` of ``parsed``) is
        the resource the id names, as far as the stack can tell:

        - every ancestor segment's name equals the candidate's parent-naming input (a queue's
          ``namespaceName``, a container's ``accountName``, a function's site ``name``): the
          literal input, or, when it is unknown, the Azure name of the resource it was computed
          from (its property dependency). An ancestor that cannot be checked fails closed;
        - the subscription and resource group equal those of the candidate's own ``id`` when it
          is known, and the resource group equals its ``resourceGroupName`` when that is known.
        """
        for level in range(depth):
            arm_type = parsed.type_at(level)
            spec = token_for_arm_type(arm_type) if arm_type else None
            if spec is None or parsed.names[level].lower() not in self._input_names(candidate, spec[1]):
                return False
        own_id = lookup(candidate.props, "id")
        if isinstance(own_id, str) and not is_unknown(own_id):
            own = parse_arm_id(own_id)
            if own is not None and (own.subscription.lower() != parsed.subscription.lower()
                                    or own.resource_group.lower() != parsed.resource_group.lower()):
                return False
        groups = self._input_names(candidate, "resourceGroupName")
        return not groups or parsed.resource_group.lower() in groups

    def _input_names(self, resource: StackResource, key: str) -> set[str]:
        """The Azure name(s) input ``key`` of ``resource`` holds (lower-case): the literal
        value, else the names of the resources its property dependencies point at (their
        ``key`` input or ``name`` output). Empty when nothing known names it."""
        value = lookup(resource.props, key)
        if isinstance(value, str) and not is_unknown(value) and value.strip():
            return {value.strip().lower()}
        names: set[str] = set()
        for urn in resource.property_dependencies.get(key, ()):
            dep = self.by_urn.get(urn)
            if dep is None:
                continue
            for dep_key in (key, "name"):
                name = lookup(dep.props, dep_key)
                if isinstance(name, str) and not is_unknown(name) and name.strip():
                    names.add(name.strip().lower())
                    break
        return names

    def _names(self, token: str, name_key: str) -> dict[str, list[StackResource]]:
        index = self._by_name.get((token, name_key))
        if index is None:
            index = {}
            for res in self.by_token.get(token, ()):
                names = set()
                for candidate in (lookup(res.props, name_key), lookup(res.props, "name"), res.name):
                    if isinstance(candidate, str) and not is_unknown(candidate):
                        names.add(candidate.lower())
                for name in names:
                    index.setdefault(name, []).append(res)
            self._by_name[(token, name_key)] = index
        return index

    def find_by_name(self, token: str, name_key: str, name: str, *, exclude: str = "") -> StackResource | None:
        """A stack resource of ``token`` whose Azure name (``name_key`` input, ``name`` output or
        logical name) is ``name`` (case-insensitive, as ARM names are)."""
        for res in self._names(token, name_key).get(name.lower(), ()):
            if res.urn != exclude:
                return res
        return None

    def find_by_host(self, host: str) -> StackResource | None:
        host = host.lower().rstrip(".")
        for token, key, suffix in HOST_SUFFIXES:
            if host.endswith(suffix) and len(host) > len(suffix):
                found = self.find_by_name(token, key, host[: -len(suffix)].split(".", 1)[0])
                if found is not None:
                    return found
        if self._by_host is None:
            self._by_host = {}
            for res in self.resources:
                default_host = lookup(res.props, "defaultHostName")
                if isinstance(default_host, str):
                    self._by_host.setdefault(default_host.lower(), res)
        return self._by_host.get(host)

    # -- resolution -----------------------------------------------------------------------
    def dependency_regions(self, resource: StackResource, key: str) -> tuple[list[str], list[str]]:
        """Regions of the located resources ``key``'s value was computed from, and their URNs."""
        regions, urns = [], []
        for urn in resource.property_dependencies.get(key, ()):
            dep = self.by_urn.get(urn)
            if dep is None or canonical_token(dep.type) == RESOURCE_GROUP:
                continue
            region = self.region_of(dep)
            if region:
                regions.append(region)
                urns.append(urn)
        return regions, urns

    def resolve(self, resource: StackResource, dep_key: str, value: Any, ctx: PolicyContext,
                *, name_token: tuple[str, str] | None = None) -> Placement:
        """Place ``value`` (the reference at a path under top-level input ``dep_key``).

        ``name_token`` = (token, name key) lets a bare name (``dataLakeAccountName``, an object
        replication ``sourceAccount``) match a stack resource of that type."""
        if is_unknown(value):
            regions, urns = self.dependency_regions(resource, dep_key)
            if regions:
                return Placement("resolved", tuple(regions), "property dependencies on " + ", ".join(urns))
            return Placement("unknown", (), f"'{dep_key}' is unknown in this preview and depends on no located resource")
        if not isinstance(value, str) or not value.strip():
            return Placement("unresolved", (), f"{value!r} is not a resource id or URL")
        allowed = ctx.endpoint_region(value)
        if allowed is not None:
            return Placement("resolved", (allowed,), ALLOW_LISTED)
        target: StackResource | None = None
        host = url_host(value)
        if parse_arm_id(value) is not None:
            target = self.find_by_arm_id(value, exclude=resource.urn)
        elif host is not None:
            target = self.find_by_host(host)
        elif name_token is not None:
            target = self.find_by_name(name_token[0], name_token[1], value.strip(), exclude=resource.urn)
        if target is None:
            return Placement("unresolved", (), f"{value!r} is neither a resource of this stack nor listed in "
                                               "allowedExternalEndpoints")
        region = self.region_of(target)
        if region is None and target.external:
            return Placement("unknown", (), f"{value!r} names {target.urn}, {READ_UNKNOWN}")
        if region is None:
            return Placement("unresolved", (), f"{value!r} names {target.urn}, whose region cannot be determined")
        return Placement("resolved", (region,), target.urn)


def outside(regions: Sequence[str], ctx: PolicyContext) -> list[str]:
    """The regions not inside the boundary (all of them when no boundary is configured)."""
    return [r for r in regions if not ctx.inside(r)]


def deps_of(resource: StackResource, keys: Iterable[str]) -> set[str]:
    out: set[str] = set()
    for key in keys:
        out.update(resource.property_dependencies.get(key, ()))
    return out

