"""Data flows found by value (``data-flows-in-boundary``). Pure: no Pulumi.

Rules that know a property by name catch the flows someone thought of. The unknown unknowns (a
Logic App definition's HTTP URI, a Notification Hubs replication region, a Redis geo-replica id,
a SQL failover partner, an Application Insights workspace, a data export target) are found by
*value* instead: every string anywhere in a resource's inputs that is

- an **ARM id** (``/subscriptions/...``, ``/providers/...``) or a **URL** - a potential flow to
  that resource or host,
- a **host** with an Azure data-plane suffix (``acct.blob.core.windows.net``), or any value of a
  catalogue flow of kind ``host`` (a Front Door origin),
- a **region name** - a potential placement,

must be placed inside the boundary: a resource of this stack (however its id was formed: by id,
by ARM type + name in the same place, by host) in a region inside, an endpoint allow-listed with
its region in this policy's ``allowedExternalEndpoints``, or a region inside. The catalogue marks
what is benign (tags, descriptions, schema URLs, control-plane hosts, role definitions, a
private endpoint's own subnet), each with the reason. A value that cannot be placed fails
closed; an unknown value (a preview output) at an id/URL input or a catalogue flow is placed
through its property dependencies, and is undecided when they lead to no located resource - it
is never compliant by default.

Children live in their parent's region: a ``parent``-kind type (a queue, a container, a failover
group) must name a parent of this stack - through its property dependencies or by name in the
same resource group - that is inside the boundary. A child written into an existing parent this
stack does not create cannot be placed, so it is blocked with how to exempt it.

Properties a dedicated policy already judges (Event Grid destinations, capture, diagnostic
sinks, DR partners, object replication, forwarding, private-endpoint targets, locations) are
left to it, so each finding is reported once, by the policy that explains it best.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ...geo.regions import GLOBAL_LOCATIONS, canonical_region, is_known_region, normalize_region_name
from .. import facts
from ..arm import parse_arm_id, url_host
from ..catalogue import PREFIX, Flow, TypeEntry, catalogue
from ..context import NO_BOUNDARY_MESSAGE, PolicyContext
from ..findings import Finding, StackResource
from ..resolve import READ_UNKNOWN, RESOURCE_GROUP, StackIndex
from ..tokens import canonical_token, short
from ..values import MISSING, is_unknown, lookup
from .cross_region import REFERENCES

POLICY = "data-flows-in-boundary"
CONTROL = "DF"
_HOW = ("allow-list it with its region in this policy's allowedExternalEndpoints, or exempt the resource "
        "with a reason")

#: Paths judged by a dedicated policy (besides the REFERENCES rows of cross_region).
_LOCATION_PATHS: dict[str, tuple[str, ...]] = {
    "azure-native:cosmosdb:DatabaseAccount": ("locations[].locationName",),
    "azure-native:servicebus:Namespace": ("geoDataReplication.locations[].locationName",),
}


@dataclass(frozen=True, slots=True)
class Candidate:
    """A string found in a resource's inputs that may be a flow or a placement."""

    path: str      # concrete: a.b[2].c
    pattern: str   # catalogue form: a.b[].c
    top: str       # the top-level input (its property dependencies place an unknown)
    value: Any
    kind: str      # ref | host | name | region | unknown | unparseable
    flow: Flow | None = None


def _pattern(path: str) -> str:
    out, depth = [], 0
    for ch in path:
        if ch == "[":
            depth += 1
            out.append("[]")
        elif ch == "]":
            depth -= 1
        elif depth == 0:
            out.append(ch)
    return "".join(out)


def _covered(pattern: str, prefixes: Sequence[str]) -> bool:
    for prefix in prefixes:
        if pattern == prefix or pattern.startswith(prefix + ".") or pattern.startswith(prefix + "["):
            return True
    return False


@lru_cache(maxsize=1024)
def _skipped(token: str) -> tuple[str, ...]:
    """Patterns of ``token`` the scan leaves alone: benign, location, another policy's, and the
    outputs that are not inputs (its own endpoints and state, which stack policies and
    ``check-state`` see; ``data/sdk_facts.json``)."""
    entry = catalogue().types.get(token)
    # its own location (L1), id, name and type (outputs a stack policy sees)
    out = ["location", "id", "type"]
    out.extend(facts.output_only(token))
    if entry is not None:
        out.extend(entry.benign)
    out.extend(_LOCATION_PATHS.get(token, ()))
    out.extend(_pattern(ref.path) for ref in REFERENCES if ref.applies(token))
    return tuple(out)


