"""``docs/components/`` is generated from the package schema and must be current; the pages
carry what the issue asks of a reference page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sovereign_components.components import docgen
from sovereign_components.components import provider

DOCS = Path(__file__).resolve().parents[2] / "docs" / "components"


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return provider.schema()


@pytest.fixture(scope="module")
def pages(schema: dict[str, Any]) -> dict[str, str]:
    return docgen.render_all(schema)


def test_committed_pages_are_current(pages: dict[str, str]) -> None:
    stale = docgen.stale_pages(DOCS, pages)
    assert stale == [], f"stale: {stale}; run .venv/bin/python -m sovereign_components.components.docgen"
    assert sorted(p.name for p in DOCS.glob("*.md")) == sorted(pages)


def _section(page: str, heading: str) -> list[str]:
    """The lines under ``## heading`` up to the next ``## `` heading."""
    lines = page.splitlines()
    start = lines.index(f"## {heading}") + 1
    end = next((i for i in range(start, len(lines)) if lines[i].startswith("## ")), len(lines))
    return lines[start:end]


@pytest.mark.parametrize("class_name", [name for _, name in provider.COMPONENTS])
def test_a_page_lists_every_input_and_output_with_its_description(class_name: str, pages: dict[str, str],
                                                                  schema: dict[str, Any]) -> None:
    page = pages[f"{class_name}.md"]
    resource = schema["resources"][provider.token(class_name)]
    for heading, properties in (("Inputs", resource["inputProperties"]), ("Outputs", resource["properties"])):
        rows = _section(page, heading)
        for name, prop in properties.items():
            (row,) = [line for line in rows if line.startswith(f"| `{name}` ")]
            assert docgen._cell(prop.get("description")) in row
        assert len([line for line in rows if line.startswith("| `")]) == len(properties)
    assert f"type: {provider.token(class_name)}" in page  # the YAML example
    assert f"from sovereign_components import {class_name}" in page  # the Python example


def test_controls_are_extracted_from_descriptions() -> None:
    assert docgen.controls_in("Zones stay inside the region, unlike GRS (G3, T8); see G3 and T10.") == ["G3", "T8", "T10"]
    assert docgen.controls_in("default 3 (the source design's value)") == []
    assert docgen.controls_in("TLS1_2 and SKU P1 are not controls") == []


def test_the_input_row_names_the_controls_its_description_cites(pages: dict[str, str]) -> None:
    (row,) = [line for line in pages["ComplianceDLQ.md"].splitlines() if line.startswith("| `location` ")]
    assert row.rstrip(" |").endswith("L1, G13")


def test_check_mode_reports_a_stale_page(tmp_path: Path, pages: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    for name, text in pages.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "ComplianceDLQ.md").write_text("edited by hand\n", encoding="utf-8")
    assert docgen.main(["--check", "--out", str(tmp_path)]) == 1
    assert "ComplianceDLQ.md: stale" in capsys.readouterr().err
