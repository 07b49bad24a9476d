"""docs/arm-templates.md keeps up with the code: every evaluated function and every escape-hatch
token is named there."""

from __future__ import annotations

from pathlib import Path

from sovereign_components.policies.arm_template import ESCAPE_HATCHES, KNOWN_FUNCTIONS

DOC = Path(__file__).resolve().parents[3] / "docs" / "arm-templates.md"


def test_every_function_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8").lower()
    missing = sorted(f for f in KNOWN_FUNCTIONS if f"`{f}`" not in text)
    assert not missing, f"docs/arm-templates.md does not name: {missing}"


def test_every_token_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    missing = [t for t in ESCAPE_HATCHES if f"`resources:{t.rsplit(':', 1)[1]}`" not in text]
    assert not missing, f"docs/arm-templates.md does not name: {missing}"