@lru_cache(maxsize=1)
def _data_plane_suffixes() -> tuple[str, ...]:
    return tuple(sorted({s for e in catalogue().types.values() for s in e.hosts}, key=len, reverse=True))


def _looks_like_arm_id(value: str) -> bool:
    low = value.strip().lower()
    return low.startswith("/subscriptions/") or low.startswith("/providers/")


def arm_type_of(value: str) -> str | None:
    """The ARM type an id names (``microsoft.authorization/roledefinitions``), any scope."""
    parts = [p for p in value.strip().split("/") if p]
    lowered = [p.lower() for p in parts]
    if "providers" not in lowered:
        return None
    i = len(lowered) - 1 - lowered[::-1].index("providers")
    rest = parts[i + 1:]
    if len(rest) < 2:
        return None
    return "/".join([rest[0], *rest[1::2]]).lower()


def _is_region(value: str) -> bool:
    return normalize_region_name(value) not in GLOBAL_LOCATIONS and is_known_region(value)


def _host_like(value: str) -> bool:
    low = value.strip().lower()
    return " " not in low and "/" not in low and any(low.endswith(s) for s in _data_plane_suffixes())


def _classify(value: Any, pattern: str, token: str, flow: Flow | None) -> str | None:
    if not isinstance(value, str):
        return None
    if is_unknown(value):
        return "unknown" if flow is not None or pattern in facts.refs(token) else None
    text = value.strip()
    if not text:
        return None
    if flow is not None and flow.kind == "name":
        return "name"
    if flow is not None and flow.kind == "region":
        return "region"
    if _looks_like_arm_id(text) or url_host(text) is not None:
        return "ref"
    if flow is not None and flow.kind == "host":
        return "host"
    if _is_region(text):
        return "region"
    if _host_like(text):
        return "host"
    if flow is not None:
        return "unparseable"
    return None


def scan(res: StackResource) -> Iterator[Candidate]:
    """Every candidate flow or placement in ``res``'s inputs (benign and handled paths skipped)."""
    token = canonical_token(res.type)
    entry = catalogue().types.get(token)
    flows = {f.path: f for f in entry.flows} if entry is not None else {}
    skipped = _skipped(token)
    benign_keys = catalogue().benign_keys

    def walk(value: Any, path: str, pattern: str, top: str) -> Iterator[Candidate]:
        if isinstance(value, Mapping):
            for key, item in value.items():
                if not isinstance(key, str) or key in benign_keys:
                    continue
                sub = f"{pattern}.{key}" if pattern else key
                if _covered(sub, skipped):
                    continue
                yield from walk(item, f"{path}.{key}" if path else key, sub, top or key)
        elif isinstance(value, Sequence) and not isinstance(value, (str, bytes)):
            for i, item in enumerate(value):
                yield from walk(item, f"{path}[{i}]", f"{pattern}[]", top)
        else:
            flow = flows.get(pattern)
            kind = _classify(value, pattern, token, flow)
            if kind is not None:
                yield Candidate(path, pattern, top, value, kind, flow)

    yield from walk(res.props, "", "", "")


# -- placing ---------------------------------------------------------------------------------

def _global(index: StackIndex, target: StackResource) -> bool:
    """A stack resource that lives nowhere in particular (a global type, or a child of one):
    its own entry judges it, so pointing at it places nothing outside."""
    entry = catalogue().types.get(canonical_token(target.type))
    location = lookup(target.props, "location")
    if isinstance(location, str) and normalize_region_name(location) in GLOBAL_LOCATIONS:
        return True
    while entry is not None:
        if entry.location == "global":
            return True
        if entry.location != "parent" or entry.parent is None:
            return False
        entry = catalogue().types.get(entry.parent)
    return False


def _region_finding(res: StackResource, what: str, regions: Sequence[str], via: str,
                    ctx: PolicyContext) -> Finding | None:
    if ctx.boundary is None:
        return Finding(f"{what}: {NO_BOUNDARY_MESSAGE}", CONTROL, res.urn)
    outside = sorted({r for r in regions if not ctx.inside(r)})
    if outside:
        return Finding(f"{what} is in region(s) {', '.join(outside)} (via {via}), outside the sovereignty "
                       f"boundary {ctx.boundary_label}", CONTROL, res.urn)
    return None


def _place_target(index: StackIndex, res: StackResource, target: StackResource, what: str,
                  ctx: PolicyContext) -> Finding | None:
    if _global(index, target):
        return None
    region = index.region_of(target)
    if region is None and target.external:
        return Finding(f"{what} names {target.urn}, {READ_UNKNOWN}", CONTROL, res.urn, undecided=True)
    if region is None:
        return Finding(f"{what} names {target.urn}, whose region cannot be determined; a target that cannot be "
                       f"placed inside the boundary is blocked ({_HOW})", CONTROL, res.urn)
    return _region_finding(res, what, (region,), target.urn, ctx)


