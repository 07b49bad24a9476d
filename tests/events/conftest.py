"""Fixtures of the event-contract tests, and the hypothesis profiles of the event runtime's
property tests (issue 10).

Profiles (registered here; the property tests apply them with ``@PROPERTY`` from
``event_strategies``, so other packages' hypothesis tests keep their own settings):

- ``sovereign-events-ci`` (the default, what ``make test`` and CI run): 2,000 examples per
  property, as the issue asks, no per-example deadline (a loaded 2-core CI runner must not turn
  a slow example into a failure; speed belongs in ``make bench``), no example database written
  into the checkout, failing examples printed with their reproduction blob;
- ``sovereign-events-dev``: 200 examples, for a quick local loop
  (``SOVEREIGN_HYPOTHESIS_PROFILE=sovereign-events-dev``).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from events_seed import SEED_JSON
from hypothesis import HealthCheck, settings

CI_PROFILE = "sovereign-events-ci"
DEV_PROFILE = "sovereign-events-dev"
_COMMON: dict[str, Any] = {
    "deadline": None,
    "database": None,
    "print_blob": True,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}
settings.register_profile(CI_PROFILE, max_examples=2000, **_COMMON)
settings.register_profile(DEV_PROFILE, max_examples=200, **_COMMON)


@pytest.fixture
def seed() -> dict[str, Any]:
    return json.loads(SEED_JSON)
