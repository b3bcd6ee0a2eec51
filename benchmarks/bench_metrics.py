"""Time ``orggraph metrics`` end to end on synthetic cities, against plain networkx betweenness.

Run from the project folder::

    python benchmarks/bench_metrics.py            # 1k, 2k, 10k units
    python benchmarks/bench_metrics.py --full     # also 100k units (slow to generate and load)

For each size it times: the command line end to end on a JSON dataset file (a fresh process:
start-up, loading, validation, metrics, rendering the table), and ``metrics(city)`` alone on an
already loaded city. The baseline is ``networkx.betweenness_centrality`` on the boundary-spanner
graph of the 2k city, measured in the same run.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import networkx as nx
from timing import best_time

from orggraph.core import Core
from orggraph.queries import metrics
from orggraph.queries.spanners import betweenness, spanner_graph
from orggraph.synth import synthetic_city


def _cli(path: Path) -> float:
    def run():
        subprocess.run([sys.executable, "-m", "orggraph.cli", "metrics", str(path)], check=True,
                       stdout=subprocess.DEVNULL)
    return best_time(run, repeat=3 if path.stat().st_size < 5_000_000 else 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="include the 100k-unit city")
    args = parser.parse_args()
    sizes = [1_000, 2_000, 10_000] + ([100_000] if args.full else [])
    rows = []
    baseline = None
    with tempfile.TemporaryDirectory() as folder:
        for n in sizes:
            city = synthetic_city(n, seed=0)
            path = Path(folder) / f"synth-{n}.json"
            path.write_text(json.dumps(city.model_dump(mode="json", exclude_none=True)),
                            encoding="utf-8")
            compute = best_time(lambda c=city: metrics(c), repeat=3 if n <= 10_000 else 1)
            end_to_end = _cli(path)
            graph = spanner_graph(Core(city))
            between = best_time(lambda g=graph: betweenness(g))
            rows.append((n, compute, end_to_end, between))
            if n == 2_000:
                baseline = best_time(lambda g=graph: nx.betweenness_centrality(g))
    print(f"{'units':>8} {'end to end':>11} {'metrics()':>11} {'of which':>11}  betweenness")
    for n, compute, end_to_end, between in rows:
        print(f"{n:>8} {end_to_end:>10.3f}s {compute:>10.3f}s {between:>10.3f}s  "
              "exact")
    if baseline is not None:
        two_k = next(r for r in rows if r[0] == 2_000)
        print(f"\nbaseline: networkx.betweenness_centrality on the 2k city: {baseline:.2f}s")
        print(f"metrics() on 2k is {baseline / two_k[1]:.0f}x faster than the baseline alone; "
              f"end to end {baseline / two_k[2]:.0f}x")
    by_size = {r[0]: r for r in rows}
    if 10_000 in by_size and 100_000 in by_size:
        ratio = by_size[100_000][1] / by_size[10_000][1]
        rest = ((by_size[100_000][1] - by_size[100_000][3])
                / (by_size[10_000][1] - by_size[10_000][3]))
        print(f"metrics() growth 10k → 100k units: {ratio:.1f}x for 10x the units; "
              f"{rest:.1f}x without the betweenness")


if __name__ == "__main__":
    main()