def _benign_ref(value: str, host: str | None) -> bool:
    cat = catalogue()
    if host is not None:
        return any(host == h or host.endswith("." + h) for h in cat.benign_hosts)
    arm_type = arm_type_of(value)
    return arm_type is not None and arm_type in cat.benign_arm_types


def _region_in_path(value: str) -> str | None:
    """The region of an id of a :attr:`~.catalogue.Catalogue.regional_arm_types` type (the
    segment after ``locations``), else ``None``."""
    arm_type = arm_type_of(value)
    if arm_type is None or arm_type not in catalogue().regional_arm_types:
        return None
    parts = [p for p in value.strip().split("/") if p]
    lowered = [p.lower() for p in parts]
    i = len(lowered) - 1 - lowered[::-1].index("locations") if "locations" in lowered else -1
    return parts[i + 1] if 0 <= i < len(parts) - 1 else None


def _outputs_index(index: StackIndex) -> dict[str, list[StackResource]]:
    """Every string a stack resource exposes as a computed output (a path the SDK declares as an
    output and not an input: a workspace's ``customerId``, a registry's ``loginServer``) -> the
    resources exposing it. Built once per stack validation."""
    cached = getattr(index, "_flows_outputs", None)
    if cached is not None:
        return cached
    found: dict[str, list[StackResource]] = {}

    def walk(res: StackResource, value: Any, pattern: str, outputs: tuple[str, ...], inside: bool) -> None:
        if isinstance(value, Mapping):
            for key, item in value.items():
                if isinstance(key, str):
                    sub = f"{pattern}.{key}" if pattern else key
                    walk(res, item, sub, outputs, inside or _covered(sub, outputs))
        elif isinstance(value, Sequence) and not isinstance(value, (str, bytes)):
            for item in value:
                walk(res, item, f"{pattern}[]", outputs, inside)
        elif inside and isinstance(value, str) and len(value.strip()) >= 8 and not is_unknown(value):
            found.setdefault(value.strip().lower(), []).append(res)

    for res in index.resources:
        outputs = facts.output_only(canonical_token(res.type))
        if outputs:
            walk(res, res.props, "", outputs, False)
    index._flows_outputs = found  # type: ignore[attr-defined]
    return found


def _judge(index: StackIndex, res: StackResource, cand: Candidate, ctx: PolicyContext) -> Finding | None:
    what = f"{short(res.type)} {cand.path}"
    if cand.flow is not None and cand.flow.what:
        what += f" ({cand.flow.what})"
    value = cand.value
    edge = catalogue().types.get(canonical_token(res.type))
    if edge is not None and edge.edge and cand.flow is not None and cand.kind in ("ref", "host", "unknown"):
        shown = "unknown in this preview" if cand.kind == "unknown" else repr(value)
        return Finding(f"{what} is {shown}: {edge.edge}; serve regulated data from inside the boundary, or exempt "
                       f"this resource in {POLICY} with a reason if the origin holds only public content",
                       CONTROL, res.urn)
    if cand.kind == "unparseable":
        return Finding(f"{what} is {value!r}, which is neither an ARM id, a URL nor a host name, so the gate cannot "
                       "tell where the data goes (fail closed); write the target's full resource id or URL",
                       CONTROL, res.urn)
    if cand.kind == "region":
        if not is_known_region(value):
            return Finding(f"{what} is {value!r}, not a public Azure region in the catalog, so it cannot be shown "
                           f"inside {ctx.boundary_label}", CONTROL, res.urn)
        return _region_finding(res, what, (canonical_region(value),), f"the region name {value!r}", ctx)
    if cand.kind == "unknown":
        regions, urns = index.dependency_regions(res, cand.top)
        if regions:
            return _region_finding(res, what, regions, "property dependencies on " + ", ".join(urns), ctx)
        deps = [index.by_urn[u] for u in res.property_dependencies.get(cand.top, ()) if u in index.by_urn]
        if any(_global(index, d) for d in deps):
            return None
        return Finding(f"{what}: '{cand.top}' is unknown in this preview and depends on no located resource",
                       CONTROL, res.urn, undecided=True)
    allowed = ctx.endpoint_region(value)
    if allowed is not None:
        return _region_finding(res, what, (allowed,), "allowedExternalEndpoints", ctx)
    host = url_host(value) if cand.kind == "ref" else value.strip().lower().rstrip(".") if cand.kind == "host" else None
    if cand.kind != "name" and _benign_ref(value, host):
        return None
    region = _region_in_path(value) if cand.kind == "ref" else None
    if region is not None:
        if not is_known_region(region):
            return Finding(f"{what} is {value!r}, whose region {region!r} is not a public Azure region in the "
                           f"catalog, so it cannot be shown inside {ctx.boundary_label}", CONTROL, res.urn)
        return _region_finding(res, what, (canonical_region(region),), f"the region in {value!r}", ctx)
    exposed = [t for t in _outputs_index(index).get(value.strip().lower(), ()) if t.urn != res.urn]
    if exposed:
        # an output of a resource of this stack is placed where that resource lives
        found = [f for f in (_place_target(index, res, t, what, ctx) for t in exposed) if f is not None]
        return found[0] if found else None
    target: StackResource | None
    if cand.kind == "name":
        name_token = cand.flow.name_token if cand.flow is not None else None
        spec = catalogue().types.get(name_token) if name_token else None
        target = index.find_by_name(name_token, spec.name_key or "name", value.strip(), exclude=res.urn) \
            if spec is not None and name_token else None
    elif host is not None:
        target = index.find_by_host(host)
    else:
        target = index.find_by_arm_id(value, exclude=res.urn)
    if target is None:
        return Finding(f"{what} sends to {value!r}, which is neither a resource of this stack nor listed in "
                       f"allowedExternalEndpoints; a target that cannot be placed inside the boundary is blocked "
                       f"({_HOW})", CONTROL, res.urn)
    return _place_target(index, res, target, what, ctx)


