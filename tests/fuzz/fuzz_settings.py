"""Hypothesis settings of the stack-config and state-file fuzz tests.

``SOVEREIGN_FUZZ_EXAMPLES`` sets the examples per property (default 500: every run of
``make test`` explores the readers anew, in seconds on an idle machine); a deeper run, e.g.
``SOVEREIGN_FUZZ_EXAMPLES=5000``, needs no code change. No per-example deadline (a loaded CI
runner must not turn a slow example into a failure; speed belongs in ``make bench``), no example
database written into the checkout, failing examples printed with their reproduction blob.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

FUZZ = settings(
    max_examples=int(os.environ.get("SOVEREIGN_FUZZ_EXAMPLES", "500")),
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)
