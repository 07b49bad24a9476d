"""The ``--format text`` report, laid out like ``pulumi preview``: the resource tree
(stack → components → children), then the policy results grouped by policy with the
resources they hit, then what was emulated offline, then a one-line summary."""

from __future__ import annotations

from collections import defaultdict

from ..model import PreviewReport, Violation

#: Per report mode: the title (``{stack}``/``{project}`` filled in), what the summary says the
#: results rest on, and the heading of the notes. A state audit ran no program: it must not claim
#: to be a preview.
MODES: dict[str, tuple[str, str, str]] = {
    "preview": ("Previewing (offline, no providers) stack '{stack}' of project '{project}'",
                "offline preview: no providers, no cloud",
                "Emulated offline (no provider, no cloud):"),
    "check-state": ("Auditing recorded state of stack '{stack}' of project '{project}' (no program ran)",
                    "state audit: values as recorded, no providers",
                    "Notes:"),
}


def _mode(report: PreviewReport) -> tuple[str, str, str]:
    return MODES.get(getattr(report, "mode", "preview"), MODES["preview"])


def _tree_lines(report: PreviewReport) -> list[str]:
    children: dict[str, list] = defaultdict(list)
    urns = {r.urn for r in report.resources}
    roots = []
    for r in report.resources:
        (children[r.parent] if r.parent in urns else roots).append(r)
    width = max((len(r.type) + 3 * _depth(r, report) for r in report.resources), default=10) + 4
    lines = [f"     {'Type':<{width}}Name"]

    def walk(node, prefix: str, last: bool, top: bool) -> None:
        branch = "" if top else ("└─ " if last else "├─ ")
        label = f"{prefix}{branch}{node.type}"
        lines.append(f" +   {label:<{width}}{node.name}")
        kids = children.get(node.urn, [])
        next_prefix = prefix if top else prefix + ("   " if last else "│  ")
        for i, kid in enumerate(kids):
            walk(kid, next_prefix, i == len(kids) - 1, False)

    for root in roots:
        walk(root, "", True, True)
    return lines


def _depth(r, report: PreviewReport) -> int:
    by_urn = {x.urn: x for x in report.resources}
    depth = 0
    while r.parent in by_urn and depth < 50:
        r = by_urn[r.parent]
        depth += 1
    return depth


def _label(v: Violation) -> str:
    if v.undecided:
        return "undecided"
    return v.enforcement_level


def _detail(v: Violation, description: str) -> str:
    text = v.message
    if description and text.startswith(description):
        text = text[len(description):].lstrip("\n")
    return text.replace("\n", " ").strip()


def _resource_label(urn: str, report: PreviewReport) -> str:
    for r in report.resources:
        if r.urn == urn:
            return f"{r.type}: {r.name}"
    return urn or "(stack)"


def _violation_lines(report: PreviewReport) -> list[str]:
    if not report.violations:
        return ["Policies:", f"    {report.pack_name}@v{report.pack_version}: no violations"]
    lines = ["Policies:", f"    {report.pack_name}@v{report.pack_version}"]
    grouped: dict[tuple[str, str], list[Violation]] = defaultdict(list)
    for v in report.violations:
        grouped[(v.policy, _label(v))].append(v)
    order = {"mandatory": 0, "undecided": 1, "advisory": 2}
    for (policy, label), hits in sorted(grouped.items(), key=lambda kv: (order[kv[0][1]], kv[0][0])):
        description = hits[0].message.split("\n", 1)[0] if not hits[0].undecided else ""
        severity = f" ({hits[0].severity})" if hits[0].severity else ""
        lines.append(f"        - [{label}]{severity}  {policy}" + (f": {description}" if description else ""))
        for v in hits:
            lines.append(f"            {_resource_label(v.urn, report)}")
            detail = _detail(v, description)
            if detail:
                lines.append(f"                {detail}")
    return lines


def summary_line(report: PreviewReport) -> str:
    s = report.summary
    line = (
        f"Summary: {s['resources']} resources; {s['mandatory']} mandatory, {s['advisory']} advisory, "
        f"{s['undecided']} undecided policy results ({_mode(report)[1]})"
    )
    blocking = sum(1 for v in report.violations if v.blocks_when_undecided)
    if blocking:
        line += (
            f"\n{blocking} undecided result(s) of mandatory policies fail the run: a value they need is unknown "
            "offline (see each result and the emulated notes). Set it in plain stack config, exempt the URN "
            "in the policy config with a reason, or pass --allow-undecided to accept them deliberately."
        )
    return line


def render_text(report: PreviewReport) -> str:
    lines = [
        _mode(report)[0].format(stack=report.stack, project=report.project),
        "",
        *_tree_lines(report),
        "",
        *_violation_lines(report),
    ]
    if report.emulated or report.remediations:
        lines += ["", _mode(report)[2]]
        lines += [f"    - {note}" for note in [*report.emulated, *report.remediations]]
    lines += ["", summary_line(report)]
    return "\n".join(lines) + "\n"