def _parent(index: StackIndex, res: StackResource, entry: TypeEntry, ctx: PolicyContext) -> Finding | None:
    """A child lives in its parent's region: the parent must be a stack resource inside."""
    assert entry.parent is not None and entry.parent_key is not None
    parent_entry = catalogue().types[entry.parent]
    key = entry.parent_key
    what = f"{short(res.type)} lives in its parent {parent_entry.short}"
    parent = index.catalogue_parent(res)
    if parent is not None:
        return _place_target(index, res, parent, what, ctx)
    value = lookup(res.props, key)
    if is_unknown(value):
        regions, urns = index.dependency_regions(res, key)
        if regions:
            return _region_finding(res, what, regions, "property dependencies on " + ", ".join(urns), ctx)
        return Finding(f"{what}: '{key}' is unknown in this preview and depends on no located resource",
                       CONTROL, res.urn, undecided=True)
    if not isinstance(value, str) or not value.strip():
        shown = "absent" if value is MISSING else repr(value)
        return Finding(f"{what}, but '{key}' is {shown}, so the parent cannot be found (fail closed)",
                       CONTROL, res.urn)
    return Finding(f"{what} '{value}', which is not a resource of this stack, so its region cannot be shown inside "
                   f"the boundary (fail closed); create the parent in this stack, or exempt this resource in "
                   f"{POLICY} with a reason", CONTROL, res.urn)


def check_data_flows(resources: Sequence[StackResource], ctx: PolicyContext) -> list[Finding]:
    """Every resource's candidate flows and placements, and every child's parent."""
    index = StackIndex(resources)
    findings: list[Finding] = []
    types = catalogue().types
    for res in index.resources:
        if ctx.is_exempt(res.urn):
            continue
        token = canonical_token(res.type)
        entry = types.get(token)
        if entry is None and not token.startswith(PREFIX):
            continue  # components create nothing; other providers are unvetted-resource-type's
        if entry is not None and entry.escape_hatch:
            continue  # its virtual resources are judged instead
        if entry is not None and entry.location == "parent" and token != RESOURCE_GROUP:
            found = _parent(index, res, entry, ctx)
            if found:
                findings.append(found)
        if "#" in res.urn:
            # a template resource placed at resourceGroup().location: only the stack knows that
            # group (resource policies see the location as unknown), so it is judged here
            where = lookup(res.props, "location")
            if isinstance(where, str) and not is_unknown(where) and _is_region(where):
                found = _region_finding(res, f"{short(res.type)} location", (canonical_region(where),),
                                        "the template's location", ctx)
                if found:
                    findings.append(found)
        seen_unknown: set[str] = set()
        for cand in scan(res):
            if cand.kind == "unknown":
                if cand.top in seen_unknown:
                    continue
                seen_unknown.add(cand.top)
            found = _judge(index, res, cand, ctx)
            if found:
                findings.append(found)
    return findings
