"""Time exact boundary spanners on synthetic cities against igraph and networkx exact.

Run from the project folder::

    python benchmarks/bench_spanners.py              # 1k, 2k and 10k units, 5 runs each
    python benchmarks/bench_spanners.py --full       # also 100k units (2 runs: minutes each)
    python benchmarks/bench_spanners.py --only 100000

For each size it gives, as the minimum and the median over the runs: ``metrics()`` with its exact
boundary spanners; the betweenness that ``metrics()`` computes (``betweenness``: the reduced
method, by its C kernel); the reduced method itself by its C kernel and by its numba kernel (the
one used where the package was installed without a C compiler); and two
baselines measured in the same run on the same graph: igraph's exact betweenness of the whole
graph (at 100k units estimated from 100 of its sources, as a full run takes most of an hour) and
networkx's exact ``betweenness_centrality`` (up to 2k units: it takes minutes above).

It also times the start-up each kernel costs in a fresh process, against igraph's, measured in
the same run: loading the C kernel; importing numba and loading its compiled code from the cache;
and compiling that the first time (an empty cache folder).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any

import igraph
import networkx as nx

from orggraph.core import Core
from orggraph.queries import metrics
from orggraph.queries.betweenness import reduced_betweenness
from orggraph.queries.spanners import betweenness, spanner_graph
from orggraph.synth import synthetic_city

SPANNERS = "import networkx as nx; from orggraph.queries.spanners import betweenness; "
IGRAPH_START = SPANNERS + "betweenness(nx.path_graph(3), 'igraph')"
C_START = SPANNERS + ("from orggraph.queries.betweenness import reduced_betweenness; "
                      "reduced_betweenness(3, [(0, 1), (1, 2)], 'c')")
NUMBA_START = C_START.replace("'c'", "'numba'")


def times(run: Callable[[], Any], repeat: int) -> tuple[float, float]:
    """Return the minimum and the median of ``repeat`` timings of ``run()``, in seconds."""
    found = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        found.append(time.perf_counter() - start)
    return min(found), statistics.median(found)


def _indexed(graph: nx.Graph) -> tuple[int, list[tuple[int, int]]]:
    index = {u: i for i, u in enumerate(graph)}
    return len(index), [(index[u], index[v]) for u, v in graph.edges()]


def _igraph_exact(n: int, edges: list[tuple[int, int]], repeat: int) -> tuple[float, float, str]:
    """Time igraph's exact betweenness of the whole graph, or estimate it from 100 sources."""
    graph = igraph.Graph(n=n, edges=edges)
    if n <= 20_000:
        low, mid = times(lambda: graph.betweenness(directed=False), repeat)
        return low, mid, "measured"
    sources = random.Random(0).sample(range(n), 100)
    low, mid = times(lambda: graph.betweenness(directed=False, sources=sources), repeat)
    return low * n / 100, mid * n / 100, "estimated from 100 sources"


def _fresh(code: str, repeat: int, env: dict[str, str] | None = None) -> tuple[float, float]:
    def run() -> None:
        subprocess.run([sys.executable, "-c", code], check=True, env=env)
    return times(run, repeat)


def startup(repeat: int) -> None:
    """Print the kernel's start-up in a fresh process against igraph's, on a 3-node graph."""
    with_igraph = _fresh(IGRAPH_START, repeat)
    with_c = _fresh(C_START, repeat)
    cached = _fresh(NUMBA_START, repeat)
    with tempfile.TemporaryDirectory() as folder:
        cold = _fresh(NUMBA_START, 1, env={**os.environ, "NUMBA_CACHE_DIR": folder})
    print(f"start-up in a fresh process, min / median of {repeat} (compile: 1 run)")
    print(f"  orggraph, betweenness by igraph                {with_igraph[0]:7.3f}s "
          f"{with_igraph[1]:7.3f}s")
    for label, found in (("the C kernel", with_c), ("numba, loaded from its cache", cached),
                         ("numba, compiled (first run)", cold)):
        print(f"  orggraph, {label:36} {found[0]:7.3f}s {found[1]:7.3f}s  "
              f"({found[1] - with_igraph[1]:+.2f}s)")


def _row(n_units: int, repeat: int) -> dict[str, Any]:
    city = synthetic_city(n_units, seed=0)
    graph = spanner_graph(Core(city))
    n, edges = _indexed(graph)
    row: dict[str, Any] = {"units": n_units, "edges": len(edges), "runs": repeat}
    row["metrics"] = times(lambda: metrics(city), repeat)
    row["spanners"] = times(lambda: betweenness(graph), repeat)
    row["reduced"] = times(lambda: reduced_betweenness(n, edges, "c"), repeat)
    row["numba"] = times(lambda: reduced_betweenness(n, edges, "numba"), repeat)
    *row["igraph"], row["igraph_how"] = _igraph_exact(n, edges, repeat)
    if n_units <= 2_000:
        row["networkx"] = times(lambda: nx.betweenness_centrality(graph), repeat)
    return row


def _ratio(baseline: tuple[float, float] | None, ours: tuple[float, float]) -> str:
    if baseline is None:
        return f"{'-':>13}"
    return f"{baseline[0] / ours[0]:6.1f}x {baseline[1] / ours[1]:5.1f}x"


def _print(row: dict[str, Any]) -> None:
    cells = [row["metrics"], row["spanners"], row["reduced"], row["numba"], row["igraph"],
             row.get("networkx")]
    text = " ".join(f"{c[0]:7.3f} {c[1]:7.3f}" if c else f"{'-':>15}" for c in cells)
    print(f"{row['units']:>7} {row['runs']:>4} {text}")
    print(f"{'':>12} igraph / reduced {_ratio(row['igraph'], row['reduced'])}   "
          f"networkx / reduced {_ratio(row.get('networkx'), row['reduced'])}   "
          f"igraph / metrics() {_ratio(row['igraph'], row['metrics'])}   "
          f"numba / C {_ratio(row['numba'], row['reduced'])}", flush=True)
    if row["igraph_how"] != "measured":
        print(f"{'':>12} igraph exact: {row['igraph_how']}, scaled to all sources", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="include the 100k-unit city")
    parser.add_argument("--only", type=int, nargs="*", help="only these sizes, e.g. 100000")
    parser.add_argument("--runs", type=int, default=5, help="runs per size up to 10k units")
    parser.add_argument("--big-runs", type=int, default=2, help="runs at 100k units")
    args = parser.parse_args()
    reduced_betweenness(3, [(0, 1), (1, 2)], "numba")  # compile or load numba before timing
    sizes = args.only or [1_000, 2_000, 10_000] + ([100_000] if args.full else [])
    if not args.only:
        startup(args.runs)
    print("\nseconds, min / median; ratios: baseline time / our time (min, median)")
    print(f"{'units':>7} {'runs':>4} {'metrics()':>15} {'betweenness':>15} {'reduced (C)':>15}"
          f" {'reduced (numba)':>15} {'igraph exact':>15} {'networkx exact':>15}", flush=True)
    medians = {}
    for n in sizes:
        row = _row(n, args.runs if n <= 10_000 else args.big_runs)
        _print(row)
        medians[n] = row["metrics"][1]
    if 10_000 in medians and 100_000 in medians:
        print(f"metrics() with exact spanners, 10k → 100k units: "
              f"{medians[100_000] / medians[10_000]:.0f}x the median time")
    print(f"machine: {os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
