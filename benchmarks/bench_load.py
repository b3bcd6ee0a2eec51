"""Benchmark: load + validate + graph build of synthetic cities against ``json.loads``.

For each size, a synthetic city is written once as JSON; then, in a fresh process per size (so
that peak memory belongs to that size alone), the best of a few runs is timed for:

- ``json.loads``: parsing the text alone, the baseline;
- ``read``: :func:`orggraph.loaders.sources.read_dataset` (file → plain sections);
- ``validate``: :func:`orggraph.loaders.validate.build_city` (sections → valid City);
- ``load``: :func:`orggraph.load` (read + validate);
- ``load+graph``: :func:`orggraph.load` then :func:`orggraph.to_networkx`.

Times are CPU seconds of the process (``time.process_time``), which other work on a busy
machine disturbs much less than wall-clock time. Ratios are to ``json.loads`` measured in the same
process. The goal at 100k units is
``load+graph`` within 3× of ``json.loads``. Peak memory is measured with ``tracemalloc`` in a
separate run of each stage (tracing slows the code, so timed runs are not traced), and the
process's maximum resident size is reported too.

Run::

    python benchmarks/bench_load.py                  # 1k, 10k, 100k units
    python benchmarks/bench_load.py --sizes 1000 --repeat 5
    python benchmarks/bench_load.py --profile 100000  # where load + graph spend their time
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import json
import pstats
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from timing import best_time

STAGES = ("json.loads", "read", "validate", "load", "load+graph")


def _stages(path: Path) -> dict[str, Callable[[], Any]]:
    import orggraph
    from orggraph.loaders.sources import read_dataset
    from orggraph.loaders.validate import build_city

    text = path.read_text(encoding="utf-8")
    raw = read_dataset(path)
    return {
        "json.loads": lambda: json.loads(text),
        "read": lambda: read_dataset(path),
        "validate": lambda: build_city(raw),
        "load": lambda: orggraph.load(path),
        "load+graph": lambda: orggraph.to_networkx(orggraph.load(path)),
    }


def _peak_bytes(run: Callable[[], Any]) -> int:
    gc.collect()
    tracemalloc.start()
    result = run()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del result
    return peak


def measure(path: Path, repeat: int) -> dict[str, Any]:
    """Time and measure every stage on one dataset file (run this in a fresh process)."""
    import orggraph

    stages = _stages(path)
    stages["load+graph"]()  # warm up imports and caches outside the timings
    times = {name: best_time(run, repeat, clock=time.process_time) for name, run in stages.items()}
    peaks = {name: _peak_bytes(run) for name, run in stages.items()}
    g = orggraph.to_networkx(orggraph.load(path))
    return {"times": times, "peaks": peaks, "nodes": g.number_of_nodes(),
            "edges": g.number_of_edges(), "bytes": path.stat().st_size,
            "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}


def write_dataset(n: int, folder: Path, seed: int) -> Path:
    """Write the synthetic city of ``n`` units as JSON and return its path."""
    from orggraph.loaders.dump import write_city
    from orggraph.synth import synthetic_city

    return write_city(synthetic_city(n, seed), folder / f"synth-{n}.json")


def _mb(n: float) -> str:
    return f"{n / 1e6:8.1f}"


def report(n: int, r: dict[str, Any]) -> None:
    """Print one size's table."""
    base = r["times"]["json.loads"]
    print(f"\n{n:,} units: {r['bytes'] / 1e6:.1f} MB JSON, graph {r['nodes']:,} nodes, "
          f"{r['edges']:,} edges, max RSS {r['maxrss_kb'] / 1e3:.0f} MB")
    print(f"  {'stage':<12} {'best cpu s':>11} {'× json':>7} {'peak MB':>8}")
    for name in STAGES:
        t = r["times"][name]
        print(f"  {name:<12} {t:11.4f} {t / base:7.2f} {_mb(r['peaks'][name])}")
    graph = r["times"]["load+graph"] - r["times"]["load"]
    print(f"  breakdown of load+graph: read {r['times']['read']:.3f}s, validate "
          f"{r['times']['validate']:.3f}s, graph {graph:.3f}s")


def profile(n: int, seed: int) -> None:
    """Print where load + graph build spend their time on a city of ``n`` units."""
    import orggraph

    with tempfile.TemporaryDirectory() as folder:
        path = write_dataset(n, Path(folder), seed)
        orggraph.load(path)
        profiler = cProfile.Profile()
        profiler.enable()
        orggraph.to_networkx(orggraph.load(path))
        profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print a table per size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3, help="runs per stage; the best counts")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--profile", type=int, metavar="N", help="profile one size instead")
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)  # child process: one file
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(measure(args.one, args.repeat)))
        return 0
    if args.profile:
        profile(args.profile, args.seed)
        return 0
    with tempfile.TemporaryDirectory() as folder:
        for n in args.sizes:
            path = write_dataset(n, Path(folder), args.seed)
            child = subprocess.run([sys.executable, __file__, "--one", str(path), "--repeat",
                                    str(args.repeat)], capture_output=True, text=True,
                                   check=True)
            report(n, json.loads(child.stdout))
    return 0


if __name__ == "__main__":
    sys.exit(main())
