"""Keep CPython's cyclic garbage collector from making large captures and stack analysis quadratic.

A capture of N resources keeps O(N) live objects (outputs, futures, protobufs). Allocation-
triggered collections happen O(N) times and the older generations walk everything alive, so
collector time grows as N^2 (profiled at 1,500 resources: trivial calls at 30-90 us each, i.e.
collector pauses). The same holds while ``AnalyzeStack`` deserialises every resource at once.

Why this is safe: neither pulumi nor pulumi_policy relies on collection timing for correctness
(nothing they do depends on ``__del__`` or weak references firing early); the only effect is
that cyclic garbage made during the run is reclaimed after it instead of during it. Thresholds,
frozen objects and the enabled flag are process-wide, so each manager restores exactly what it
found in ``finally`` (also on errors), and leaves the collector off if it was off.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

#: gen0 threshold during a capture (CPython default 700): collections ~140x rarer, so the number
#: of full walks stays bounded whatever N is; cyclic garbage is still reclaimed during the run.
CAPTURE_GC_THRESHOLD = (100_000, 50, 100)


@contextmanager
def relaxed_gc() -> Iterator[None]:
    """For a capture: freeze what was alive before (earlier runs, imported modules: no
    collection will walk it) and collect young objects ~140x less often.

    On exit one collection runs *before* ``unfreeze``, so it walks only what the run allocated
    (cost proportional to the capture, not to the process) and the run's garbage is reclaimed
    here, at a known point, instead of in whatever code the next collection interrupts
    (finalisers that format tracebacks can break a concurrent ``ast.parse`` on CPython 3.11; see
    ``runtime_state._LoopClosingExecutor``). No collection on entry: a full walk of a large
    test or bench process costs more than it saves; garbage frozen on entry is collected later.
    """
    old = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(*CAPTURE_GC_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*old)
        gc.collect()
        gc.unfreeze()


@contextmanager
def paused_gc() -> Iterator[None]:
    """Collector off for one bounded call (``AnalyzeStack``: one request holding every
    resource; measured 7.8x -> 5.6x growth from 1,000 to 5,000 resources); back on afterwards
    only if it was on before."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
