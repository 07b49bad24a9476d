"""Write a boundary's policy-pack config (``policy/config.<boundary>.json``) from the rule table.

    python -m sovereign_components.policies.configs EU > policy/config.eu.json

Pulumi's ``"all"`` key sets only an enforcement level, so the boundary is repeated on every
boundary-aware policy; the other policies take only ``exemptions`` and are left out. Pure.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from .table import RULES


def policy_config(boundary: str | list[str]) -> dict[str, Any]:
    """``{policy: {"boundary": ...}}`` for every boundary-aware policy, in table order."""
    return {rule.name: {"boundary": boundary} for rule in RULES if rule.needs_boundary}


def render(boundary: str | list[str]) -> str:
    return json.dumps(policy_config(boundary), indent=2) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m sovereign_components.policies.configs <BOUNDARY>", file=sys.stderr)
        return 2
    sys.stdout.write(render(args[0].upper()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
