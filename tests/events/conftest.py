from __future__ import annotations

import json
from typing import Any

import pytest
from events_seed import SEED_JSON


@pytest.fixture
def seed() -> dict[str, Any]:
    return json.loads(SEED_JSON)
