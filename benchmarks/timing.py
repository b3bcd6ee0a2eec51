"""The timing helper the benchmark scripts share."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import Any


def best_time(run: Callable[[], Any], repeat: int = 1,
              clock: Callable[[], float] = time.perf_counter) -> float:
    """Return the shortest of ``repeat`` timings of ``run()``, in seconds of ``clock``.

    The best of several runs, each after a garbage collection, is the least disturbed by
    whatever else the machine is doing.

    >>> best_time(lambda: sum(range(10)), repeat=2) >= 0
    True
    """
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = clock()
        run()
        best = min(best, clock() - start)
    return best
