"""The timing helper the benchmark scripts share."""

from __future__ import annotations

import compileall
import gc
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

#: The package's folder, whose bytecode the scripts that start fresh processes compile first.
PACKAGE = Path(__file__).resolve().parent.parent / "orggraph"


def compile_package() -> None:
    """Compile the package's bytecode, as pip does on install and Python on a first import.

    A fresh process then reads the compiled modules, as an installed copy does; where
    ``PYTHONDONTWRITEBYTECODE`` is set, a checkout would otherwise compile its sources again
    in every run, a cost no installed copy pays.
    """
    compileall.compile_dir(PACKAGE, quiet=1)


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
